import type { Command } from "../io.js";

// Placeholder until the eval command lands; replaced by its implementation.
const run: Command = async (_args, io) => {
  io.err("the eval command is not available yet");
  return 1;
};
export default run;
