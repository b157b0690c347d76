/**
 * `notice create|preview|dry-run|confirm|cancel|status|list|send-due …` — the staff notice
 * flow from a terminal, on the store named by STORE (default: the file store under `.data/`,
 * which a server started with the same STORE shares; see ../staff-store.ts). Every subcommand takes `--json`. Thin: parses arguments, calls the same
 * notice service the admin API uses, prints. Counts only; user IDs are never printed.
 */
import { LINE_API_BASE_URL } from "../../line/endpoints.js";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Config } from "../../config.js";
import { runOnStaffStore } from "../staff-store.js";
import { createLineMessenger } from "../../line/line-messenger.js";
import { createLogger } from "../../logging.js";
import { loadCatalogue } from "../../knowledge/load.js";
import { createNoticeService, type NoticeView } from "../../notices/notice-service.js";
import { createSender } from "../../notices/sender.js";
import { STATE_LABELS } from "../../notices/transitions.js";
import { inTokyo } from "../../time/tokyo-time.js";
import type { Messenger } from "../../line/messenger.js";
import type { NoticeState } from "../../store/port.js";
import { usageError, type Command } from "../io.js";

const USAGE = `usage: notice <subcommand> [--json]
  create (--file NOTICE.json | --title T --body B --wards 東区,西区 --topics bousai,event
          --start 2026-12-05T10:00 [--end 2026-12-05T12:00] --place P --author A
          [--url https://…] [--image https://…] [--program ID])      prints the new id
  edit ID (--file NOTICE.json | any create flags)  change a draft (given flags replace those
                                    fields); a dry run made before the edit no longer counts
  preview ID [--large] [--push]     the exact Flex JSON (--push: to STAFF_PREVIEW_USER_ID)
  dry-run ID                        recipients per ward and topic, messages vs quota
  confirm ID [--at 2026-12-01T09:00]  schedule (default: now); needs a dry run of the current
                                    version and a send within this month's quota
  cancel ID                         until sending starts
  status [ID]                       counts per state, or one notice with its delivery report
  list [--state STATE]
  send-due                          send what is due now (the scheduled job)
topics: bousai kenko kosodate chiiki event; times are Tokyo time.`;

const VALUE_FLAGS = new Set([
  "--file",
  "--title",
  "--body",
  "--wards",
  "--topics",
  "--start",
  "--end",
  "--place",
  "--author",
  "--url",
  "--image",
  "--program",
  "--at",
  "--state",
]);
const BOOL_FLAGS = new Set(["--json", "--large", "--push"]);

type Args = { positional: string[]; values: Map<string, string>; flags: Set<string> };

function parseArgs(args: string[]): Args | string {
  const out: Args = { positional: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (VALUE_FLAGS.has(a)) {
      const v = args[++i];
      if (v === undefined) return `${a} needs a value`;
      if (out.values.has(a)) return `${a} given twice`;
      out.values.set(a, v);
    } else if (BOOL_FLAGS.has(a)) out.flags.add(a);
    else if (a.startsWith("--")) return `unknown option ${a}`;
    else out.positional.push(a);
  }
  return out;
}

/** LINE can be called: in production, or when LINE_API_BASE_URL points at a LINE-compatible server. */
const lineReachable = (c: Config): boolean =>
  c.mode === "production" || c.line.apiBaseUrl !== LINE_API_BASE_URL;

/** The input form of a stored notice (times as Tokyo wall-clock), for `edit` to change fields of. */
function inputOf(n: NoticeView): Record<string, unknown> {
  const local = (ms: number) => inTokyo(ms).format("YYYY-MM-DDTHH:mm");
  return {
    title: n.title,
    body: n.body,
    wards: n.wards,
    topics: n.topics,
    startsAt: local(n.startsAt),
    ...(n.endsAt !== null ? { endsAt: local(n.endsAt) } : {}),
    place: n.place,
    ...(n.url !== null ? { url: n.url } : {}),
    ...(n.imageUrl !== null ? { imageUrl: n.imageUrl } : {}),
    ...(n.programId !== null ? { programId: n.programId } : {}),
    author: n.author,
  };
}

/** The notice from --file or the flags; with `base` (edit), only the given flags replace fields. */
function noticeFromFlags(a: Args, base?: Record<string, unknown>): unknown {
  const v = (k: string) => a.values.get(k);
  const file = v("--file");
  if (file !== undefined) return JSON.parse(readFileSync(file, "utf8")) as unknown;
  const list = (k: string) =>
    (v(k) ?? "")
      .split(/[,、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  const given: Array<[string, string, () => unknown]> = [
    ["--title", "title", () => v("--title")],
    ["--body", "body", () => v("--body")?.replace(/\\n/g, "\n")],
    ["--wards", "wards", () => list("--wards")],
    ["--topics", "topics", () => list("--topics")],
    ["--start", "startsAt", () => v("--start")],
    ["--place", "place", () => v("--place")],
    ["--author", "author", () => v("--author")],
    ["--end", "endsAt", () => v("--end")],
    ["--url", "url", () => v("--url")],
    ["--image", "imageUrl", () => v("--image")],
    ["--program", "programId", () => v("--program")],
  ];
  const optional = new Set(["endsAt", "url", "imageUrl", "programId"]);
  const n: Record<string, unknown> = { ...(base ?? {}) };
  for (const [flag, key, value] of given) {
    if (a.values.has(flag)) n[key] = value();
    else if (!base && !optional.has(key)) n[key] = value();
  }
  return n;
}

function describeNotice(n: NoticeView): string[] {
  return [
    `${n.id}  ${n.stateLabel} (${n.state})`,
    `  ${n.title}`,
    `  日時: ${n.whenWithEra}  場所: ${n.place}`,
    `  対象: ${n.wards.join("・")} / ${n.topics.join(", ")}`,
    ...(n.sendAtLabel ? [`  送信予定: ${n.sendAtLabel}`] : []),
  ];
}

const run: Command = async (rawArgs, io) => {
  const [sub, ...rest] = rawArgs;
  const a = parseArgs(rest);
  if (typeof a === "string") return usageError(io, `${a}\n${USAGE}`);
  const json = a.flags.has("--json");
  const id = a.positional[0];
  const needsId = ["edit", "preview", "dry-run", "confirm", "cancel"];
  if (sub === undefined || !["create", "list", "status", "send-due", ...needsId].includes(sub)) {
    return usageError(io, sub === undefined ? USAGE : `unknown subcommand: ${sub}\n${USAGE}`);
  }
  if (needsId.includes(sub) && (id === undefined || a.positional.length !== 1)) {
    return usageError(io, `notice ${sub} needs exactly one notice id\n${USAGE}`);
  }
  if (!needsId.includes(sub) && sub !== "status" && a.positional.length > 0) {
    return usageError(io, `unexpected argument: ${a.positional[0]}\n${USAGE}`);
  }
  const state = a.values.get("--state");
  if (state !== undefined && !Object.hasOwn(STATE_LABELS, state)) {
    return usageError(io, `--state must be one of ${Object.keys(STATE_LABELS).join(", ")}`);
  }

  return runOnStaffStore(io, json, async ({ config, store, print }) => {
    const logger = createLogger({
      level: io.env.LOG_LEVEL ? config.logLevel : "warn",
      destination: process.stderr,
    });
    const line = createLineMessenger({
      channelAccessToken: config.line.channelAccessToken,
      apiBaseUrl: config.line.apiBaseUrl,
      dataApiBaseUrl: config.line.dataApiBaseUrl,
    });
    // Locally without a LINE-compatible server there is no quota to ask for: say "unknown" at once.
    const messenger: Messenger = lineReachable(config) ? line : { ...line, quota: async () => null };
    const catalogue = loadCatalogue();
    const service = createNoticeService({
      store,
      messenger,
      clock: Date.now,
      findProgram: (pid) => catalogue.byId.get(pid),
      monthlyQuota: config.monthlyMessageQuota,
    });

    switch (sub) {
      case "create": {
        const notice = await service.createDraft(noticeFromFlags(a));
        print({ id: notice.id, notice }, () => [notice.id]);
        return 0;
      }
      case "edit": {
        const current = (await service.get(id as string)).notice;
        const notice = await service.updateDraft(id as string, noticeFromFlags(a, inputOf(current)));
        print({ notice }, () => [
          ...describeNotice(notice),
          "  (edited: run `notice dry-run` again before `notice confirm`)",
        ]);
        return 0;
      }
      case "preview": {
        const messages = await service.preview(id as string, { largeText: a.flags.has("--large") });
        let pushed: boolean | null = null;
        if (a.flags.has("--push")) {
          if (config.previewUserId === null) {
            io.err(
              "STAFF_PREVIEW_USER_ID is not set: it names the staff LINE account that receives previews.",
            );
            return 1;
          }
          if (!lineReachable(config)) {
            io.err(
              "APP_MODE=local talks to no LINE server: set LINE_API_BASE_URL, or run in production mode.",
            );
            return 1;
          }
          pushed = (await service.pushPreview(id as string, config.previewUserId)).ok;
        }
        const problems = await service.problems(id as string);
        print({ messages, pushed, problems }, () => [
          JSON.stringify(messages, null, 2),
          ...problems.map((p) => `LINE WOULD REFUSE: ${p.message}`),
          ...(pushed === null ? [] : [`pushed: ${pushed}`]),
        ]);
        return pushed === false ? 1 : 0;
      }
      case "dry-run": {
        const r = await service.dryRun(id as string);
        print(r, () => [
          `recipients: ${r.recipients.total}  messages: ${r.estimatedMessages}  requests: ${r.requests}`,
          `by ward: ${
            Object.entries(r.recipients.byWard)
              .map(([k, v]) => `${k} ${v}`)
              .join(", ") || "-"
          }`,
          `by topic: ${
            Object.entries(r.recipients.byTopic)
              .map(([k, v]) => `${k} ${v}`)
              .join(", ") || "-"
          }`,
          `quota: ${
            r.quota
              ? `${r.quota.remaining ?? "no limit"} left this month (limit ${r.quota.limit ?? "none"}` +
                `${r.quota.limitedBy === "config" ? " from MONTHLY_MESSAGE_QUOTA" : ""}, used ${r.quota.used}, ` +
                `reserved by confirmed notices ${r.quota.reserved})`
              : "unknown"
          }` + (r.withinQuota === false ? "  EXCEEDS THE QUOTA: confirm will be refused" : ""),
          ...r.problems.map((p) => `LINE WOULD REFUSE (confirm is refused): ${p.message}`),
        ]);
        return 0;
      }
      case "confirm": {
        const notice = await service.confirm(id as string, a.values.get("--at") ?? null);
        print({ notice }, () => describeNotice(notice));
        return 0;
      }
      case "cancel": {
        const notice = await service.cancel(id as string);
        print({ notice }, () => describeNotice(notice));
        return 0;
      }
      case "status": {
        if (id !== undefined) {
          const { notice, report } = await service.get(id);
          print({ notice, report }, () => [
            ...describeNotice(notice),
            `  recipients: ${report.recipients.total}  sent ${report.recipients.sent}  pending ${report.recipients.pending}  failed ${report.recipients.failed}`,
            ...report.failures.map((f) => `  failed (${f.recipients}): ${f.reason}`),
          ]);
          return 0;
        }
        const counts = await service.countByState();
        print({ counts }, () => Object.entries(counts).map(([s, n]) => `${s.padEnd(14)} ${n}`));
        return 0;
      }
      case "list": {
        const notices = await service.list(state ? [state as NoticeState] : undefined);
        print({ notices }, () => (notices.length ? notices.flatMap(describeNotice) : ["(no notices)"]));
        return 0;
      }
      case "send-due": {
        if (!lineReachable(config)) {
          io.err(
            "APP_MODE=local talks to no LINE server: set LINE_API_BASE_URL (e.g. a fake LINE API), or run in production mode.",
          );
          return 1;
        }
        const sender = createSender({
          store,
          messenger: line,
          clock: Date.now,
          owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
          logger,
        });
        const results = await sender.sendDue();
        print({ results, stats: sender.stats }, () =>
          results.length
            ? results.map((r) => `${r.noticeId}  ${r.outcome}  requests ${r.requests}  retries ${r.retries}`)
            : ["nothing due"],
        );
        return results.some((r) => r.outcome === "error" || r.outcome === "partly-failed") ? 1 : 0;
      }
    }
    return usageError(io, USAGE);
  });
};

export default run;
