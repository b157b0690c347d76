/**
 * The messenger port: everything the bot and the notice sender send to LINE goes through it.
 * Adapters: the LINE Messaging API client (production, honouring LINE_API_BASE_URL), a
 * recording messenger (tests, CLI `ask`), and the simulator's messenger (replies go back to
 * the page). Results are values, not exceptions, so the sender can decide what to retry.
 */
import type { messagingApi } from "@line/bot-sdk";

export type Message = messagingApi.Message;

export type SendResult =
  | { ok: true; requestId: string | null }
  | {
      ok: false;
      /** HTTP status, or 0 for a network error / timeout. */
      status: number;
      /** 429, 5xx and network errors: try again with the same retry key. */
      retryable: boolean;
      /** For 409 on a repeated retry key: the request that was already accepted. */
      acceptedRequestId: string | null;
      /** Retry-After in ms when LINE sent one. */
      retryAfterMs: number | null;
      message: string;
    };

export interface Messenger {
  reply(replyToken: string, messages: Message[]): Promise<SendResult>;
  push(to: string, messages: Message[], retryKey?: string): Promise<SendResult>;
  /** At most 500 recipients per call (LINE's limit). */
  multicast(to: string[], messages: Message[], retryKey: string): Promise<SendResult>;
  /** Monthly quota and usage, or null where the platform does not say. */
  quota(): Promise<{ limit: number | null; used: number } | null>;
}
