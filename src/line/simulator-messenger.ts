/**
 * The messenger used by the local chat simulator: replies go back to the waiting page request
 * instead of to LINE, and pushes/multicasts land in a per-user inbox the page polls. Everything
 * before it (signature, router, handlers, store) is the production pipeline. A reply that comes
 * after the page stopped waiting is put in that user's inbox, so nothing is silently lost.
 */
import type { Message, Messenger, SendResult } from "./messenger.js";

export interface SimulatorMessenger extends Messenger {
  /**
   * Resolves with the reply sent for `replyToken`, or null when none came within `timeoutMs`;
   * a reply arriving later goes to `userId`'s inbox.
   */
  waitForReply(replyToken: string, timeoutMs: number, userId?: string): Promise<Message[] | null>;
  /** Stops waiting for `replyToken` (the webhook refused the event); the wait resolves null. */
  cancelWait(replyToken: string): void;
  /** Messages pushed to `userId` from index `since` on, and the index to ask from next time. */
  inbox(userId: string, since: number): { messages: Message[]; next: number };
}

const MAX_INBOX = 200;
/** Bound on remembered tokens (replies nobody waited for, late-reply owners). */
const MAX_TOKENS = 1000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.set(key, value);
  if (map.size > MAX_TOKENS) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}

/** Creates an in-memory simulator messenger (one per process; it keeps nothing across restarts). */
export function createSimulatorMessenger(): SimulatorMessenger {
  const replies = new Map<string, Message[]>();
  const waiters = new Map<string, { resolve: (m: Message[] | null) => void; timer: NodeJS.Timeout }>();
  const lateOwners = new Map<string, string>();
  const inboxes = new Map<string, { offset: number; items: Message[] }>();
  // As on LINE, a repeated X-Line-Retry-Key is accepted once: a resumed delivery never doubles.
  const acceptedKeys = new Map<string, string>();
  let requests = 0;

  const deliver = (to: string, messages: Message[]): void => {
    const box = inboxes.get(to) ?? { offset: 0, items: [] };
    box.items.push(...messages);
    // Keep memory bounded on a long-running demo: drop the oldest, remembering how many.
    const excess = box.items.length - MAX_INBOX;
    if (excess > 0) {
      box.items.splice(0, excess);
      box.offset += excess;
    }
    inboxes.set(to, box);
  };
  const ok = (): SendResult & { ok: true } => ({ ok: true, requestId: `sim-${++requests}` });
  const once = (retryKey: string | undefined, send: () => void): SendResult => {
    const seen = retryKey ? acceptedKeys.get(retryKey) : undefined;
    if (seen) return { ok: true, requestId: seen };
    send();
    const result = ok();
    if (retryKey) remember(acceptedKeys, retryKey, result.requestId ?? "");
    return result;
  };
  const settle = (replyToken: string, messages: Message[] | null): boolean => {
    const w = waiters.get(replyToken);
    if (!w) return false;
    waiters.delete(replyToken);
    clearTimeout(w.timer);
    w.resolve(messages);
    return true;
  };

  return {
    async reply(replyToken, messages) {
      if (settle(replyToken, messages)) return ok();
      const owner = lateOwners.get(replyToken);
      if (owner) {
        lateOwners.delete(replyToken);
        deliver(owner, messages);
      } else remember(replies, replyToken, messages);
      return ok();
    },
    async push(to, messages, retryKey) {
      return once(retryKey, () => deliver(to, messages));
    },
    async multicast(to, messages, retryKey) {
      return once(retryKey, () => {
        for (const u of to) deliver(u, messages);
      });
    },
    async quota() {
      return null;
    },
    waitForReply(replyToken, timeoutMs, userId) {
      const ready = replies.get(replyToken);
      if (ready) {
        replies.delete(replyToken);
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(replyToken);
          if (userId) remember(lateOwners, replyToken, userId);
          resolve(null);
        }, timeoutMs);
        waiters.set(replyToken, { resolve, timer });
      });
    },
    cancelWait(replyToken) {
      settle(replyToken, null);
    },
    inbox(userId, since) {
      const box = inboxes.get(userId);
      if (!box) return { messages: [], next: 0 };
      const from = Math.max(since, box.offset) - box.offset;
      return { messages: box.items.slice(from), next: box.offset + box.items.length };
    },
  };
}
