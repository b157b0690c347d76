/** What a CLI command may touch: its output streams, stdin and the environment (for tests). */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/** A command: parses its own arguments and returns the exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Bad arguments: a usage message on stderr and exit code 2. */
export function usageError(io: CliIo, message: string): number {
  io.err(message);
  return 2;
}
