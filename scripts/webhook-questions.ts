import { randomUUID } from "node:crypto";

/**
 * The resident questions the webhook benchmark sends and the in-process bot profile replays,
 * one list so that the profile's per-event figures describe the benchmark's traffic.
 */
export const WEBHOOK_QUESTIONS: readonly string[] = [
  "防災の講座はありますか",
  "子育てサークルを探しています",
  "高齢者の健康づくり",
  "地域のお祭り",
  "補助金を使いたい",
  "東区の防災訓練",
  "外国人との交流",
  "ウォーキングの集まり",
];

/**
 * The i-th event of that traffic: a text message from one of a thousand residents (asking in
 * turn), each event new (its own webhookEventId and reply token).
 */
export function webhookTextEvent(i: number) {
  return {
    type: "message" as const,
    mode: "active" as const,
    timestamp: Date.now(),
    webhookEventId: randomUUID(),
    deliveryContext: { isRedelivery: false },
    replyToken: randomUUID(),
    source: { type: "user" as const, userId: `U${(i % 1000).toString(16).padStart(32, "0")}` },
    message: {
      id: String(i),
      type: "text" as const,
      text: WEBHOOK_QUESTIONS[i % WEBHOOK_QUESTIONS.length]!,
      quoteToken: "q",
    },
  };
}

/** A webhook body carrying {@link webhookTextEvent} `i`, as LINE would POST it. */
export const webhookBody = (i: number): string =>
  JSON.stringify({ destination: "Ubench", events: [webhookTextEvent(i)] });
