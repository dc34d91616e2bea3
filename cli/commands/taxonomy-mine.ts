// placeholder until its issue lands: says so and fails.
import { defineCommand } from "../command.js";
import { DeepPersonaError } from "../../core/errors.js";

export const command = defineCommand({
  name: "taxonomy mine",
  summary: "not yet implemented",
  options: {},
  async run() {
    throw new DeepPersonaError("E_USAGE", "'taxonomy mine' is not implemented yet");
  },
});
