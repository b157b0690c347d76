/**
 * Reading long messages as a person does (issue 11, point 1), each mechanism tested as a class
 * over several phrasings, never one message: a likeness modifier (リハビリみたいな運動) says what
 * the thing asked is like, not what it is; a verb's negative holds no particle かな; いい is an
 * adjective, not 委員; a person word says no need; everyday words of the phrasings cover less.
 */
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../../src/knowledge/load.js";
import { loadAskedAs } from "../../../src/search/asked-as.js";
import { createLexicon } from "../../../src/search/lexicon.js";
import { loadSearchEngine } from "../../../src/search/load-engine.js";
import { WordMatcher } from "../../../src/search/word-matcher.js";

const engine = loadSearchEngine();
const word = (query: string, text: string) => engine.analyse(query).words.find((w) => w.text === text);

describe("likeness modifiers", () => {
  it("reads the noun before みたいな / のような / っぽい and another noun as a hint, not the thing asked", () => {
    const cases: [string, string, string][] = [
      ["リハビリみたいな運動の教室はありますか", "リハビリ", "運動"],
      ["えーと リハビリみたいな 運動を 教えてくれる ところ ありますか", "リハビリ", "運動"],
      ["公民館のような場所で 体操を したい", "公民館", "体操"],
      ["ヨガっぽい 体操は ありますか", "ヨガ", "体操"],
      ["太極拳みたいな 体操の会は ありますか", "太極拳", "体操"],
    ];
    for (const [q, modifier, thing] of cases) {
      const m = word(q, modifier);
      const t = word(q, thing);
      expect(m, q).toBeDefined();
      expect(t?.weight, q).toBeGreaterThan(0);
      // The modifier still scores, at a weak word's share of coverage.
      expect(m!.weight, q).toBeLessThan(t!.weight * 0.5);
    }
  });

  it("keeps a hedged noun at the end as the thing asked (補助みたいなの, 集まりみたいなもの)", () => {
    const cases: [string, string][] = [
      ["補助みたいなのってありますか", "補助"],
      ["地域の集まりみたいなものはありますか", "集まり"],
      ["防災の講座のようなものは ありますか", "講座"],
      ["体操っぽいこと したい", "体操"],
    ];
    for (const [q, thing] of cases) {
      const full = word(thing, thing)!.weight;
      expect(word(q, thing)?.weight, q).toBeCloseTo(full, 5);
    }
  });

  it("answers a question whose comparison no program names by the thing it asks for", () => {
    for (const q of [
      "リハビリみたいな 運動を 教えてくれる ところ ありますか 先月まで 入院しとって",
      "ヨガっぽい 体操は ありますか",
    ]) {
      const r = engine.search(q, { limit: 3 });
      expect(r.decision.kind, q).not.toBe("refuse");
      expect(
        r.results[0]?.matched.some((m) => /運動|体操/u.test(m)),
        q,
      ).toBe(true);
    }
  });
});

describe("a verb's negative is no particle かな", () => {
  it("reads 乾かない, 泣かなくて, 続かなかった as negatives: no ask cue, no function word かな", () => {
    const lexicon = createLexicon({
      words: { 洗濯物: "せんたくもの" },
      stop: ["かな", "か", "ない", "なく", "が", "て", "ね"],
    });
    for (const text of ["洗濯物が乾かないね", "洗濯物が乾かなくて", "洗濯物が乾かなかった"])
      expect(
        lexicon.segment(text).some((s) => s.key === "かな"),
        text,
      ).toBe(false);
    // The particle itself still ends a question.
    expect(lexicon.segment("洗濯物かな").some((s) => s.key === "かな")).toBe(true);
    for (const text of [
      "今日は雨ですね。洗濯物が乾かないですね",
      "寒いですね。子どもが なかなか 寝つかないね",
    ])
      expect(engine.analyseMessage(text).smallTalk, text).toBe("weather");
    for (const text of ["防災の講座って あるかな", "中央区で 体操の教室は ないかな"]) {
      const a = engine.analyseMessage(text);
      expect(a.smallTalk, text).toBeNull();
      expect(engine.search(text).decision.kind, text).not.toBe("refuse");
    }
  });
});

describe("an adjective in kana is no noun's reading", () => {
  it("knows いい and the weak words ending in い as adjectives, not 委員 or いいん", () => {
    const lexicon = createLexicon({ words: { 委員: "いいん" }, stop: [], weak: ["ほしい"] });
    expect(lexicon.isKanaAdjective("いい")).toBe(true);
    expect(lexicon.isKanaAdjective("ほしい")).toBe(true);
    expect(lexicon.isKanaAdjective("いいん")).toBe(false);
    expect(lexicon.isKanaAdjective("委員")).toBe(false);
  });

  it("matches いい only where a program or its phrasings write いい, never a reading of 委員", () => {
    const docs = new Map(loadCatalogue().programs.map((p) => [p.id, p]));
    const asked = loadAskedAs();
    for (const q of ["いい", "なにか いい ものは ありますか", "体に いい こと"]) {
      for (const h of engine.search(q, { limit: 10 }).results.filter((r) => r.matched.includes("いい"))) {
        const p = docs.get(h.id)!;
        const text = [p.name, p.description, p.heading, ...p.tags, ...(asked.get(h.id) ?? [])].join(" ");
        expect(text, `${q} → ${h.id}`).toMatch(/いい|良い|よい/u);
      }
    }
  });
});

describe("person words say no need", () => {
  it("takes a remark about a grandchild, a daughter or a family beside thanks as small talk", () => {
    for (const text of [
      "ありがとうね。孫も喜ぶと思います",
      "ありがとう。ばあちゃんにも伝えます",
      "ありがとうございます。娘にも教えてあげます",
      "ありがとう！家族も喜びます",
    ])
      expect(engine.analyseMessage(text).smallTalk, text).toBe("thanks");
  });

  it("still reads a need said with a person word beside thanks (探しています, ありますか, ほしい)", () => {
    for (const text of [
      "ありがとう。孫と行ける場所を探しています",
      "ありがとう。孫と行ける催しは ありますか",
      "ありがとう。ばあちゃんが通える体操教室がほしい",
    ])
      expect(engine.analyseMessage(text).smallTalk, text).toBeNull();
  });
});

describe("what a clause names", () => {
  it("reads a noun made of a verb's stem before する (手助けして, 見守りする) as a verb: the clause before says what is asked", () => {
    for (const [text, thing] of [
      [
        "世話役が 年を とって 続かなく なりそうです。なにか 手助けして もらえる ことは ありますか。",
        "世話役",
      ],
      ["母が ひとりで 暮らしています。見守りして もらえますか", "母"],
    ] as const)
      expect(engine.analyseMessage(text).asked, text).toContain(thing);
  });

  it("reads a kana word after a noun's particle as that word, not a 熊本弁 negative (河内でみかん農家)", () => {
    expect(engine.analyseMessage("河内でみかん農家をしてます").readable).toContain("みかん");
    expect(engine.analyseMessage("家でみかんを食べた").readable).toContain("みかん");
    // The negatives stay read: 分からん, 上がらん, 行かん.
    for (const [text, standard] of [
      ["さっぱり分からん", "分からない"],
      ["熱が上がらん", "上がらない"],
      ["学校に行かん", "行かない"],
    ] as const)
      expect(engine.analyseMessage(text).readable, text).toContain(standard);
  });

  it("reads no word out of an emoji's variation selector or joiner (☕️, 👨‍👩‍👧)", () => {
    for (const q of ["子育ての集まりは？☕️", "親子で行けるイベント👨‍👩‍👧", "防災の講座☺️ありますか"])
      for (const w of engine.analyse(q).words) expect(w.text, q).toMatch(/[\p{L}\p{N}]/u);
  });
});

describe("everyday words of the phrasings", () => {
  const posting = (docs: number[], scores: number[]) => ({
    docs: Int32Array.from(docs),
    scores: Float64Array.from(scores),
  });
  const word = {
    text: "地元",
    expansions: [
      {
        label: "地元",
        terms: [{ term: "s:地元", weight: 1, idf: 4, group: 0 as const }],
        mass: [4, 0] as [number, number],
        minFrac: 0.5,
        light: null,
      },
    ],
    coverageWeight: 4,
    combine: "max" as const,
    scoreScale: 1,
    topical: true,
  };
  const source = {
    own: (t: { term: string }) => (t.term === "s:地元" ? posting([0], [3]) : undefined),
    also: (t: { term: string }) => (t.term === "s:地元" ? posting([1], [3]) : undefined),
  };

  it("covers a word held only in phrasings at the idf the phrasings give it, and scores it as before", () => {
    const plain = new WordMatcher(2, source, 1, true);
    plain.match(word, null);
    expect(plain.soft[1]).toBeCloseTo(plain.soft[0]!, 9);
    // Used by every program's phrasings (idf 0.5): the slot covers the word at the mean idf.
    const weighted = new WordMatcher(2, { ...source, alsoIdf: () => 0.5 }, 1, true);
    weighted.match(word, null);
    expect(weighted.soft[0]).toBeCloseTo(4, 9);
    expect(weighted.soft[1]).toBeCloseTo(4 * (2.25 / 4), 9);
    expect(weighted.total[1]).toBeCloseTo(plain.total[1]!, 9);
    // A phrasing word rarer than in the own text covers as the own text's idf says, no more.
    const rare = new WordMatcher(2, { ...source, alsoIdf: () => 9 }, 1, true);
    rare.match(word, null);
    expect(rare.soft[1]).toBeCloseTo(4, 9);
  });
});

describe("a plain predicate with が ends a clause", () => {
  it("reads what follows 〜ているが / 〜てるが / 〜あるが / 〜ないが as the part that asks, as after 〜ますが", () => {
    // Grammar (接続助詞 が after a predicate in its plain form), the plain twin of ますが / たが.
    const cases: [string, string][] = [
      ["市営住宅に住んでいるが 近所の人と話せる交流会はありますか", "市営住宅"],
      ["仮設に住んでるが、子どもの遊び場はないですか", "仮設"],
      ["災害公営住宅に入っとるが 住民同士の集まりはなかと？", "住宅"],
      ["ごみの当番はあるが 防災の講座はありますか 中央区", "ごみ"],
      ["市営住宅の抽選は知らないが 子育てサロンはありますか", "抽選"],
    ];
    for (const [q, context] of cases) {
      const asked = engine.search(q).analysis.asked;
      expect(asked, q).not.toContain(context);
      expect(asked.length, q).toBeGreaterThan(3);
    }
  });

  it("leaves が after a noun (子どもがいる, 知り合いがいない) inside its clause", () => {
    expect(engine.search("子どもがいる家族の集まりはありますか").analysis.asked).toContain("子ども");
    expect(engine.search("知り合いがいない人の集まりはありますか").analysis.asked).toContain("知り合い");
  });
});
