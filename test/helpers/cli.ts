/** Runs a `npm run cli` command through the real dispatcher (`main`) with a capturing io. */
import { Readable } from "node:stream";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    stdin: Readable.from([]),
    env,
  };
  const code = await main(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
