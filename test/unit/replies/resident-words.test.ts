/**
 * What residents read on program cards is written for them: no analysts' notes (how a figure
 * was read off the sheet, row numbers, 「みなしています」), no 「新規」 on FY2020 programs, a
 * status note that agrees with the label, the reason for a cancelled program in plain words, and
 * no text cut inside a word. Checked over every program of the real catalogue; every status note
 * (a program's own or its status's) is short polite plain Japanese, agrees with the label, and
 * states only numbers and quotations found in the program's record.
 */
import { describe, expect, it } from "vitest";
import { flexTexts as texts } from "../../helpers/flex-texts.js";
import { realCatalogue, TEST_PROGRAMS } from "../../helpers/bot-fixtures.js";
import { programBubble, summaryOf } from "../../../src/replies/flex/program-bubble.js";
import { programDetail } from "../../../src/replies/flex/program-detail.js";
import { programCarousel } from "../../../src/replies/flex/program-carousel.js";
import { clip, textStyle } from "../../../src/replies/flex/parts.js";
import { residentDescription, statusNote } from "../../../src/replies/program-words.js";
import { COPY } from "../../../src/replies/copy.js";
import type { Program } from "../../../src/knowledge/schema.js";

const catalogue = realCatalogue();
const programs: Program[] = catalogue?.programs ?? [];

/** Marks of the analysts' notes: row ranges, sheet extraction, judgement words, sheet remarks. */
const ANALYST = /（\d+〜\d+）|\d+事業（|事業ごとに|みなして|抽出|行から離れた|根拠|とすると|合計から/;

describe("program cards for residents", () => {
  it("the real catalogue is present", () => {
    expect(programs.length).toBeGreaterThan(100);
  });

  it("no card or detail carries the staff's notes, row numbers or 「新規」", () => {
    for (const large of [false, true]) {
      const style = textStyle(large);
      for (const p of programs) {
        const shown = [...texts(programBubble(p, style)), ...texts(programDetail(p, style, "出典"))].join(
          "\n",
        );
        expect(shown, p.id).not.toMatch(ANALYST);
        expect(shown, p.id).not.toContain("新規");
        if (p.figureNotes) expect(shown, p.id).not.toContain(p.figureNotes);
        // The staff's reason appears only where it is already plain (no catalogue has one yet).
        expect(shown, p.id).not.toContain(p.statusReason);
      }
    }
  });

  it("a status note agrees with its label, and a program that did not run says why", () => {
    for (const p of programs) {
      const note = statusNote(p);
      if (p.status === "実施") continue;
      expect(note, p.id).toBeTruthy();
      if (p.status === "一部実施") expect(note, p.id).toMatch(/一部/);
      if (p.status === "中止") expect(note, p.id).toMatch(/中止/);
      expect(texts(programBubble(p, textStyle(false))).join("\n"), p.id).toContain(note!);
    }
    // The cancelled program that still shows a 250万円 settlement: the card says what happened.
    const festival = catalogue?.byId.get("nishi-m-07");
    expect(festival?.status).toBe("中止");
    const card = texts(programBubble(festival!, textStyle(false))).join("\n");
    expect(card).toContain("5月に のび");
    expect(card).toContain("中止に なりました");
  });

  it("a missing description is said plainly, without the sheet's markers", () => {
    const parent = catalogue?.byId.get("minami-m-14");
    expect(parent).toBeDefined();
    const d = residentDescription(parent!);
    expect(d).not.toMatch(/資料に事業内容の記載|①|⑥/);
    expect(d).toContain("6つ");
  });

  it("summaries are never cut inside a number, a katakana word or a kanji compound", () => {
    const run = /[0-9０-９,，.．万円]|[\p{Script=Katakana}ー]|\p{Script=Han}/u;
    const sameRun = (a: string, b: string): boolean =>
      (/[0-9０-９,，.．万円]/u.test(a) && /[0-9０-９,，.．万円]/u.test(b)) ||
      (/[\p{Script=Katakana}ー]/u.test(a) && /[\p{Script=Katakana}ー]/u.test(b)) ||
      (/\p{Script=Han}/u.test(a) && /\p{Script=Han}/u.test(b));
    let cut = 0;
    for (const p of [...programs, ...TEST_PROGRAMS]) {
      const s = summaryOf(p);
      if (!s.endsWith("…")) continue;
      cut++;
      const kept = Array.from(s.slice(0, -1));
      const full = Array.from(residentDescription(p));
      const last = kept.at(-1) ?? "";
      const next = full[kept.length] ?? "";
      if (run.test(last) && run.test(next)) expect(sameRun(last, next), `${p.id}: ${s}`).toBe(false);
    }
    expect(cut).toBeGreaterThan(10);
  });

  it("clip keeps numbers and words whole", () => {
    expect(clip("予算は1,234万円で、防災訓練をします", 9)).toBe("予算は…");
    expect(clip("防災訓練と避難所運営を支援します", 10)).toBe("防災訓練と…");
    expect(clip("短い", 10)).toBe("短い");
  });

  it("the carousel altText names each program once, with its ward", () => {
    const twice = [programs[0]!, programs[0]!, programs[1]!];
    const m = programCarousel({
      programs: twice,
      total: 3,
      offset: 0,
      label: "ご質問",
      next: null,
      style: textStyle(false),
    });
    const alt = m.type === "flex" ? m.altText : "";
    const name = programs[0]!.name;
    expect(alt.split(name).length - 1).toBe(1);
    expect(alt).toContain(`${name}（${programs[0]!.ward}`);
  });
});

/** Sentences of a note (each ends with 。). */
const sentences = (s: string): string[] => s.split(/(?<=。)/).filter((x) => x.trim() !== "");
/** Row numbers and sheet references: 「（12〜15）」「(2)」「9と10の」「①」「3行」. */
const ROWS = /[（(]\d+(?:〜\d+)?[）)]|\d+と\d+の|[①-⑳]|\d+行|\d+〜\d+/;
/** Words of the analysts' working, never a resident's: how a figure was read or reckoned. */
const WORKING = /読み取れ|決められ|候補|列|補正後|千円|とすると|事業ごと|みなして|抽出|根拠|合計から/;

/**
 * Every note a resident can read about a program's status (the program's own `residentNote`,
 * else the plain sentence for its status), walked over every program of the real catalogue.
 */
describe("every resident-facing status note", () => {
  const notes = programs
    .map((p) => ({ p, note: statusNote(p) }))
    .filter((x): x is { p: Program; note: string } => x.note !== null);
  const own = programs.filter((p) => p.residentNote !== undefined);

  it("covers the programs with their own note and every status sentence", () => {
    expect(own.length).toBeGreaterThanOrEqual(15);
    // The per-status sentences are walked too, through programs that have no note of their own.
    const general = new Set(notes.filter((n) => n.p.residentNote === undefined).map((n) => n.p.status));
    for (const s of ["一部実施", "中止", "未実施", "予算外"] as const) expect(general.has(s), s).toBe(true);
  });

  it("is やさしい日本語: short polite sentences, words spaced, no analysts' working, no row numbers", () => {
    for (const { p, note } of notes) {
      for (const s of sentences(note)) {
        expect(s, `${p.id}: ${s}`).toMatch(/(ます|ました|ません|ませんでした|です|でした)。$/);
        expect(Array.from(s.replace(/ /g, "")).length, `${p.id}: ${s}`).toBeLessThanOrEqual(45);
        // Written with spaces between phrases (分かち書き), as all resident copy is.
        if (Array.from(s).length > 14) expect(s, `${p.id}: ${s}`).toContain(" ");
      }
      expect(note, p.id).not.toMatch(ROWS);
      expect(note, p.id).not.toMatch(WORKING);
      expect(note, p.id).not.toMatch(ANALYST);
    }
  });

  it("agrees with the status label", () => {
    for (const { p, note } of notes) {
      const label = COPY.program.statusLabel[p.status];
      const what = `${p.id} 「${label}」: ${note}`;
      if (p.status === "実施")
        expect(note, what).not.toMatch(/中止|行われませんでした|行われなかった|一部だけ/);
      if (p.status === "一部実施") expect(note, what).toMatch(/一部/);
      if (p.status === "中止") expect(note, what).toMatch(/中止/);
      if (p.status === "未実施" || p.status === "中止") {
        expect(note, what).not.toMatch(/(?<!一部を )行われました|実施しました/);
        if (p.status === "未実施") expect(note, what).toMatch(/行われ(ず|ませんでした|なかった)|使われず/);
      }
      if (p.status === "予算外") expect(note, what).toMatch(/予算/);
    }
  });

  it("states only facts the catalogue has: every number and quotation is in the program's record", () => {
    for (const p of own) {
      const note = p.residentNote!;
      const record = [p.statusReason, p.figureNotes ?? "", p.description, p.name].join("\n");
      for (const n of note.match(/\d+(?:\.\d+)?/g) ?? []) expect(record, `${p.id}: ${n}`).toContain(n);
      for (const [, q] of note.matchAll(/「([^」]+)」/g)) expect(record, `${p.id}: ${q}`).toContain(q);
      // A program's own note is no longer than the schema allows, and is shown whole.
      expect(Array.from(note).length).toBeLessThanOrEqual(120);
      for (const large of [false, true]) {
        const style = textStyle(large);
        expect(texts(programBubble(p, style)), p.id).toContain(note);
        expect(texts(programDetail(p, style, "出典")), p.id).toContain(note);
      }
    }
  });
});
