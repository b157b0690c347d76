/** The versioned postback grammar: encode/parse round trips, LINE's 300-character limit, and a total parser for any input. */
import { describe, expect, it } from "vitest";
import { encodePostback, parsePostback, POSTBACK_MAX, type CurrentPostback } from "../../../src/postback.js";
import { TOPIC_KEYS } from "../../../src/knowledge/topics.js";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";

const WARDS = KNOWLEDGE_WARDS.names;

const samples: CurrentPostback[] = [
  ...WARDS.map((ward): CurrentPostback => ({ kind: "ward", ward })),
  { kind: "ward-unknown" },
  { kind: "ward-picker" },
  ...TOPIC_KEYS.map((topic): CurrentPostback => ({ kind: "topic", topic, offset: 0 })),
  { kind: "topic", topic: "bousai", offset: 5, ward: null },
  { kind: "topic", topic: "chiiki", offset: 10, ward: "西区" },
  { kind: "events" },
  { kind: "detail", programId: "minami-m-16-4" },
  { kind: "ward-programs", ward: "東区", offset: 5 },
  { kind: "same-topic", programId: "chuo-f-07" },
  { kind: "more", offset: 5, ward: null, query: "防災: 講座" },
  { kind: "more", offset: 10, ward: "北区", query: "子育て" },
  { kind: "settings" },
  ...TOPIC_KEYS.flatMap((topic): CurrentPostback[] => [
    { kind: "subscribe", topic, on: true },
    { kind: "subscribe", topic, on: false },
  ]),
  { kind: "large-text", on: true },
  { kind: "large-text", on: false },
  { kind: "large-text-toggle" },
  { kind: "tab", menu: "main" },
  { kind: "tab", menu: "settings" },
  { kind: "help" },
  { kind: "office" },
];

describe("postback grammar", () => {
  it.each(samples.map((s) => [encodePostback(s), s] as const))("round-trips %s", (data, p) => {
    expect(data.length).toBeLessThanOrEqual(POSTBACK_MAX);
    expect(parsePostback(data)).toEqual(p);
  });

  it("cuts a long search query so the data fits LINE's 300-character limit", () => {
    const data = encodePostback({ kind: "more", offset: 5, ward: null, query: "あ".repeat(1000) });
    expect(data.length).toBe(POSTBACK_MAX);
    const parsed = parsePostback(data);
    expect(parsed.kind).toBe("more");
  });

  it.each([
    "",
    "v0:ward:chuo",
    "ward=chuo",
    "v1:ward:tokyo",
    "v1:ward:chuo:extra",
    "v1:topic:gomi",
    "v1:detail:../../etc",
    "v1:wardp:chuo:-1",
    "v1:wardp:chuo:99999",
    "v1:more:5:all:",
    "v1:more:5:all:#gomi",
    "v1:topic:bousai:x",
    "v1:topic:bousai:5:tokyo",
    "v1:topic:bousai:5:chuo:1",
    "v1:large:maybe",
    "v1:tab:disaster",
    "v1:sub:bousai:maybe",
    "v1:nothing",
    "x".repeat(301),
  ])("treats %j as an outdated menu", (data) => {
    expect(parsePostback(data)).toEqual({ kind: "outdated", raw: data });
  });

  it("never throws on non-strings", () => {
    for (const v of [undefined, null, 42, {}, []]) expect(parsePostback(v).kind).toBe("outdated");
  });
});
