/**
 * Property-style checks of the reply builders: many programs (the real catalogue when present,
 * the test programs, and thousands of generated ones with long, odd and empty-ish texts) go
 * through every builder, and every message must pass LINE's schema and platform limits.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { programArb, realCatalogue, TEST_PROGRAMS } from "../../helpers/bot-fixtures.js";
import {
  programBubble,
  NOT_RUNNING,
  plainText,
  statusText,
} from "../../../src/replies/flex/program-bubble.js";
import { COPY } from "../../../src/replies/copy.js";
import { statusNote } from "../../../src/replies/program-words.js";
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
import { TOPIC_KEYS } from "../../../src/knowledge/topics.js";
import { type Program } from "../../../src/knowledge/schema.js";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";

const WARDS = KNOWLEDGE_WARDS.names;

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
      // Why, in plain words (the staff's reason stays in the catalogue).
      expect(json).toContain(statusNote(p)!);
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

  it("a program's bubble is built once per text size and shared, frozen; a newer version of the program gets its own", () => {
    const p = TEST_PROGRAMS[0]!;
    const first = programBubble(p, textStyle(false));
    // Each request makes its own style object: the same sizes find the same bubble.
    expect(programBubble(p, textStyle(false))).toBe(first);
    expect(programBubble(p, textStyle(true))).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.body?.contents[0])).toBe(true);
    expect(() => (first.body?.contents as unknown[]).push({ type: "separator" })).toThrow(TypeError);
    // A staff edit reaches residents as a new program object (the live catalogue reloads it).
    const edited: Program = { ...p, name: `${p.name}（改）` };
    expect(JSON.stringify(programBubble(edited, textStyle(false)))).toContain(`${p.name}（改）`);
    expect(JSON.stringify(programBubble(p, textStyle(false)))).not.toContain("（改）");
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

describe("plain for residents", () => {
  const notRunning = TEST_PROGRAMS.filter((q) => NOT_RUNNING.has(q.status));

  it("the carousel altText marks a program that did not run, so a screen reader never says it ran", () => {
    const m = programCarousel({
      programs: notRunning,
      total: notRunning.length,
      offset: 0,
      label: "防災",
      next: null,
      style: styles[0]!,
    });
    const alt = m.type === "flex" ? m.altText : "";
    for (const p of notRunning) expect(alt).toContain(`${p.name}（${p.ward}・${p.status}）`);
  });

  it("the detail explains 「不明」 in plain words and keeps the staff's figure notes out", () => {
    const p: Program = {
      ...TEST_PROGRAMS[0]!,
      figures: { ...TEST_PROGRAMS[0]!.figures, settlement: null },
      figureNotes: "決算額は列が抽出で欠けています。6〜11の決算額の合計は5,293",
    };
    for (const style of styles) {
      const m = programDetail(p, style, null);
      expectValidLineMessages([m]);
      const json = JSON.stringify(m);
      expect(json).toContain("不明");
      expect(json).toContain(COPY.program.unknownFigure);
      expect(json).not.toContain("抽出");
    }
    const withoutNull = JSON.stringify(
      programDetail({ ...TEST_PROGRAMS[0]!, figureNotes: "割り当てました" }, styles[0]!, null),
    );
    expect(withoutNull).toContain(COPY.program.derivedFigures);
    expect(withoutNull).not.toContain("割り当てました");
  });

  it("half-width katakana from the source sheets is shown full-width; other symbols stay", () => {
    expect(plainText("区のｼﾝﾎﾞﾙﾏｰｸ等をあしらったPRｸﾞｯｽﾞ①")).toBe("区のシンボルマーク等をあしらったPRグッズ①");
    const p: Program = { ...TEST_PROGRAMS[0]!, name: "ﾊﾞｽﾂｱｰ", description: "ｳｫｰｷﾝｸﾞの講演会。" };
    const json = JSON.stringify([programBubble(p, styles[0]!), programDetail(p, styles[1]!, null)]);
    expect(json).toContain("バスツアー");
    expect(json).toContain("ウォーキング");
    expect(json).not.toMatch(/[\uFF61-\uFF9F]/);
  });

  it("no reply is a dead end: text replies, the detail and the settings card offer a way on", () => {
    const dead: Message[][] = [
      replies.askPlace(),
      replies.groupHello(),
      replies.personalOnly(),
      [programDetail(TEST_PROGRAMS[0]!, styles[0]!, null)],
      [settingsCard({ topics: [], ward: null, largeText: false }, styles[0]!)],
    ];
    for (const ms of dead)
      expect(ms.at(-1)?.quickReply?.items?.length ?? 0, JSON.stringify(ms)).toBeGreaterThan(0);
  });

  it("「文字を大きく」 leaves no text at the smallest size", () => {
    const m = programDetail(TEST_PROGRAMS[0]!, textStyle(true), "出典テスト");
    for (const c of flexParts(m)) if (c.type === "text") expect(c.size).not.toBe("xs");
  });

  it("settings toggles say the state and the action in different words", () => {
    const card = JSON.stringify(
      settingsCard({ topics: ["bousai"], ward: "南区", largeText: false }, styles[0]!),
    );
    expect(card).toContain(COPY.settingsStateOn);
    expect(card).toContain(COPY.settingsTurnOff);
    expect(card).toContain(COPY.settingsStateOff);
    expect(card).toContain(COPY.settingsTurnOn);
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
      replies.placeAmbiguous("postal", "861-0000", ["東区", "北区"]),
      replies.help(),
      replies.cannotAnswer(["防災", "子育て"]),
      replies.cannotAnswer([]),
      replies.cannotAnswer(["防災"], undefined, offices),
      replies.outdated(),
      replies.unsupported(),
      replies.office(offices, "西区"),
      replies.office(offices, null),
    ];
    for (const m of all) expectValidLineMessages(m);
    expect(topicQuickReplies()).toHaveLength(6);
    expect(wardQuickReplies()).toHaveLength(6);
  });

  it("the office reply gives address, hours and a map link from knowledge/offices.json, and says when the phone is unknown", () => {
    const offices = loadOffices();
    const all = (m: ReturnType<typeof replies.office>) => JSON.stringify(m);
    const north = replies.office(offices, "北区");
    const t = all(north);
    expect(t).toContain("熊本市北区植木町岩野238-1");
    expect(t).toContain(offices.hours.text);
    // The hours cite their page, and the map is built from the address itself.
    expect(t).toContain(offices.hours.source);
    expect(t).toContain(
      `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent("熊本市北区植木町岩野238-1")}`,
    );
    // No phone number is in knowledge/ for the office: none is shown, and the reply says so.
    expect(offices.offices.find((o) => o.ward === "北区")?.phone).toBeUndefined();
    expect(t).not.toMatch(/\d{2,4}-\d{2,4}-\d{4}/);
    expect(t).toContain("まだ ご案内 できません");
    // Without a ward: all five offices.
    const every = all(replies.office(offices, null));
    for (const o of offices.offices) expect(every).toContain(o.address);
  });

  it("every phone number and URL in offices.json has a source, and a missing phone says why", () => {
    const offices = loadOffices();
    for (const p of offices.disaster.phones) expect(p.source).toMatch(/^https:\/\//);
    for (const l of offices.disaster.links) expect(l.source).toMatch(/^https:\/\//);
    for (const o of offices.offices) expect(o.phone?.source ?? o.missing?.phone).toBeTruthy();
  });
});
