// placeholder until its issue lands: says so and fails.
import { defineCommand } from "../command.js";
import { DeepPersonaError } from "../../core/errors.js";

export const command = defineCommand({
  name: "population check",
  summary: "not yet implemented",
  options: {},
  async run() {
    throw new DeepPersonaError("E_USAGE", "'population check' is not implemented yet");
  },
});
