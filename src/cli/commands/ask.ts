import type { Command } from "../io.js";

// Placeholder until the ask command lands; replaced by its implementation.
const run: Command = async (_args, io) => {
  io.err("the ask command is not available yet");
  return 1;
};
export default run;
