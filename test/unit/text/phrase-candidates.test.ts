/**
 * The cue-phrase prefilter (src/text/phrase-candidates.ts): for any text, every phrase that
 * occurs in it is a candidate, candidates keep the list's order, and a text none of whose
 * characters starts a phrase has none — so a reader that tests only the candidates finds exactly
 * what testing every phrase found.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { phraseCandidates } from "../../../src/text/phrase-candidates.js";

const ALPHABET = ["防", "災", "の", "講", "座", "ご", "み", "ア", "ー", "a", " ", "😀", ""];
const textArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((cs) => cs.join(""));

describe("phraseCandidates", () => {
  it("keeps every phrase that occurs, in the list's order (property)", () => {
    fc.assert(
      fc.property(fc.array(textArb, { maxLength: 30 }), textArb, (phrases, text) => {
        const items = phrases.map((phrase, i) => ({ phrase, i }));
        const got = phraseCandidates(items, (x) => x.phrase)(text);
        const occurring = items.filter((x) => text.includes(x.phrase));
        for (const x of occurring) expect(got).toContain(x);
        expect(got.map((x) => x.i)).toEqual([...got.map((x) => x.i)].sort((a, b) => a - b));
        // Exactly the phrases whose first two units the text holds (and empty ones).
        const key = (p: string) => (p.length < 2 || p.slice(0, 2).includes(" ") ? p[0]! : p.slice(0, 2));
        const expected = items.filter((x) => x.phrase === "" || text.includes(key(x.phrase)));
        expect(got).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("still holds every phrase after parts of the text are replaced by a space (property)", () => {
    fc.assert(
      fc.property(
        fc.array(textArb, { maxLength: 30 }),
        textArb,
        fc.nat(),
        fc.nat(),
        (phrases, text, a, b) => {
          const cands = phraseCandidates(phrases, (p) => p)(`${text} `);
          const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
          const changed = `${text.slice(0, from)} ${text.slice(to)}`;
          for (const p of phrases) if (changed.includes(p)) expect(cands).toContain(p);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("takes out the same phrases one after another as the whole list does (property)", () => {
    // The message reader's use (analysis.ts: residue words, question forms, audience words): each
    // phrase in turn replaced by one space, trying only the text's candidates before the first.
    fc.assert(
      fc.property(fc.array(textArb, { maxLength: 30 }), textArb, (phrases, text) => {
        const words = phrases.filter((p) => p !== "");
        const takeOut = (list: readonly string[]) => list.reduce((t, p) => t.split(p).join(" "), text);
        expect(takeOut(phraseCandidates(words, (p) => p)(`${text} `))).toBe(takeOut(words));
      }),
      { numRuns: 1000 },
    );
    // A phrase that begins with the space an earlier one left: a candidate of the text plus a space.
    const words = ["災", " の"];
    expect(phraseCandidates(words, (p) => p)("防災の ")).toEqual(words);
  });

  it("leaves out phrases whose first two characters the text lacks", () => {
    const cands = phraseCandidates(["防災", "ごみ", "粗大ごみ", "住民票", "防犯", "の"], (p) => p);
    expect(cands("ごみの日はいつ")).toEqual(["ごみ", "の"]);
    expect(cands("防災の講座はありますか")).toEqual(["防災", "の"]);
    expect(cands("ありますか")).toEqual([]);
  });
});
