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
