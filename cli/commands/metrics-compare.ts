// placeholder until its issue lands: says so and fails.
import { defineCommand } from "../command.js";
import { DeepPersonaError } from "../../core/errors.js";

export const command = defineCommand({
  name: "metrics compare",
  summary: "not yet implemented",
  options: {},
  async run() {
    throw new DeepPersonaError("E_USAGE", "'metrics compare' is not implemented yet");
  },
});
