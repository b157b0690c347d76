/**
 * A Messenger that sends nothing and remembers every call, for tests and the CLI `ask`
 * command (which prints the reply exactly as it would go to LINE). Results can be scripted
 * per call to exercise the sender's retry paths without a network.
 */
import type { Message, Messenger, SendResult } from "./messenger.js";

export type RecordedCall = (
  | { kind: "reply"; replyToken: string; messages: Message[] }
  | { kind: "push"; to: string; messages: Message[]; retryKey: string | undefined }
  | { kind: "multicast"; to: string[]; messages: Message[]; retryKey: string }
) & { result: SendResult };

export interface RecordingMessenger extends Messenger {
  /** Every call in order (messages are deep copies, so later mutation does not alter the record). */
  readonly calls: RecordedCall[];
  /** All messages that reached `userId` through successful push or multicast calls. */
  deliveredTo(userId: string): Message[];
  /** Messages of successful replies, one array per reply, in order. */
  replies(): Message[][];
  /** The result for the next calls, in order; when empty, every call succeeds. */
  scriptResults(...results: SendResult[]): void;
  clear(): void;
}

export interface RecordingMessengerOptions {
  /** Monthly quota the fake reports; null = the platform does not say. */
  quota?: { limit: number | null; used: number } | null;
}

/** Creates a fresh recording messenger (no shared state between instances). */
export function createRecordingMessenger(options: RecordingMessengerOptions = {}): RecordingMessenger {
  const calls: RecordedCall[] = [];
  const scripted: SendResult[] = [];
  let seq = 0;
  const result = (): SendResult => scripted.shift() ?? { ok: true, requestId: `recorded-${++seq}` };
  const copy = (messages: Message[]): Message[] => structuredClone(messages);
  return {
    calls,
    async reply(replyToken, messages) {
      const r = result();
      calls.push({ kind: "reply", replyToken, messages: copy(messages), result: r });
      return r;
    },
    async push(to, messages, retryKey) {
      const r = result();
      calls.push({ kind: "push", to, messages: copy(messages), retryKey, result: r });
      return r;
    },
    async multicast(to, messages, retryKey) {
      const r = result();
      calls.push({ kind: "multicast", to: [...to], messages: copy(messages), retryKey, result: r });
      return r;
    },
    async quota() {
      return options.quota === undefined ? { limit: null, used: 0 } : options.quota;
    },
    deliveredTo(userId) {
      return calls.flatMap((c) =>
        c.result.ok &&
        ((c.kind === "push" && c.to === userId) || (c.kind === "multicast" && c.to.includes(userId)))
          ? c.messages
          : [],
      );
    },
    replies() {
      return calls.flatMap((c) => (c.kind === "reply" && c.result.ok ? [c.messages] : []));
    },
    scriptResults(...results) {
      scripted.push(...results);
    },
    clear() {
      calls.length = 0;
      scripted.length = 0;
    },
  };
}
