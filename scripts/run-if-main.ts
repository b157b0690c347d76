/**
 * Runs a script's `main` when the file is the one node was started with (`tsx scripts/x.ts`), not
 * when a test imports it for its exports; the exit code is main's, 1 on a thrown error.
 */
import { resolve } from "node:path";

/** Calls `main(argv)` if `moduleUrl` (the caller's import.meta.url) is the entry point. */
export function runIfMain(moduleUrl: string, main: (args: string[]) => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== new URL(`file://${resolve(process.argv[1])}`).href) return;
  main(process.argv.slice(2)).then(
    (c) => (process.exitCode = c),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
