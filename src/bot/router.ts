/**
 * The bot: one webhook event in, at most one reply out. Each event runs in its own error
 * boundary (a throwing handler costs that event only), is de-duplicated on webhookEventId
 * through the store (LINE redelivers, and may deliver twice), and ends in exactly one log line
 * with its outcome and latency. Standby events are skipped. When the store fails the bot
 * carries on without profile or dedupe ("degraded") so searches still get answers.
 */
import type { Profile, ProfilePatch } from "../store/port.js";
import { storeFailureFields } from "../store/store-health.js";
import { textStyle, type Message, type TextStyle } from "../replies/flex/parts.js";
import { replies } from "../replies/messages.js";
import type { Logger } from "../logging.js";
import type { BotDeps, Ctx } from "./context.js";
import { handleText } from "./handlers/text.js";
import { handlePostback } from "./handlers/postback.js";
import { parseEvent, type ParsedEvent } from "./event-shape.js";

/** How long a webhookEventId is remembered. LINE redelivers for up to about a day; keep a margin. */
export const EVENT_CLAIM_TTL_MS = 3 * 24 * 60 * 60 * 1000;
/** Event ids remembered in memory for de-duplication while the store fails. */
const RECENT_CLAIMS = 10_000;
/** LINE accepts at most 5 messages per reply. */
const MAX_REPLY_MESSAGES = 5;

export type Outcome =
  "replied" | "reply-failed" | "no-reply" | "duplicate" | "standby" | "ignored" | "invalid-event" | "error";

export interface EventResult {
  outcome: Outcome;
  type: string;
  degraded: boolean;
  /** What was sent as the reply (empty when nothing was). */
  messages: Message[];
}

/** What every log line of an event carries (the sender as its keyed hash only). */
const eventFields = (ev: ParsedEvent, user: string | null) => ({
  webhookEventId: ev.webhookEventId,
  user,
  eventType: ev.type,
});

export interface Bot {
  /** Handles one raw event (already signature-checked). Never throws. */
  handleEvent(raw: unknown): Promise<EventResult>;
}

/**
 * The per-event context. A class, not an object literal: a literal with getters and a method
 * is built through V8's runtime on every event (5–7 µs in a micro-benchmark, against 0.2–0.4 µs
 * for an instance whose getters and method sit on the prototype).
 */
class EventContext implements Ctx {
  profile: Profile | null = null;
  degraded = false;
  style: TextStyle = textStyle(false);
  readonly personal: boolean;
  /** The event's child logger, made on first use. */
  #log: Logger | null = null;

  constructor(
    readonly deps: BotDeps,
    private readonly ev: ParsedEvent,
    readonly userId: string | null,
    readonly userHash: string | null,
    readonly now: number,
  ) {
    this.personal = ev.source?.type === "user" && userId !== null;
  }

  get log(): Logger {
    return (this.#log ??= this.deps.logger.child(eventFields(this.ev, this.userHash)));
  }

  get logged(): boolean {
    return this.#log !== null;
  }

  async updateProfile(patch: ProfilePatch): Promise<Profile | null> {
    if (!this.userId || !this.personal) return null;
    try {
      this.profile = await this.deps.store.upsertProfile(this.userId, patch, this.deps.clock());
      return this.profile;
    } catch (err) {
      // Refused, not dropped: logged as an error (with file and line when the store is
      // damaged), and every caller tells the resident that nothing was saved.
      this.degraded = true;
      this.log.error(storeFailureFields(err), "store unavailable: profile not saved");
      return null;
    }
  }
}

/** Creates the bot over its dependencies. */
export function createBot(deps: BotDeps): Bot {
  const { store, messenger, logger, hashUser, clock } = deps;

  async function loadProfile(ctx: Ctx): Promise<void> {
    if (!ctx.userId || !ctx.personal) return;
    try {
      ctx.profile = await store.getProfile(ctx.userId);
    } catch (err) {
      ctx.degraded = true;
      ctx.log.warn(storeFailureFields(err), "store unavailable: profile not loaded");
    }
  }

  function makeCtx(ev: ParsedEvent, started: number): Ctx {
    const userId = ev.source?.userId ?? null;
    return new EventContext(deps, ev, userId, userId ? hashUser(userId) : null, started);
  }

  /** Returns the reply for an event, or null when none makes sense. */
  async function respond(ctx: Ctx, ev: ParsedEvent): Promise<Message[] | null> {
    switch (ev.type) {
      case "message": {
        if (!ctx.personal) {
          // In groups and rooms the bot stays quiet on chatter; settings are personal.
          return null;
        }
        if (ev.message?.type === "text") return handleText(ctx, ev.message.text ?? "");
        return replies.unsupported();
      }
      case "postback":
        return handlePostback(ctx, ev.postback?.data);
      case "follow": {
        if (!ctx.personal) return null;
        const unblocked = ev.follow?.isUnblocked === true;
        const existing = ctx.profile;
        const saved = await ctx.updateProfile({ followed: true, awaiting: null });
        // A resident who blocked and came back keeps their settings: no set-up again.
        const welcome =
          unblocked || (existing && existing.ward)
            ? replies.welcomeBack(ctx.profile?.ward ?? existing?.ward ?? null)
            : replies.welcome(ctx.style);
        // Not saved: notices would not reach them, so they hear it now instead of never.
        return saved ? welcome : [...replies.storeDownNote(), ...welcome];
      }
      case "unfollow":
        await ctx.updateProfile({ followed: false, awaiting: null });
        return null;
      case "join":
        return replies.groupHello();
      default:
        return null;
    }
  }

  async function handleEvent(raw: unknown): Promise<EventResult> {
    const started = clock();
    const t0 = performance.now();
    // Only the fields the bot reads are checked (event-shape.ts); anything else is ignored.
    const ev = parseEvent(raw);
    if (ev === null) {
      logger.warn({ outcome: "invalid-event", latencyMs: 0 }, "webhook event ignored: unexpected shape");
      return { outcome: "invalid-event", type: "unknown", degraded: false, messages: [] };
    }
    const ctx = makeCtx(ev, started);
    let outcome: Outcome = "no-reply";
    let sent: Message[] = [];
    let replyAttempted = false;
    try {
      if (ev.mode === "standby") {
        outcome = "standby";
      } else if (
        ev.webhookEventId &&
        !(await claim(ctx, ev.webhookEventId, ev.deliveryContext?.isRedelivery === true))
      ) {
        outcome = "duplicate";
      } else {
        await loadProfile(ctx);
        if (ctx.profile?.largeText) ctx.style = textStyle(true);
        const messages = await respond(ctx, ev);
        if (messages === null || messages.length === 0) {
          outcome = isKnownType(ev.type) ? "no-reply" : "ignored";
        } else if (!ev.replyToken) {
          outcome = "no-reply";
        } else {
          sent = messages.slice(0, MAX_REPLY_MESSAGES);
          replyAttempted = true;
          const r = await messenger.reply(ev.replyToken, sent);
          outcome = r.ok ? "replied" : "reply-failed";
          if (!r.ok) ctx.log.warn({ status: r.status, reason: r.message }, "reply was not accepted");
        }
      }
    } catch (err) {
      outcome = "error";
      sent = [];
      ctx.log.error({ err }, "event handler failed");
      // The resident still hears something, unless the failure was the reply itself.
      if (ev.replyToken && ctx.personal && !replyAttempted) {
        try {
          const sorry = replies.sorry();
          const r = await messenger.reply(ev.replyToken, sorry);
          if (r.ok) sent = sorry;
        } catch {
          // Already logged above; nothing more to do for this event.
        }
      }
    }
    const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
    const level = outcome === "error" ? "error" : "info";
    // The same line either way: the child's bindings come first, then these fields.
    const [line, fields] = ctx.logged ? [ctx.log, {}] : [logger, eventFields(ev, ctx.userHash)];
    line[level](
      {
        ...fields,
        outcome,
        latencyMs,
        degraded: ctx.degraded,
        messageType: ev.message?.type,
        redelivery: ev.deliveryContext?.isRedelivery ?? false,
        source: ev.source?.type,
      },
      `webhook event ${ev.type}: ${outcome}`,
    );
    return { outcome, type: ev.type, degraded: ctx.degraded, messages: sent };
  }

  /**
   * Event ids this process claimed recently (id → when the claim expires), newest last: when
   * the store fails, de-duplication falls back to them, so an event delivered twice to this
   * instance is still handled once. Bounded; the store stays the record across instances.
   */
  const recentClaims = new Map<string, number>();
  const remember = (id: string, expiresAt: number): void => {
    recentClaims.delete(id);
    recentClaims.set(id, expiresAt);
    if (recentClaims.size > RECENT_CLAIMS) {
      const oldest = recentClaims.keys().next().value;
      if (oldest !== undefined) recentClaims.delete(oldest);
    }
  };

  /**
   * Claims the event id. When the store fails, an event this process has seen is a duplicate;
   * another first delivery goes through (degraded: de-duplicated in this process only) but a
   * redelivery does not: it may already have been answered, and a second answer is worse than none.
   */
  async function claim(ctx: Ctx, id: string, redelivery: boolean): Promise<boolean> {
    const expiresAt = ctx.now + EVENT_CLAIM_TTL_MS;
    try {
      const first = await store.claimEvent(id, ctx.now, expiresAt);
      if (first) remember(id, expiresAt);
      return first;
    } catch (err) {
      ctx.degraded = true;
      ctx.log.error({ ...storeFailureFields(err), redelivery }, "store unavailable: event not de-duplicated");
      const seen = recentClaims.get(id);
      if ((seen !== undefined && seen > ctx.now) || redelivery) return false;
      remember(id, expiresAt);
      return true;
    }
  }

  return { handleEvent };
}

const KNOWN = new Set(["message", "postback", "follow", "unfollow", "join"]);
const isKnownType = (t: string): boolean => KNOWN.has(t);
