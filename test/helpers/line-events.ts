/**
 * Builders for webhook events in the shape of LINE's webhook.yml, plus body signing, for the
 * bot and webhook tests. Each event gets a fresh webhookEventId unless one is given.
 */
import { createHmac, randomUUID } from "node:crypto";

export const USER_A = "U0a1b2c3d4e5f60718293a4b5c6d7e8f9";
export const USER_B = "U1111111111111111111111111111111f";

type Extra = Record<string, unknown>;

function baseEvent(userId: string, extra: Extra): Extra {
  return {
    mode: "active",
    timestamp: Date.now(),
    source: { type: "user", userId },
    webhookEventId: `01TEST${randomUUID().replace(/-/g, "").slice(0, 20).toUpperCase()}`,
    deliveryContext: { isRedelivery: false },
    replyToken: randomUUID().replace(/-/g, ""),
    ...extra,
  };
}

export const textEvent = (text: string, userId = USER_A, extra: Extra = {}): Extra =>
  baseEvent(userId, { type: "message", message: { id: "1", type: "text", text, quoteToken: "q" }, ...extra });
export const postbackEvent = (data: string, userId = USER_A, extra: Extra = {}): Extra =>
  baseEvent(userId, { type: "postback", postback: { data }, ...extra });
export const followEvent = (isUnblocked = false, userId = USER_A, extra: Extra = {}): Extra =>
  baseEvent(userId, { type: "follow", follow: { isUnblocked }, ...extra });
export const unfollowEvent = (userId = USER_A): Extra => {
  const e = baseEvent(userId, { type: "unfollow" });
  delete e.replyToken;
  return e;
};

/** The x-line-signature for a body (HMAC-SHA256, base64) — what LINE sends. */
export const sign = (body: string | Buffer, secret: string): string =>
  createHmac("sha256", secret).update(body).digest("base64");
