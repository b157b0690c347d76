/**
 * `residents import FILE.jsonl [--skip-invalid] [--json]`: loads resident profiles (one JSON
 * object a line: userId, ward, topics, followed, optional largeText) — for migrating friend
 * attributes from an existing system and for load tests.
 *
 * Every line is validated first. By default one bad line means nothing is imported (a
 * migration should not land half-way); `--skip-invalid` imports the valid lines. Either way the
 * rejected lines are listed with their line numbers and reasons — never their user IDs.
 * Importing overwrites a profile with the same userId; repeating an import is harmless.
 */
import { readFileSync } from "node:fs";
import * as z from "zod";
import { openStaffStore } from "../staff-store.js";
import { KNOWLEDGE_WARDS } from "../../knowledge/known-wards.js";
import { TOPIC_KEYS, type TopicKey } from "../../knowledge/topics.js";
import type { Profile } from "../../store/port.js";
import { usageError, type Command } from "../io.js";

const USAGE = "usage: residents import FILE.jsonl [--skip-invalid] [--json]";
const SHOWN_REJECTS = 50;

/** A ward as its name (東区) or slug (higashi). */
const Ward = z.string().transform((s, ctx) => {
  const w = KNOWLEDGE_WARDS.has(s) ? s : KNOWLEDGE_WARDS.fromSlug(s);
  if (!w) {
    ctx.addIssue({ code: "custom", message: `unknown ward ${JSON.stringify(s).slice(0, 30)}` });
    return z.NEVER;
  }
  return w;
});

const LineSchema = z
  .object({
    userId: z.string().regex(/^U[0-9a-f]{32}$/, "userId must be a LINE user ID (U + 32 hex digits)"),
    ward: Ward.nullable(),
    topics: z.array(z.enum(TOPIC_KEYS as [TopicKey, ...TopicKey[]])).max(TOPIC_KEYS.length),
    followed: z.boolean(),
    largeText: z.boolean().optional(),
  })
  .strict();

interface Reject {
  line: number;
  reason: string;
}

const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const json = rest.includes("--json");
  const skipInvalid = rest.includes("--skip-invalid");
  const files = rest.filter((a) => !a.startsWith("--"));
  const unknown = rest.filter((a) => a.startsWith("--") && a !== "--json" && a !== "--skip-invalid");
  if (sub !== "import" || files.length !== 1 || unknown.length > 0) {
    return usageError(io, unknown.length ? `unknown option ${unknown[0]}\n${USAGE}` : USAGE);
  }
  const file = files[0] as string;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    io.err(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }

  const now = Date.now();
  const profiles: Profile[] = [];
  const rejects: Reject[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      rejects.push({ line: lineNo, reason: "not valid JSON" });
      return;
    }
    const r = LineSchema.safeParse(value);
    if (!r.success) {
      const reason = r.error.issues.map((x) => `${x.path.join(".") || "line"}: ${x.message}`).join("; ");
      rejects.push({ line: lineNo, reason });
      return;
    }
    const first = seen.get(r.data.userId);
    if (first !== undefined) {
      rejects.push({ line: lineNo, reason: `same userId as line ${first}` });
      return;
    }
    seen.set(r.data.userId, lineNo);
    profiles.push({
      userId: r.data.userId,
      ward: r.data.ward,
      topics: TOPIC_KEYS.filter((t) => r.data.topics.includes(t)),
      largeText: r.data.largeText ?? false,
      followed: r.data.followed,
      awaiting: null,
      createdAt: now,
      updatedAt: now,
    });
  });

  const refused = rejects.length > 0 && !skipInvalid;
  let imported = 0;
  if (!refused && profiles.length > 0) {
    const opened = await openStaffStore(io);
    if (!opened.ok) return opened.code;
    const { store } = opened;
    try {
      // One call: the store splits the writes itself. On Firestore it sorts the residents by
      // audience bucket first, so each bucket document is written about once for the whole
      // file (slices of 1,000 wrote nearly every bucket again for each slice).
      imported = await store.importProfiles(profiles);
    } finally {
      await store.close();
    }
  }

  const summary = {
    imported,
    valid: profiles.length,
    rejected: rejects.length,
    rejects: rejects.slice(0, SHOWN_REJECTS),
  };
  if (json) io.out(JSON.stringify(summary, null, 2));
  else io.out(`imported ${imported} of ${profiles.length} valid lines; rejected ${rejects.length}`);
  for (const r of rejects.slice(0, SHOWN_REJECTS)) io.err(`line ${r.line}: ${r.reason}`);
  if (rejects.length > SHOWN_REJECTS) io.err(`… and ${rejects.length - SHOWN_REJECTS} more rejected lines`);
  if (refused)
    io.err("nothing was imported: fix the lines above, or pass --skip-invalid to import the valid ones");
  return rejects.length > 0 ? 1 : 0;
};

export default run;
