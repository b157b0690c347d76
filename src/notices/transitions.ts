/**
 * The notice state machine, as pure functions:
 *
 *   draft ──dry run──▶ draft (counted) ──confirm(sendAt)──▶ confirmed ──(sender, when due)──▶ sending ──▶ sent | partly-failed
 *     └──────cancel──────────────┴──▶ cancelled          (cancel only before sending starts)
 *
 * Each function returns the next notice (version and updatedAt untouched: the store bumps the
 * version on write) or a refusal whose message staff can act on.
 */
import type { Notice } from "./notice.js";
import { eventEnd } from "./notice.js";
import { formatStaffTime } from "../time/tokyo-time.js";

/** Why a transition was refused; `code` is stable for programs, `message` is for staff. */
export interface TransitionError {
  code:
    | "not-draft"
    | "dry-run-required"
    | "dry-run-outdated"
    | "over-quota"
    | "past-event"
    | "past-schedule"
    | "schedule-after-event"
    | "already-sending"
    | "already-sent"
    | "not-confirmed"
    | "not-sending";
  message: string;
}

export type Transition = { ok: true; notice: Notice } | { ok: false; error: TransitionError };

const refuse = (code: TransitionError["code"], message: string): Transition => ({
  ok: false,
  error: { code, message },
});

/** A schedule time this close to now still counts as "now" (the form's clock and ours differ a little). */
export const SCHEDULE_GRACE_MS = 60_000;

/** What this month's quota leaves for a send, as the service measured it just before confirming. */
export interface QuotaCheck {
  /** Messages this notice would use now (recipients × messages per recipient). */
  estimated: number;
  /** Messages left this month after what is already sent or scheduled; null when no limit is known. */
  remaining: number | null;
}

/**
 * Confirms a draft for sending at `sendAt` (default: now, i.e. the next sender run).
 * Bulk actions ask first, and the server (not only the console) enforces it: the draft must
 * have a dry run of its current version, and the send must fit this month's quota. Also refuses
 * schedule times in the past and notices whose event has already started.
 */
export function confirmNotice(
  n: Notice,
  opts: { now: number; sendAt?: number | null; quota?: QuotaCheck },
): Transition {
  if (n.state !== "draft") {
    return refuse(
      "not-draft",
      `このお知らせは「${stateLabel(n.state)}」です。確定できるのは下書きだけです。`,
    );
  }
  if (n.dryRun === null) {
    return refuse("dry-run-required", "確定の前に、届く人数を数えてください（ドライラン）。");
  }
  if (n.dryRun.version !== n.version) {
    return refuse(
      "dry-run-outdated",
      "人数を数えたあとで下書きが変わりました。もう一度 人数を数えてから確定してください。",
    );
  }
  if (opts.quota && opts.quota.remaining !== null && opts.quota.estimated > opts.quota.remaining) {
    return refuse(
      "over-quota",
      `今月の残り（${opts.quota.remaining}通）では送れません（このお知らせは${opts.quota.estimated}通）。` +
        "対象を しぼるか、来月に送ってください。",
    );
  }
  const sendAt = opts.sendAt ?? opts.now;
  if (n.data.startsAt <= opts.now) {
    return refuse("past-event", "開催日時が過ぎています。日時を直した新しいお知らせを作ってください。");
  }
  if (sendAt < opts.now - SCHEDULE_GRACE_MS) {
    return refuse(
      "past-schedule",
      `送信日時（${formatStaffTime(sendAt)}）が過ぎています。これからの日時を入れてください。`,
    );
  }
  if (sendAt >= n.data.startsAt) {
    return refuse(
      "schedule-after-event",
      `送信日時は開始日時（${formatStaffTime(n.data.startsAt)}）より前にしてください。`,
    );
  }
  return { ok: true, notice: { ...n, state: "confirmed", sendAt: Math.max(sendAt, opts.now) } };
}

/** Cancels a draft or a confirmed notice. Cancelling twice is harmless; once sending has started it is refused. */
export function cancelNotice(n: Notice): Transition {
  switch (n.state) {
    case "draft":
    case "confirmed":
      return { ok: true, notice: { ...n, state: "cancelled" } };
    case "cancelled":
      return { ok: true, notice: n };
    case "sending":
      return refuse("already-sending", "送信が始まっているため、取り消せません。");
    case "sent":
    case "partly-failed":
      return refuse("already-sent", "すでに送信しました。取り消せません。");
  }
}

/**
 * The sender takes a due confirmed notice (or resumes one already sending). A confirmed
 * notice whose event has ended meanwhile is not sent: it is cancelled instead, so nobody
 * gets an invitation to the past.
 */
export function startSending(n: Notice, now: number): Transition {
  if (n.state === "sending") return { ok: true, notice: n };
  if (n.state !== "confirmed")
    return refuse("not-confirmed", `このお知らせは「${stateLabel(n.state)}」です。`);
  if (eventEnd(n.data) <= now) return { ok: true, notice: { ...n, state: "cancelled" } };
  return { ok: true, notice: { ...n, state: "sending" } };
}

/** Closes a delivery once no batch is pending: every batch sent → sent, otherwise partly-failed. */
export function finishSending(n: Notice, outcome: { failedBatches: number }): Transition {
  if (n.state !== "sending") return refuse("not-sending", `このお知らせは「${stateLabel(n.state)}」です。`);
  return { ok: true, notice: { ...n, state: outcome.failedBatches === 0 ? "sent" : "partly-failed" } };
}

/** Staff-facing names of the states. */
export const STATE_LABELS = {
  draft: "下書き",
  confirmed: "送信予定",
  sending: "送信中",
  sent: "送信済み",
  "partly-failed": "一部失敗",
  cancelled: "取り消し",
} as const satisfies Record<Notice["state"], string>;

export const stateLabel = (s: Notice["state"]): string => STATE_LABELS[s];
