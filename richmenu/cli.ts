/**
 * `npm run richmenu -- <command>`: render the menu images, deploy the menus to LINE, switch the
 * disaster menu on and off, list what is on LINE. Thin wiring: the work is in the pure builders,
 * the planner and the executor; this file parses arguments, reads the environment it is given
 * and prints. Every change to LINE can be previewed with `--dry-run`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import type { CliIo } from "../src/cli/io.js";
import { DEFAULT_CLI_STORE } from "../src/cli/staff-store.js";
import { loadConfig } from "../src/config.js";
import type { AuditLog } from "../src/store/catalogue-port.js";
import { createCatalogueStore } from "../src/store/create-catalogue-store.js";
import { buildMenus, keyOfName, type BuiltMenu } from "./build-menus.js";
import { createDeployApi, readRemoteState, type DeployApi } from "./deploy-api.js";
import { loadDeployConfig, type DeployConfig } from "./deploy-config.js";
import { describeAction, executePlan } from "./execute-plan.js";
import { currentMode, isNoop, planDeploy, type PlanOptions } from "./plan-deploy.js";

/** Where `render` writes and the tests compare. */
export const IMAGES_DIR = fileURLToPath(new URL("./images/", import.meta.url));

export const USAGE = [
  "usage: npm run --silent richmenu -- <command>",
  "",
  "  render [--out DIR]                 draw the menu images (default richmenu/images/)",
  "  deploy [--dry-run]                 create or reuse the menus, images, aliases and the default menu",
  "  disaster on|off [--dry-run] [--keep-user-links] [--by=NAME]",
  "                                     switch every resident to the disaster menu, or back;",
  "                                     the switch is written to the staff audit log (who: NAME)",
  "  list                               show the rich menus, aliases and default menu on LINE",
  "",
  "environment: LINE_CHANNEL_ACCESS_TOKEN (required for deploy/disaster/list),",
  "             LINE_API_BASE_URL, LINE_DATA_API_BASE_URL (default: LINE's servers),",
  `             STORE (the audit log's store; default file:${DEFAULT_CLI_STORE}, as the staff CLI)`,
].join("\n");

/** The audit log the disaster switch is written to, and how to let it go. */
export type AuditSink = Pick<AuditLog, "appendAudit" | "listAudit"> & { close(): Promise<void> };

/** What the CLI may be given in tests: its own API factory, menu builder and audit log. */
export interface RichMenuCliDeps {
  makeApi?: (config: DeployConfig) => DeployApi;
  build?: () => BuiltMenu[];
  openAudit?: (env: NodeJS.ProcessEnv) => Promise<AuditSink>;
}

/** The staff audit log of the configured store (the same one the console lists). */
async function openStoreAudit(env: NodeJS.ProcessEnv): Promise<AuditSink> {
  const config = loadConfig(env, { defaultMode: "local", defaultStore: `file:${DEFAULT_CLI_STORE}` });
  return createCatalogueStore(config.store, {
    projectId: config.firestore.projectId,
    emulatorHost: config.firestore.emulatorHost,
  });
}

const isOurs = (name: string): boolean => keyOfName(name) !== null;

async function render(args: string[], io: CliIo): Promise<number> {
  let out = IMAGES_DIR;
  if (args[0] === "--out" && args[1]) out = path.resolve(args[1]);
  else if (args.length > 0) return usage(io, `render: unknown option ${args[0]}`);
  await mkdir(out, { recursive: true });
  for (const m of buildMenus()) {
    const file = path.join(out, `${m.key}.png`);
    await writeFile(file, m.png);
    io.out(`${m.key}\t${m.png.length} bytes\t${m.name}\t${file}`);
  }
  return 0;
}

/** What a deploy did: the exit code, and the mode change it applied (null when it changed nothing). */
interface DeployOutcome {
  code: number;
  switched: { from: string; to: string } | null;
}

async function deploy(
  api: DeployApi,
  io: CliIo,
  built: BuiltMenu[],
  dryRun: boolean,
  opts: PlanOptions,
): Promise<DeployOutcome> {
  const state = await readRemoteState(api, isOurs);
  const plan = planDeploy(state, built, opts);
  const unchanged: DeployOutcome = { code: 0, switched: null };
  const modeLine =
    plan.mode === plan.previousMode ? `mode: ${plan.mode}` : `mode: ${plan.previousMode} → ${plan.mode}`;
  io.out(modeLine);
  if (isNoop(plan)) {
    for (const a of plan.actions) io.out(describeAction(a));
    io.out("nothing to do: every menu, alias and the default menu are up to date.");
    return unchanged;
  }
  if (dryRun) {
    for (const a of plan.actions)
      io.out(a.op === "reuse-menu" ? describeAction(a) : `would ${describeAction(a)}`);
    io.out("dry run: nothing was changed. Run again without --dry-run to apply.");
    return unchanged;
  }
  const result = await executePlan(plan, built, api, (line) => io.out(line));
  io.out(`done: ${result.created.length} created, ${result.deleted.length} deleted.`);
  if (plan.mode !== plan.previousMode) {
    io.out("residents see the new default menu when they next open the chat; per-user menus change at once.");
  }
  if (result.batchRequestId) {
    io.out(
      "residents' per-user menus are being re-linked in the background " +
        `(LINE request ${result.batchRequestId}; GET /v2/bot/richmenu/progress/batch?requestId=… shows progress).`,
    );
  }
  return { code: 0, switched: { from: plan.previousMode, to: plan.mode } };
}

/**
 * Writes an applied `disaster on|off` to the staff audit log. The switch itself comes first (in a
 * disaster the menu matters more than the record); a log that cannot be written fails the
 * command loudly, naming what to record by hand.
 */
async function auditSwitch(
  io: CliIo,
  open: (env: NodeJS.ProcessEnv) => Promise<AuditSink>,
  who: string,
  switched: { from: string; to: string },
  unlinkedUsers: boolean,
): Promise<number> {
  let log: AuditSink | null = null;
  try {
    log = await open(io.env);
    await log.appendAudit({
      id: randomUUID(),
      at: Date.now(),
      who,
      action: "disaster-mode",
      target: "richmenu",
      ward: null,
      before: { menu: switched.from },
      after: { menu: switched.to, unlinkedUsers },
    });
    io.out(`audit: recorded (disaster-mode, richmenu ${switched.from} → ${switched.to}, by ${who}).`);
    return 0;
  } catch (e) {
    io.err(
      `richmenu disaster: the menu was switched (${switched.from} → ${switched.to}) but the audit log could not be written: ` +
        `${e instanceof Error ? e.message : String(e)}. Check STORE, then note the switch in the audit log by hand.`,
    );
    return 1;
  } finally {
    await log?.close();
  }
}

async function list(api: DeployApi, io: CliIo): Promise<number> {
  const state = await readRemoteState(api, isOurs);
  io.out(`mode: ${currentMode(state)}`);
  io.out(`menus: ${state.menus.length} of 1000`);
  for (const m of state.menus) {
    const flags = [
      m.richMenuId === state.defaultRichMenuId ? "default" : "",
      isOurs(m.name) ? "ours" : "not ours (never touched)",
      m.hasImage ? "" : "NO IMAGE",
      ...state.aliases.filter((a) => a.richMenuId === m.richMenuId).map((a) => `alias ${a.richMenuAliasId}`),
    ].filter(Boolean);
    io.out(`${m.richMenuId}\t${m.name}\t${flags.join(", ")}`);
  }
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.err(`${message}\n\n${USAGE}`);
  return 2;
}

/** Runs one command; returns the exit code (2 = bad arguments, 1 = failure). */
export async function runRichMenuCli(argv: string[], io: CliIo, deps: RichMenuCliDeps = {}): Promise<number> {
  const [cmd, ...rest] = argv;
  const by = rest
    .find((a) => a.startsWith("--by="))
    ?.slice("--by=".length)
    .trim();
  const flags = new Set(rest.filter((a) => a.startsWith("--") && !a.startsWith("--by=")));
  const positional = rest.filter((a) => !a.startsWith("--"));
  const allow = (...ok: string[]): string | null => [...flags].find((f) => !ok.includes(f)) ?? null;
  try {
    switch (cmd) {
      case "render":
        return await render(rest, io);
      case "deploy":
      case "disaster":
      case "list": {
        const bad =
          cmd === "deploy"
            ? allow("--dry-run")
            : cmd === "disaster"
              ? allow("--dry-run", "--keep-user-links")
              : allow();
        if (bad) return usage(io, `${cmd}: unknown option ${bad}`);
        if (by !== undefined && (cmd !== "disaster" || by === ""))
          return usage(io, `${cmd}: --by=NAME names who switched the disaster menu`);
        const extra = cmd === "disaster" ? positional.slice(1) : positional;
        if (extra.length > 0) return usage(io, `${cmd}: unexpected argument ${extra[0]}`);
        if (cmd === "disaster" && positional[0] !== "on" && positional[0] !== "off")
          return usage(io, "disaster: say `on` or `off`");
        const config = loadDeployConfig(io.env);
        const api = (deps.makeApi ?? createDeployApi)(config);
        if (cmd === "list") return await list(api, io);
        const opts: PlanOptions =
          cmd === "disaster"
            ? {
                mode: positional[0] === "on" ? "disaster" : "normal",
                unlinkUsersOnModeChange: !flags.has("--keep-user-links"),
              }
            : {};
        const done = await deploy(api, io, (deps.build ?? buildMenus)(), flags.has("--dry-run"), opts);
        if (cmd !== "disaster" || done.switched === null) return done.code;
        return await auditSwitch(
          io,
          deps.openAudit ?? openStoreAudit,
          by ?? "CLI",
          done.switched,
          opts.unlinkUsersOnModeChange === true,
        );
      }
      case undefined:
      case "help":
      case "--help":
        io.out(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        return usage(io, `unknown command ${cmd}`);
    }
  } catch (e) {
    // Configuration, planning and LINE errors all carry a message that names the fix.
    io.err(`richmenu ${cmd}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  const io: CliIo = {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    stdin: process.stdin,
    env: process.env,
  };
  runRichMenuCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      io.err(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exitCode = 1;
    },
  );
}
