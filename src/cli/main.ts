/**
 * `npm run --silent cli -- <command> ...`: a thin dispatcher. Each command lives in
 * src/cli/commands/<name>.ts and exports `run(args, io): Promise<number>` (the exit code).
 * Commands are imported lazily so `knowledge` does not pay for the bot's start-up.
 */
import { usageError, type CliIo, type Command } from "./io.js";

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ default: Command }> }> = {
  knowledge: {
    summary: "knowledge --json | check | show <id>",
    load: () => import("./commands/knowledge.js"),
  },
  search: {
    summary: 'search --json [--ward 東区] [--limit N] "<query>" | --stdin',
    load: () => import("./commands/search.js"),
  },
  eval: {
    summary: "eval --queries FILE [--json] | --corpus C --queries Q --qrels R",
    load: () => import("./commands/eval.js"),
  },
  ask: {
    summary: 'ask --json [--user ID] "<text>" | --postback DATA | --follow',
    load: () => import("./commands/ask.js"),
  },
  notice: {
    summary: "notice create|preview|dry-run|confirm|cancel|status|send-due ...",
    load: () => import("./commands/notice.js"),
  },
  residents: { summary: "residents import FILE.jsonl", load: () => import("./commands/residents.js") },
  audience: {
    summary: "audience check | rebuild [--dry-run | --confirm]   (Firestore's audience buckets)",
    load: () => import("./commands/audience.js"),
  },
  catalogue: {
    summary: "catalogue import FILE --year 2021 [--dry-run] | export --year 2020 FILE.xlsx | years | show ID",
    load: () => import("./commands/catalogue.js"),
  },
  bulletin: {
    summary: "bulletin list | publish AREA --title T --body B --author A | withdraw AREA | show AREA",
    load: () => import("./commands/bulletin.js"),
  },
};

/** The command list printed for `help` and for an unknown command. */
export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([, c]) => `  ${c.summary}`);
  return ["usage: npm run --silent cli -- <command> [options]", "", "commands:", ...lines].join("\n");
}

/** Runs one CLI command; returns its exit code (2 for bad arguments). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  if (!entry) return usageError(io, `unknown command: ${name}\n\n${usage()}`);
  const mod = await entry.load();
  return mod.default(rest, io);
}

const isEntry =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  const io: CliIo = {
    out: (s) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`),
    err: (s) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`),
    stdin: process.stdin,
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
