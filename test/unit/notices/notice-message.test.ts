/** The notice Flex message and the upcoming-events carousel: content, optional buttons, large text, LINE schema validity. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildNoticeBubble, buildNoticeMessage } from "../../../src/notices/notice-message.js";
import { buildEventsCarousel, CAROUSEL_MAX_BYTES, flexBytes } from "../../../src/notices/events-carousel.js";
import {
  parseNoticeInput,
  NOTICE_LIMITS,
  type Notice,
  type NoticeData,
} from "../../../src/notices/notice.js";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";
import { parsePostback } from "../../../src/postback.js";
import { TOPIC_KEYS } from "../../../src/knowledge/topics.js";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { NOW, confirmedNotice, noticeInput } from "../../helpers/notices.js";

const WARDS = KNOWLEDGE_WARDS.names;

const findProgram = (id: string) => (id === "higashi-m-01" ? { name: "防災訓練の支援" } : undefined);

function data(over: Record<string, unknown> = {}): NoticeData {
  const r = parseNoticeInput(noticeInput(over), { now: NOW, findProgram });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

/** Every text and button in a Flex tree. */
function leaves(node: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((n) => leaves(n, out));
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.type === "text" || o.type === "button") out.push(o);
    Object.values(o).forEach((v) => leaves(v, out));
  }
  return out;
}

describe("notice Flex message", () => {
  it("shows title, 「12月5日(土) 10:00〜12:00」, place and body, valid for multicast, every text scaling", () => {
    const m = buildNoticeMessage(data());
    expectValidLineMessages([m], "multicast");
    const json = JSON.stringify(m);
    for (const s of [
      "東区 防災訓練のお知らせ",
      "12月5日(土) 10:00〜12:00",
      "東区役所 1階ホール",
      "防災訓練をします",
    ]) {
      expect(json).toContain(s);
    }
    expect(m.altText).toBe("【お知らせ】東区 防災訓練のお知らせ（12月5日(土) 10:00〜12:00）");
    const ls = leaves(m.contents);
    expect(ls.length).toBeGreaterThan(4);
    for (const l of ls) expect(l.scaling, JSON.stringify(l)).toBe(true);
  });

  it("adds link, image and related-program buttons only when given; postbacks parse", () => {
    const m = buildNoticeMessage(
      data({
        url: "https://www.city.kumamoto.jp/",
        imageUrl: "https://example.jp/a.png",
        programId: "higashi-m-01",
      }),
    );
    expectValidLineMessages([m], "multicast");
    const bubble = m.contents as {
      hero?: unknown;
      footer?: { contents: Array<{ action: Record<string, string> }> };
    };
    expect(bubble.hero).toMatchObject({ type: "image", url: "https://example.jp/a.png" });
    const actions = bubble.footer?.contents.map((b) => b.action) ?? [];
    expect(actions.map((a) => a.type)).toEqual(["uri", "postback", "postback"]);
    expect(parsePostback(actions[1]?.data)).toEqual({ kind: "detail", programId: "higashi-m-01" });
    expect(parsePostback(actions[2]?.data)).toEqual({ kind: "settings" });
    const plain = buildNoticeMessage(data()).contents as { hero?: unknown; footer?: { contents: unknown[] } };
    expect(plain.hero).toBeUndefined();
    expect(plain.footer?.contents).toHaveLength(1);
  });

  it("large-text variant uses bigger sizes", () => {
    const small = leaves(buildNoticeMessage(data()).contents).find(
      (l) => l.text === "東区 防災訓練のお知らせ",
    );
    const large = leaves(buildNoticeMessage(data(), { largeText: true }).contents).find(
      (l) => l.text === "東区 防災訓練のお知らせ",
    );
    expect(small?.size).toBe("lg");
    expect(large?.size).toBe("xl");
    expectValidLineMessages([buildNoticeMessage(data(), { largeText: true })], "multicast");
  });

  it("stays valid for any notice within the limits (property)", () => {
    const line = (max: number) =>
      fc
        .string({ unit: fc.constantFrom(..."あいう防災訓練 ABC123（）・"), minLength: 1, maxLength: max })
        .filter((s) => s.trim() !== "");
    fc.assert(
      fc.property(
        line(NOTICE_LIMITS.title),
        fc.array(line(30), { minLength: 1, maxLength: NOTICE_LIMITS.bodyLines }),
        line(NOTICE_LIMITS.place),
        fc.subarray([...WARDS], { minLength: 1 }),
        fc.subarray([...TOPIC_KEYS], { minLength: 1 }),
        fc.boolean(),
        (title, body, place, wards, topics, largeText) => {
          const d = data({ title, body: body.join("\n"), place, wards, topics });
          expectValidLineMessages([buildNoticeMessage(d, { largeText })], "multicast");
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("events carousel", () => {
  const notice = (i: number): Notice =>
    confirmedNotice(
      `n-${i}`,
      data({
        title: `イベント${i}`,
        body: "あ".repeat(NOTICE_LIMITS.body),
        url: "https://www.city.kumamoto.jp/",
      }),
    );

  it("is null for no events and a valid carousel capped at 10 bubbles otherwise", () => {
    expect(buildEventsCarousel([])).toBeNull();
    const m = buildEventsCarousel(Array.from({ length: 12 }, (_, i) => notice(i)));
    expect(m).not.toBeNull();
    expectValidLineMessages([m], "reply");
    expect((m?.contents as { contents: unknown[] }).contents).toHaveLength(10);
    expectValidLineMessages([buildEventsCarousel([notice(1)], { largeText: true })], "reply");
  });
});

describe("events carousel at the field limits", () => {
  // Ten notices with every field at the project's own limits, in 3-byte characters, with a
  // related program, a link and an image of the longest allowed URL length.
  const longUrl = (base: string) => `${base}${"a".repeat(NOTICE_LIMITS.url - base.length)}`;
  const biggest = (i: number): Notice =>
    confirmedNotice(`n-${i}`, {
      ...data({
        title: "熊".repeat(NOTICE_LIMITS.title),
        body: Array.from({ length: NOTICE_LIMITS.bodyLines }, () => "本".repeat(32))
          .join("\n")
          .slice(0, NOTICE_LIMITS.body),
        place: "場".repeat(NOTICE_LIMITS.place),
        wards: [...WARDS],
        url: longUrl("https://www.city.kumamoto.jp/"),
        imageUrl: longUrl("https://www.city.kumamoto.jp/img/"),
        programId: "higashi-m-01",
      }),
      programName: "名".repeat(60),
    });

  for (const largeText of [false, true]) {
    it(`stays within LINE's 50 KB and shows all ten events (largeText: ${largeText})`, () => {
      const notices = Array.from({ length: 10 }, (_, i) => biggest(i));
      // The same notices as full bubbles are over the limit: the test really is at the edge.
      const full = {
        type: "carousel",
        contents: notices.map((n) => buildNoticeBubble(n.data, { largeText })),
      };
      expect(flexBytes(full)).toBeGreaterThan(CAROUSEL_MAX_BYTES);

      const m = buildEventsCarousel(notices, { largeText });
      expect(m).not.toBeNull();
      expect(flexBytes(m?.contents)).toBeLessThanOrEqual(CAROUSEL_MAX_BYTES);
      expectValidLineMessages([m], "reply");
      const bubbles = (m?.contents as { contents: unknown[] }).contents;
      expect(bubbles).toHaveLength(10);
      expect(m?.altText).toContain("10件");
      // Bodies are shortened with "…", titles and places are not.
      expect(JSON.stringify(bubbles[0])).toContain("…");
      expect(JSON.stringify(bubbles[0])).toContain("熊".repeat(NOTICE_LIMITS.title));
    });
  }

  it("drops the latest events only when shortening bodies is not enough", () => {
    const notices = Array.from({ length: 10 }, (_, i) => biggest(i));
    const m = buildEventsCarousel(notices, { maxBytes: 20_000 });
    const bubbles = (m?.contents as { contents: unknown[] }).contents;
    expect(bubbles.length).toBeGreaterThan(0);
    expect(bubbles.length).toBeLessThan(10);
    expect(flexBytes(m?.contents)).toBeLessThanOrEqual(20_000);
    expect(m?.altText).toContain(`${bubbles.length}件`);
  });
});
