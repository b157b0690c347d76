/**
 * The staff operations on notices — create a draft, preview, dry run, confirm, cancel,
 * status, list — shared by the admin API and the CLI so both apply the same rules. Receives
 * the store and messenger as arguments; returns counts, never user IDs.
 */
import { randomBytes } from "node:crypto";
import { DomainError } from "../domain-error.js";
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
import { quotaStatus, type QuotaStatus } from "./quota.js";
import { summarizeBatches, type DeliveryReport } from "./delivery-report.js";
import { formatEventTime, formatStaffTime, inTokyo, parseTokyoDateTime } from "../time/tokyo-time.js";
import { MULTICAST_MAX } from "./sender.js";
import { checkMessageLimits, type LineValidationError } from "../line/platform-limits.js";
import { scrubPersonalData } from "../privacy/scrub-personal.js";

/** A refusal of a notice operation; `src/http/errors.ts` maps its kind to a status. */
export class NoticeError extends DomainError {
  override name = "NoticeError";
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
  /** The last dry run of this draft, when it counted the current version (else null). */
  dryRun: { at: number; atLabel: string; recipients: number; estimatedMessages: number } | null;
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
  /**
   * This month's budget: the stricter of LINE's quota and MONTHLY_MESSAGE_QUOTA, what is used
   * and what confirmed notices will still use; null when neither limit nor usage is known.
   */
  quota: QuotaStatus | null;
  /** false when the estimate exceeds what is left this month; null when unknown. */
  withinQuota: boolean | null;
  /**
   * What LINE would refuse in the exact messages that will be sent (empty when none). A
   * notice with problems cannot be confirmed: LINE would answer the whole multicast with 400.
   */
  problems: InputIssue[];
}

export interface NoticeServiceDeps {
  store: NoticeStore & AudienceStore & UnansweredStore;
  messenger: Messenger;
  clock: () => number;
  /** Looks a program up in the catalogue (a related program must exist). */
  findProgram: (id: string) => { name: string } | undefined;
  /** MONTHLY_MESSAGE_QUOTA: messages per month staff notices may use (null: only LINE's quota). */
  monthlyQuota?: number | null;
  newId?: () => string;
  /**
   * Checks messages against what LINE accepts (default: the platform limits and URI syntax,
   * src/line/platform-limits.ts; tests pass the full OpenAPI validator on top).
   */
  checkMessages?: (messages: Message[]) => LineValidationError[];
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
    dryRun:
      n.dryRun && n.dryRun.version === n.version
        ? {
            at: n.dryRun.at,
            atLabel: formatStaffTime(n.dryRun.at),
            recipients: n.dryRun.recipients,
            estimatedMessages: n.dryRun.estimatedMessages,
          }
        : null,
  };
}

/** The notice operations; wire one per app / CLI run. Refusals are thrown as `NoticeError`. */
export function createNoticeService(deps: NoticeServiceDeps) {
  const {
    store,
    messenger,
    clock,
    findProgram,
    newId = defaultId,
    monthlyQuota = null,
    checkMessages = (m: Message[]) => checkMessageLimits(m, ""),
  } = deps;

  async function load(id: string): Promise<Notice> {
    const r = await store.getNotice(id);
    const n = r ? noticeFromRecord(r) : null;
    if (!n) throw new NoticeError("not-found", "not-found", `お知らせ ${id} は見つかりません。`);
    return n;
  }

  async function apply(n: Notice, t: Transition): Promise<NoticeView> {
    if (!t.ok) throw new NoticeError("conflict", t.error.code, t.error.message);
    if (t.notice === n) return toView(n);
    const now = clock();
    const next = { ...t.notice, updatedAt: now };
    if (!(await store.updateNotice(noticeToRecord(next), n.version))) {
      throw new NoticeError(
        "conflict",
        "conflict",
        "ほかの操作と重なりました。読み込み直して、もう一度ためしてください。",
      );
    }
    return toView({ ...next, version: n.version + 1 });
  }

  const messagesOf = (d: NoticeData, largeText = false): Message[] => [buildNoticeMessage(d, { largeText })];

  /** What LINE would refuse in the messages of `d`, in both text sizes, as staff-readable issues. */
  const problemsOf = (d: NoticeData): InputIssue[] => {
    const seen = new Set<string>();
    const issues: InputIssue[] = [];
    for (const largeText of [false, true]) {
      for (const e of checkMessages(messagesOf(d, largeText))) {
        const key = `${e.pointer}|${e.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        issues.push({
          path: `messages${e.pointer.replace(/\//g, ".")}`,
          message: `LINEが受け付けない形です（${e.pointer}: ${e.message}）。リンクや文字を直してください。`,
        });
      }
    }
    return issues;
  };

  /**
   * This month's budget (Tokyo calendar month). Usage is LINE's figure when it reports one,
   * at least what our own batches delivered; confirmed notices not yet sent are reserved by
   * their dry-run estimate, and pending batches of a send under way by their recipients.
   */
  async function monthQuota(): Promise<QuotaStatus | null> {
    const line = await messenger.quota().catch(() => null);
    const monthStart = inTokyo(clock()).startOf("month").valueOf();
    let sentByNotices = 0;
    let reserved = 0;
    const records = await store.listNotices({ states: ["confirmed", "sending", "sent", "partly-failed"] });
    for (const r of records) {
      const n = noticeFromRecord(r);
      if (!n) continue;
      const per = messagesOf(n.data).length;
      if (n.state === "confirmed") {
        reserved += n.dryRun?.estimatedMessages ?? 0;
        continue;
      }
      // A notice finished before this month cannot have batches sent in it.
      if (n.updatedAt < monthStart) continue;
      for (const b of await store.listBatches(n.id)) {
        if (b.state === "sent" && b.updatedAt >= monthStart) sentByNotices += b.userIds.length * per;
        else if (b.state === "pending") reserved += b.userIds.length * per;
      }
    }
    if (line === null && monthlyQuota === null) return null;
    return quotaStatus({ line, configured: monthlyQuota, sentByNotices, reserved });
  }

  return {
    /** Validates staff input and stores a draft. */
    async createDraft(input: unknown): Promise<NoticeView> {
      const now = clock();
      const parsed = parseNoticeInput(input, { now, findProgram });
      if (!parsed.ok) throw new NoticeError("invalid", "invalid", "入力を確かめてください。", parsed.issues);
      const n: Notice = {
        id: newId(),
        state: "draft",
        sendAt: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
        data: parsed.data,
        dryRun: null,
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
      if (parsed.ok)
        return { messages: messagesOf(parsed.data, opts.largeText), issues: problemsOf(parsed.data) };
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
      return { messages: messagesOf(data, opts.largeText), issues: [...parsed.issues, ...problemsOf(data)] };
    },

    async get(id: string): Promise<{ notice: NoticeView; report: DeliveryReport }> {
      const n = await load(id);
      return { notice: toView(n), report: summarizeBatches(await store.listBatches(id)) };
    },

    /** The exact messages residents will receive. */
    async preview(id: string, opts: { largeText?: boolean } = {}): Promise<Message[]> {
      return messagesOf((await load(id)).data, opts.largeText);
    },

    /** What LINE would refuse in this notice's messages (empty when it can be sent). */
    async problems(id: string): Promise<InputIssue[]> {
      return problemsOf((await load(id)).data);
    },

    /** Pushes the preview to a staff member's own LINE account (the id comes from config, never a request). */
    async pushPreview(id: string, staffUserId: string): Promise<SendResult> {
      return messenger.push(staffUserId, messagesOf((await load(id)).data));
    },

    /**
     * Counts the audience and this month's budget. For a draft it also records the count on
     * the notice: confirm accepts only a draft whose current version was counted.
     */
    async dryRun(id: string): Promise<DryRun> {
      const n = await load(id);
      const counts = await store.countAudience({ wards: n.data.wards, topics: n.data.topics });
      const perRecipient = messagesOf(n.data).length;
      const estimatedMessages = counts.total * perRecipient;
      const quota = await monthQuota();
      if (n.state === "draft") {
        const stamp = { version: n.version + 1, at: clock(), recipients: counts.total, estimatedMessages };
        await apply(n, { ok: true, notice: { ...n, dryRun: stamp } });
      }
      return {
        noticeId: id,
        recipients: counts,
        estimatedMessages,
        requests: Math.ceil(counts.total / MULTICAST_MAX),
        quota,
        withinQuota: quota?.remaining == null ? null : estimatedMessages <= quota.remaining,
        problems: problemsOf(n.data),
      };
    },

    /**
     * Replaces the content of a draft (same rules as a new one). The version changes, so a dry
     * run made before the edit no longer allows confirming.
     */
    async updateDraft(id: string, input: unknown): Promise<NoticeView> {
      const n = await load(id);
      if (n.state !== "draft") {
        throw new NoticeError(
          "conflict",
          "not-draft",
          `このお知らせは「${stateLabel(n.state)}」です。直せるのは下書きだけです。`,
        );
      }
      const parsed = parseNoticeInput(input, { now: clock(), findProgram });
      if (!parsed.ok) throw new NoticeError("invalid", "invalid", "入力を確かめてください。", parsed.issues);
      // The stamp stays, naming the old version: confirm then says the draft changed since.
      return apply(n, { ok: true, notice: { ...n, data: parsed.data } });
    },

    /**
     * Confirms a draft; `sendAt` is "YYYY-MM-DDTHH:mm" (Tokyo) or ISO, default now. Refused
     * unless the current version was dry-run and the send (recounted now) fits this month.
     */
    async confirm(id: string, sendAt?: string | null): Promise<NoticeView> {
      let at: number | null = null;
      if (sendAt != null && sendAt !== "") {
        at = parseTokyoDateTime(sendAt);
        if (at === null) {
          throw new NoticeError("invalid", "invalid", "送信日時の形がちがいます（例: 2026-12-01T09:00）。", [
            { path: "sendAt", message: "送信日時の形がちがいます（例: 2026-12-01T09:00）。" },
          ]);
        }
      }
      const n = await load(id);
      // Refused before any state change: LINE would answer every multicast of it with 400.
      const problems = n.state === "draft" ? problemsOf(n.data) : [];
      if (problems.length > 0)
        throw new NoticeError(
          "invalid",
          "unsendable",
          "このままではLINEが受け付けません。下書きを直してから確定してください。",
          problems,
        );
      let quota: { estimated: number; remaining: number | null } | undefined;
      if (n.state === "draft" && n.dryRun?.version === n.version) {
        const counts = await store.countAudience({ wards: n.data.wards, topics: n.data.topics });
        quota = {
          estimated: counts.total * messagesOf(n.data).length,
          remaining: (await monthQuota())?.remaining ?? null,
        };
      }
      return apply(n, confirmNotice(n, { now: clock(), sendAt: at, ...(quota ? { quota } : {}) }));
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

    /**
     * Questions the bot could not answer, most frequent first (no user identifiers). Scrubbed
     * again on the way out: questions stored before the store scrubbed them may still hold
     * a phone number or an e-mail address.
     */
    async unanswered(limit: number) {
      const groups = await store.listUnanswered(limit);
      return groups.map((g) => ({ ...g, text: scrubPersonalData(g.text) }));
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;
