/**
 * The staff operations on notices — create a draft, preview, dry run, confirm, cancel,
 * status, list — shared by the admin API and the CLI so both apply the same rules. Receives
 * the store and messenger as arguments; returns counts, never user IDs.
 */
import { randomBytes } from "node:crypto";
import type { Message, Messenger, SendResult } from "../line/messenger.js";
import type { Ward } from "../knowledge/schema.js";
import type { TopicKey } from "../knowledge/topics.js";
import type { AudienceStore, NoticeState, NoticeStore, UnansweredStore } from "../store/port.js";
import {
  NoticeInputSchema,
  noticeFromRecord,
  noticeToRecord,
  parseNoticeInput,
  type InputIssue,
  type Notice,
  type NoticeData,
} from "./notice.js";
import { buildNoticeMessage } from "./notice-message.js";
import { cancelNotice, confirmNotice, stateLabel, type Transition } from "./transitions.js";
import { summarizeBatches, type DeliveryReport } from "./delivery-report.js";
import { formatEventTime, formatStaffTime, parseTokyoDateTime } from "./tokyo-time.js";
import { MULTICAST_MAX } from "./sender.js";

/** A refusal with the HTTP status it maps to and a message staff can act on. */
export class NoticeError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    message: string,
    readonly issues: InputIssue[] = [],
  ) {
    super(message);
    this.name = "NoticeError";
  }
}

/** A notice as staff screens show it: content, state, readable times. No user IDs exist here. */
export interface NoticeView extends NoticeData {
  id: string;
  state: NoticeState;
  stateLabel: string;
  sendAt: number | null;
  sendAtLabel: string | null;
  when: string;
  whenWithEra: string;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface DryRun {
  noticeId: string;
  recipients: {
    total: number;
    byWard: Partial<Record<Ward, number>>;
    byTopic: Partial<Record<TopicKey, number>>;
  };
  /** Messages counted against the monthly quota (one per recipient per message object). */
  estimatedMessages: number;
  requests: number;
  /** The quota from GET /v2/bot/message/quota, or null where the platform does not say. */
  quota: { limit: number | null; used: number; remaining: number | null } | null;
  /** false when the estimate exceeds what is left this month; null when unknown. */
  withinQuota: boolean | null;
}

export interface NoticeServiceDeps {
  store: NoticeStore & AudienceStore & UnansweredStore;
  messenger: Messenger;
  clock: () => number;
  /** Looks a program up in the catalogue (a related program must exist). */
  findProgram: (id: string) => { name: string } | undefined;
  newId?: () => string;
}

/** `n-` + 12 hex digits: short enough to type in the CLI, random enough not to collide. */
const defaultId = (): string => `n-${randomBytes(6).toString("hex")}`;

/** The staff view of a notice, with readable times. */
export function toView(n: Notice): NoticeView {
  return {
    ...n.data,
    id: n.id,
    state: n.state,
    stateLabel: stateLabel(n.state),
    sendAt: n.sendAt,
    sendAtLabel: n.sendAt === null ? null : formatStaffTime(n.sendAt),
    when: formatEventTime(n.data.startsAt, n.data.endsAt),
    whenWithEra: formatEventTime(n.data.startsAt, n.data.endsAt, { era: true }),
    version: n.version,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  };
}

/** The notice operations; wire one per app / CLI run. Refusals are thrown as `NoticeError`. */
export function createNoticeService(deps: NoticeServiceDeps) {
  const { store, messenger, clock, findProgram, newId = defaultId } = deps;

  async function load(id: string): Promise<Notice> {
    const r = await store.getNotice(id);
    const n = r ? noticeFromRecord(r) : null;
    if (!n) throw new NoticeError(404, "not-found", `お知らせ ${id} は見つかりません。`);
    return n;
  }

  async function apply(n: Notice, t: Transition): Promise<NoticeView> {
    if (!t.ok) throw new NoticeError(409, t.error.code, t.error.message);
    if (t.notice === n) return toView(n);
    const now = clock();
    const next = { ...t.notice, updatedAt: now };
    if (!(await store.updateNotice(noticeToRecord(next), n.version))) {
      throw new NoticeError(
        409,
        "conflict",
        "ほかの操作と重なりました。読み込み直して、もう一度ためしてください。",
      );
    }
    return toView({ ...next, version: n.version + 1 });
  }

  const messagesOf = (d: NoticeData, largeText = false): Message[] => [buildNoticeMessage(d, { largeText })];

  return {
    /** Validates staff input and stores a draft. */
    async createDraft(input: unknown): Promise<NoticeView> {
      const now = clock();
      const parsed = parseNoticeInput(input, { now, findProgram });
      if (!parsed.ok) throw new NoticeError(400, "invalid", "入力を確かめてください。", parsed.issues);
      const n: Notice = {
        id: newId(),
        state: "draft",
        sendAt: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
        data: parsed.data,
      };
      await store.createNotice(noticeToRecord(n));
      return toView(n);
    },

    /**
     * Renders unsaved input (the console's live preview). Returns the messages when the
     * input is well-formed, with any remaining issues (e.g. a past date) alongside.
     */
    previewInput(
      input: unknown,
      opts: { largeText?: boolean } = {},
    ): { messages: Message[] | null; issues: InputIssue[] } {
      const parsed = parseNoticeInput(input, { now: clock(), findProgram });
      if (parsed.ok) return { messages: messagesOf(parsed.data, opts.largeText), issues: [] };
      // The author is not shown to residents: a form without one yet still gets its preview.
      const filled =
        input && typeof input === "object" && !(input as { author?: unknown }).author
          ? { ...input, author: "-" }
          : input;
      const shape = NoticeInputSchema.safeParse(filled);
      if (!shape.success) return { messages: null, issues: parsed.issues };
      const d = shape.data;
      const program = d.programId ? findProgram(d.programId) : undefined;
      const data: NoticeData = {
        ...d,
        endsAt: d.endsAt ?? null,
        url: d.url ?? null,
        imageUrl: d.imageUrl ?? null,
        programId: program && d.programId ? d.programId : null,
        programName: program?.name ?? null,
      };
      return { messages: messagesOf(data, opts.largeText), issues: parsed.issues };
    },

    async get(id: string): Promise<{ notice: NoticeView; report: DeliveryReport }> {
      const n = await load(id);
      return { notice: toView(n), report: summarizeBatches(await store.listBatches(id)) };
    },

    /** The exact messages residents will receive. */
    async preview(id: string, opts: { largeText?: boolean } = {}): Promise<Message[]> {
      return messagesOf((await load(id)).data, opts.largeText);
    },

    /** Pushes the preview to a staff member's own LINE account (the id comes from config, never a request). */
    async pushPreview(id: string, staffUserId: string): Promise<SendResult> {
      return messenger.push(staffUserId, messagesOf((await load(id)).data));
    },

    async dryRun(id: string): Promise<DryRun> {
      const n = await load(id);
      const counts = await store.countAudience({ wards: n.data.wards, topics: n.data.topics });
      const perRecipient = messagesOf(n.data).length;
      const estimatedMessages = counts.total * perRecipient;
      const q = await messenger.quota().catch(() => null);
      const quota = q && { ...q, remaining: q.limit === null ? null : Math.max(0, q.limit - q.used) };
      return {
        noticeId: id,
        recipients: counts,
        estimatedMessages,
        requests: Math.ceil(counts.total / MULTICAST_MAX),
        quota,
        withinQuota: quota?.remaining == null ? null : estimatedMessages <= quota.remaining,
      };
    },

    /** Confirms a draft; `sendAt` is "YYYY-MM-DDTHH:mm" (Tokyo) or ISO, default now. */
    async confirm(id: string, sendAt?: string | null): Promise<NoticeView> {
      let at: number | null = null;
      if (sendAt != null && sendAt !== "") {
        at = parseTokyoDateTime(sendAt);
        if (at === null) {
          throw new NoticeError(400, "invalid", "送信日時の形がちがいます（例: 2026-12-01T09:00）。", [
            { path: "sendAt", message: "送信日時の形がちがいます（例: 2026-12-01T09:00）。" },
          ]);
        }
      }
      const n = await load(id);
      return apply(n, confirmNotice(n, { now: clock(), sendAt: at }));
    },

    async cancel(id: string): Promise<NoticeView> {
      const n = await load(id);
      return apply(n, cancelNotice(n));
    },

    /** Notices, newest first. */
    async list(states?: NoticeState[]): Promise<NoticeView[]> {
      const records = await store.listNotices(states ? { states } : undefined);
      return records
        .map(noticeFromRecord)
        .filter((n): n is Notice => n !== null)
        .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
        .map(toView);
    },

    /** How many notices are in each state. */
    async countByState(): Promise<Record<NoticeState, number>> {
      const counts: Record<NoticeState, number> = {
        draft: 0,
        confirmed: 0,
        sending: 0,
        sent: 0,
        "partly-failed": 0,
        cancelled: 0,
      };
      for (const r of await store.listNotices()) counts[r.state] += 1;
      return counts;
    },

    /** Questions the bot could not answer, most frequent first (no user identifiers). */
    unanswered(limit: number) {
      return store.listUnanswered(limit);
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;
