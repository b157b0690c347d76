/**
 * The query reader keeps the words of segments it read before (issue 14: residents' words recur
 * across messages, and making a word's expansions was a fifth of reading a message). A kept word
 * must read exactly as a fresh reader reads it, whatever was read before, and a use of it must
 * not change what the next message gets: the reader marks places, audiences and compounds on the
 * words it returns.
 */
import { describe, expect, it } from "vitest";
import { queryReader } from "../../helpers/query-reader.js";

const reader = () => queryReader();

/** What a reading says of its words (their expansions by label), comparable across readers. */
const shape = (q: ReturnType<ReturnType<typeof reader>["analyseQuery"]>) => ({
  words: q.words.map((w) => ({ ...w, expansions: w.expansions.map((e) => [e.label, e.minFrac, e.mass]) })),
  corrections: q.corrections,
});

// Words that recur in different roles: a place (大江) and the same word elsewhere, a corrected
// slip (防災熟), a compound's parts (ジョギングコース) and the same part alone, an audience word.
const TEXTS = [
  "大江の防災訓練",
  "防災訓練はありますか",
  "防災熟に参加したい",
  "防災熟",
  "ジョギングコースありますか",
  "コースを探しています",
  "高齢者の健康づくり",
  "高齢者",
  "大江",
];

describe("the words the query reader keeps", () => {
  it("read as a fresh reader reads them, whatever was read before", () => {
    const kept = reader();
    for (const round of [1, 2])
      for (const t of TEXTS)
        expect(shape(kept.analyseQuery(t)), `${t} (round ${round})`).toEqual(shape(reader().analyseQuery(t)));
  });

  it("are copies: a use changed by its caller leaves the next reading as it was", () => {
    const kept = reader();
    const first = kept.analyseQuery("防災熟に参加したい");
    const fresh = shape(reader().analyseQuery("防災熟に参加したい"));
    for (const w of first.words) [w.coverageWeight, w.topical, w.place, w.compound] = [0, false, true, 99];
    first.corrections.length = 0;
    const again = kept.analyseQuery("防災熟に参加したい");
    expect(shape(again)).toEqual(fresh);
    // The slip is corrected in each reading, not only the first.
    expect(again.corrections.length).toBeGreaterThan(0);
    expect(again.words[0]).not.toBe(first.words[0]);
  });
});
