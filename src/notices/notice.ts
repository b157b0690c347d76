/**
 * What a staff notice is: the zod schemas for staff input and for the stored form, and the
 * rules that need the current time or the catalogue (no past events, the related program
 * must exist). Pure: the caller passes `now` and a program lookup.
 */
import * as z from "zod";
import { lazySchema } from "../lazy-schema.js";
import { WardSchema, type Ward } from "../knowledge/schema.js";
import { KNOWLEDGE_WARDS } from "../knowledge/known-wards.js";
import { TOPIC_KEYS, type TopicKey } from "../knowledge/topics.js";
import type { NoticeRecord, NoticeState } from "../store/port.js";
import { parseTokyoDateTime } from "../time/tokyo-time.js";
import { lineHttpsUrl, textProblem, utf16Length } from "./notice-text.js";

/** Limits chosen so one notice fits a readable card on a phone (LINE's own limits are far larger). */
export const NOTICE_LIMITS = {
  title: 40,
  body: 500,
  bodyLines: 15,
  place: 60,
  author: 40,
  url: 1000,
} as const;

/**
 * Text checks shared by every text field: what LINE would show empty, reversed or broken is
 * refused (see notice-text.ts), and the length is counted in UTF-16 units as LINE counts it
 * (zod's `max` counts code points, which lets 𠮷 × 40 through as 40).
 */
const text = (label: string, max: number, multiLine: boolean) =>
  z.string().superRefine((s, ctx) => {
    const problem = textProblem(s, label, { multiLine });
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
    else if (utf16Length(s) > max)
      ctx.addIssue({ code: "custom", message: `${label}は${max}文字までです。` });
  });

const oneLine = (label: string, max: number) =>
  z
    .string({ error: `${label}を入れてください。` })
    .transform((s) => s.trim())
    .pipe(text(label, max, false));

/** An https URL, stored in the form LINE accepts (`lineHttpsUrl`). */
const httpsUrl = (label: string) =>
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      const r = lineHttpsUrl(s, label, NOTICE_LIMITS.url);
      if (r.ok) return r.href;
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    });

const dateTime = (label: string) =>
  z.string({ error: `${label}を入れてください（例: 2026-12-05T10:00）。` }).transform((s, ctx) => {
    // An empty field (the console sends "" for an untouched date) is missing, not malformed.
    if (s.trim() === "") {
      ctx.addIssue({ code: "custom", message: `${label}を入れてください（例: 2026-12-05T10:00）。` });
      return z.NEVER;
    }
    const ms = parseTokyoDateTime(s);
    if (ms === null) {
      ctx.addIssue({ code: "custom", message: `${label}の形がちがいます（例: 2026-12-05T10:00）。` });
      return z.NEVER;
    }
    return ms;
  });

/** De-duplicates and puts into the canonical order, so equal targets compare equal. */
const canonical =
  <T extends string>(order: readonly T[]) =>
  (xs: T[]): T[] =>
    order.filter((x) => xs.includes(x));

/** Staff input for a new notice. Times are "YYYY-MM-DDTHH:mm" in Tokyo time (or ISO with an offset). */
export const NoticeInputSchema = lazySchema(() =>
  z
    .object({
      title: oneLine("タイトル", NOTICE_LIMITS.title),
      body: z
        .string({ error: "本文を入れてください。" })
        // U+2028/2029 are line breaks too: counted and sent as newlines.
        .transform((s) => s.replace(/\r\n?|[\u2028\u2029]/g, "\n").trim())
        .pipe(
          text("本文", NOTICE_LIMITS.body, true).refine(
            (s) => s.split("\n").length <= NOTICE_LIMITS.bodyLines,
            `本文は${NOTICE_LIMITS.bodyLines}行までです。`,
          ),
        ),
      wards: z
        .array(WardSchema, { error: "対象の区をえらんでください。" })
        .min(1, "対象の区を1つ以上えらんでください。")
        .transform(canonical<Ward>(KNOWLEDGE_WARDS.names)),
      topics: z
        .array(z.enum(TOPIC_KEYS as [TopicKey, ...TopicKey[]]), { error: "対象の分野をえらんでください。" })
        .min(1, "対象の分野を1つ以上えらんでください。")
        .transform(canonical<TopicKey>(TOPIC_KEYS)),
      startsAt: dateTime("開始日時"),
      endsAt: dateTime("終了日時").nullish(),
      place: oneLine("場所", NOTICE_LIMITS.place),
      url: httpsUrl("リンク").nullish(),
      imageUrl: httpsUrl("画像URL").nullish(),
      programId: z.string().trim().min(1).max(40).nullish(),
      author: oneLine("作成者", NOTICE_LIMITS.author),
    })
    .strict()
    .superRefine((n, ctx) => {
      if (n.endsAt != null && n.endsAt <= n.startsAt) {
        ctx.addIssue({
          code: "custom",
          path: ["endsAt"],
          message: "終了日時は開始日時より後にしてください。",
        });
      }
    }),
);

export type NoticeInput = z.input<typeof NoticeInputSchema>;

/** The validated notice content as stored in `NoticeRecord.data`; times are epoch ms. */
export const NoticeDataSchema = lazySchema(() =>
  z
    .object({
      title: z.string(),
      body: z.string(),
      wards: z.array(WardSchema).min(1),
      topics: z.array(z.enum(TOPIC_KEYS as [TopicKey, ...TopicKey[]])).min(1),
      startsAt: z.number(),
      endsAt: z.number().nullable(),
      place: z.string(),
      url: z.string().nullable(),
      imageUrl: z.string().nullable(),
      programId: z.string().nullable(),
      author: z.string(),
      /** Name of the related program, copied from the catalogue when the draft is made. */
      programName: z.string().nullable(),
    })
    .strict(),
);
export type NoticeData = z.infer<typeof NoticeDataSchema>;

/**
 * The last dry run of a draft: the notice version it counted (the version the record has once
 * the stamp is written) and what it found. Confirm requires `version` to equal the notice's
 * current version, so an edit after the dry run (which bumps the version) needs a new one.
 */
export const DryRunStampSchema = lazySchema(() =>
  z
    .object({
      version: z.number().int().min(0),
      at: z.number(),
      recipients: z.number().int().min(0),
      estimatedMessages: z.number().int().min(0),
    })
    .strict(),
);
export type DryRunStamp = z.infer<typeof DryRunStampSchema>;

/** A stored notice with its content parsed. */
export interface Notice {
  id: string;
  state: NoticeState;
  sendAt: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  data: NoticeData;
  /** The dry run of this draft, if one was made (null before any, and after an edit). */
  dryRun: DryRunStamp | null;
}

/** One problem with staff input: where (dotted path) and what to do about it, in Japanese. */
export interface InputIssue {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; data: NoticeData } | { ok: false; issues: InputIssue[] };

/** Reads zod issues as staff-facing messages. */
export function toIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join("."),
    message:
      i.code === "unrecognized_keys"
        ? `知らない項目があります: ${i.keys.join(", ")}`
        : (i.code === "invalid_value" || i.code === "custom") && i.path[0] === "wards"
          ? `区の名前がちがいます（${KNOWLEDGE_WARDS.names.join("・")}）。`
          : i.code === "invalid_value" && i.path[0] === "topics"
            ? `分野がちがいます（${TOPIC_KEYS.join(", ")}）。`
            : i.message,
  }));
}

/**
 * Validates staff input into notice data. Refuses events that have already started and
 * related programs that are not in the catalogue, because residents must only ever see
 * facts from `knowledge/`.
 */
export function parseNoticeInput(
  raw: unknown,
  ctx: { now: number; findProgram: (id: string) => { name: string } | undefined },
): ParseResult {
  const parsed = NoticeInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: toIssues(parsed.error) };
  const n = parsed.data;
  const issues: InputIssue[] = [];
  if (n.startsAt <= ctx.now) {
    issues.push({ path: "startsAt", message: "開始日時が過ぎています。これからの日時を入れてください。" });
  }
  let programName: string | null = null;
  if (n.programId != null) {
    const p = ctx.findProgram(n.programId);
    if (!p) issues.push({ path: "programId", message: `関連する取組 ${n.programId} は見つかりません。` });
    else programName = p.name;
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    data: {
      title: n.title,
      body: n.body,
      wards: n.wards,
      topics: n.topics,
      startsAt: n.startsAt,
      endsAt: n.endsAt ?? null,
      place: n.place,
      url: n.url ?? null,
      imageUrl: n.imageUrl ?? null,
      programId: n.programId ?? null,
      author: n.author,
      programName,
    },
  };
}

/**
 * Parses a stored record; null when its data is not a valid notice (a foreign or corrupt record).
 * The dry-run stamp travels inside `data` under `dryRun`: every store adapter keeps `data` as an
 * opaque value, so the stamp needs no change to the store port or its adapters.
 */
export function noticeFromRecord(r: NoticeRecord): Notice | null {
  const { dryRun: rawStamp, ...content } = r.data;
  const data = NoticeDataSchema.safeParse(content);
  if (!data.success) return null;
  const stamp = DryRunStampSchema.safeParse(rawStamp);
  return {
    id: r.id,
    state: r.state,
    sendAt: r.sendAt,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    data: data.data,
    dryRun: stamp.success ? stamp.data : null,
  };
}

/** The store form of a notice. */
export function noticeToRecord(n: Notice): NoticeRecord {
  return {
    id: n.id,
    data: n.dryRun ? { ...n.data, dryRun: { ...n.dryRun } } : { ...n.data },
    state: n.state,
    sendAt: n.sendAt,
    version: n.version,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  };
}

/** When the event is over: its end, or its start when no end was given. */
export const eventEnd = (d: NoticeData): number => d.endsAt ?? d.startsAt;
