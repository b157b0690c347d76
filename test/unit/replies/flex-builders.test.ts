/**
 * Property-style checks of the reply builders: many programs (the real catalogue when present,
 * the test programs, and thousands of generated ones with long, odd and empty-ish texts) go
 * through every builder, and every message must pass LINE's schema and platform limits.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { programArb, realCatalogue, TEST_PROGRAMS } from "../../helpers/bot-fixtures.js";
import { programBubble, NOT_RUNNING, statusText } from "../../../src/replies/flex/program-bubble.js";
import { programCarousel, PAGE_SIZE } from "../../../src/replies/flex/program-carousel.js";
import { programDetail } from "../../../src/replies/flex/program-detail.js";
import { settingsCard } from "../../../src/replies/flex/settings-card.js";
import { textStyle, type Message } from "../../../src/replies/flex/parts.js";
import {
  suggestionQuickReplies,
  topicQuickReplies,
  wardQuickReplies,
} from "../../../src/replies/flex/quick-replies.js";
import { replies } from "../../../src/replies/messages.js";
import { loadOffices } from "../../../src/knowledge/offices.js";
import { TOPIC_KEYS } from "../../../src/bot/postback.js";
import { WARDS, type Program } from "../../../src/knowledge/schema.js";

const styles = [textStyle(false), textStyle(true)];
const programs: Program[] = [...(realCatalogue()?.programs ?? []), ...TEST_PROGRAMS];

/** Every text and button anywhere in a message. */
function components(m: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.type === "text" || o.type === "button") out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(m);
  return out;
}

const flexParts = (m: Message): Array<Record<string, unknown>> =>
  m.type === "flex" ? components((m as { contents: unknown }).contents) : [];

describe("program builders", () => {
  it("every catalogue/test program builds a valid bubble, detail and carousel in both sizes", () => {
    for (const style of styles) {
      for (const p of programs) {
        const detail = programDetail(p, style, "出典テスト");
        const carousel = programCarousel({
          programs: [p],
          total: 1,
          offset: 0,
          label: p.name,
          next: null,
          style,
        });
        expectValidLineMessages([detail, carousel]);
        for (const c of [...flexParts(detail), ...flexParts(carousel)]) expect(c.scaling).toBe(true);
      }
    }
  });

  it("generated programs (long, odd texts, null figures) always give valid messages", () => {
    fc.assert(
      fc.property(
        fc.array(programArb, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.string({ maxLength: 400 }),
        (ps, large, query) => {
          const style = textStyle(large);
          const carousel = programCarousel({
            programs: ps,
            total: ps.length + 7,
            offset: 0,
            label: query,
            next: { kind: "more", offset: PAGE_SIZE, ward: null, query: query || "x" },
            style,
            quickReply: suggestionQuickReplies([query, `${query}2`]),
          });
          expectValidLineMessages([carousel, programDetail(ps[0]!, style, null)]);
          // One bubble per shown program, plus 「もっと見る」.
          const bubbles = (carousel as { contents: { contents: unknown[] } }).contents.contents;
          expect(bubbles.length).toBe(Math.min(ps.length, PAGE_SIZE) + 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a program that did not run is labelled and never shown as 実施", () => {
    for (const p of TEST_PROGRAMS.filter((q) => NOT_RUNNING.has(q.status))) {
      const json = JSON.stringify(programBubble(p, textStyle(false)));
      expect(json).toContain(statusText(p));
      expect(statusText(p)).not.toContain("実施しました");
      expect(json).toContain(p.statusReason);
    }
  });

  it("shows budget and settlement in 万円", () => {
    const p = TEST_PROGRAMS.find((q) => q.id === "chuo-f-07")!;
    const json = JSON.stringify(programBubble(p, textStyle(false)));
    expect(json).toContain("当初予算 150万円");
    expect(json).toContain("決算 149.9万円");
  });

  it("large text uses bigger sizes than normal", () => {
    const p = TEST_PROGRAMS[0]!;
    const normal = JSON.stringify(programBubble(p, textStyle(false)));
    const large = JSON.stringify(programBubble(p, textStyle(true)));
    expect(normal).toContain('"size":"lg"');
    expect(large).toContain('"size":"xl"');
    expect(large).not.toEqual(normal);
  });

  it("the carousel altText names the programs", () => {
    const m = programCarousel({
      programs: TEST_PROGRAMS.slice(0, 3),
      total: 3,
      offset: 0,
      label: "防災",
      next: null,
      style: styles[0]!,
    });
    expect(m.type === "flex" && m.altText).toContain(TEST_PROGRAMS[0]!.name);
  });
});

describe("other builders", () => {
  it("settings cards for every combination of topics, wards and sizes are valid", () => {
    fc.assert(
      fc.property(
        fc.subarray([...TOPIC_KEYS]),
        fc.option(fc.constantFrom(...WARDS), { nil: null }),
        fc.boolean(),
        (topics, ward, large) => {
          const card = settingsCard({ topics, ward, largeText: large }, textStyle(large));
          expectValidLineMessages([card]);
          for (const c of flexParts(card)) expect(c.scaling).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("text replies with quick replies are valid", () => {
    const offices = loadOffices();
    const all: Message[][] = [
      replies.welcome(),
      replies.welcomeBack("東区"),
      replies.welcomeBack(null),
      replies.wardPicker(),
      replies.askPlace(),
      replies.placeAmbiguous("861-0000", ["東区", "北区"]),
      replies.help(),
      replies.cannotAnswer(["防災", "子育て"]),
      replies.cannotAnswer([]),
      replies.outdated(),
      replies.unsupported(),
      replies.office(offices, "西区"),
      replies.office(offices, null),
    ];
    for (const m of all) expectValidLineMessages(m);
    expect(topicQuickReplies()).toHaveLength(6);
    expect(wardQuickReplies()).toHaveLength(6);
  });

  it("the office reply states only the address from knowledge/offices.json", () => {
    const offices = loadOffices();
    const [m] = replies.office(offices, "北区");
    const t = m?.type === "text" ? m.text : "";
    expect(t).toContain("熊本市北区植木町岩野238-1");
    expect(t).toContain("https://www.city.kumamoto.jp/");
    expect(t).not.toMatch(/\d{2,4}-\d{2,4}-\d{4}/); // no phone numbers
  });
});
