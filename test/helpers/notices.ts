/**
 * Shared test data for notices: a valid staff input, a fixed "now", and residents with
 * known wards/topics so every audience in a test is computable by hand.
 */
import type { Profile } from "../../src/store/port.js";
import type { Ward } from "../../src/knowledge/schema.js";
import { KNOWLEDGE_WARDS } from "../../src/knowledge/known-wards.js";
import { TOPIC_KEYS, type TopicKey } from "../../src/knowledge/topics.js";
import type { Notice, NoticeData, NoticeInput } from "../../src/notices/notice.js";
import { parseTokyoDateTime } from "../../src/time/tokyo-time.js";

const WARDS = KNOWLEDGE_WARDS.names;

/** 2026-11-20 09:00 Tokyo. */
export const NOW = parseTokyoDateTime("2026-11-20T09:00") as number;

export function noticeInput(over: Partial<Record<keyof NoticeInput, unknown>> = {}): Record<string, unknown> {
  return {
    title: "東区 防災訓練のお知らせ",
    body: "地震にそなえて、みんなで防災訓練をします。\n動きやすい服で来てください。",
    wards: ["東区"],
    topics: ["bousai"],
    startsAt: "2026-12-05T10:00",
    endsAt: "2026-12-05T12:00",
    place: "東区役所 1階ホール",
    author: "東区 まちづくり推進課",
    ...over,
  };
}

/** A confirmed notice due at NOW with `data`, as the events list and the sender read it. */
export const confirmedNotice = (id: string, data: NoticeData): Notice => ({
  id,
  state: "confirmed",
  sendAt: NOW,
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
  dryRun: null,
  data,
});

/** A syntactically valid LINE user ID for resident `i` (not a real one). */
export const userId = (i: number): string => `U${i.toString(16).padStart(32, "0")}`;

/**
 * `n` followed residents cycling through the wards and single topics, plus every tenth
 * resident unfollowed (they must never be pushed to).
 */
export function residents(n: number, now = NOW): Profile[] {
  return Array.from({ length: n }, (_, i) => ({
    userId: userId(i),
    ward: WARDS[i % WARDS.length] as Ward,
    topics: [TOPIC_KEYS[Math.floor(i / WARDS.length) % TOPIC_KEYS.length] as TopicKey],
    largeText: false,
    followed: i % 10 !== 9,
    awaiting: null,
    createdAt: now,
    updatedAt: now,
  }));
}

/** The ids a notice to `wards` × `topics` must reach, computed independently of the store. */
export function expectedAudience(profiles: Profile[], wards: Ward[], topics: TopicKey[]): string[] {
  return profiles
    .filter(
      (p) =>
        p.followed && p.ward !== null && wards.includes(p.ward) && p.topics.some((t) => topics.includes(t)),
    )
    .map((p) => p.userId)
    .sort();
}
