/**
 * Messages that ask for two different things (issue 11, "two needs"): the message is read as
 * its needs — joined in one sentence by と、/のと/〜たいし、/や、, by a plain と when it says it
 * wants both, or split over sentences by それと/あと — and the best program of each need is on
 * the first page's top three, whatever the other need's words score. The messages here were
 * written for these tests, not taken from any evaluation set.
 */
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { createMessageReader } from "../../../src/search/analysis.js";
import { loadSearchEngine } from "../../../src/search/load-engine.js";

const read = createMessageReader(loadVocabulary(), loadGazetteer());
const engine = loadSearchEngine();

describe("reading a message as its needs", () => {
  it("splits one sentence where it joins two things", () => {
    const cases: [string, string[]][] = [
      [
        "中央区で子どもの遊び場と、親の健康づくりの催しを探しています",
        ["中央区で子どもの遊び場", "親の健康づくりの催しを探しています"],
      ],
      [
        "西区の農業の体験に行きたいし、防災の勉強会にも出たい",
        ["西区の農業の体験に行きたい", "防災の勉強会にも出たい"],
      ],
      [
        "東区の山の散策マップがほしいのと、子育てサークルのことも聞きたい",
        ["東区の山の散策マップがほしい", "子育てサークルのことも聞きたい"],
      ],
      // A plain と between nouns joins two needs only when the message says it wants both.
      [
        "南区で花のまちづくりとお年寄りのサロン、どちらも探しています",
        ["南区で花のまちづくり", "お年寄りのサロン、どちらも探しています"],
      ],
    ];
    for (const [message, needs] of cases) expect(read(message).needs, message).toEqual(needs);
  });

  it("splits over sentences only where the later one adds a need (あと、それと)", () => {
    const a = read("北区の子ども向けのお祭りはありますか。あと、避難所の運営の委員会の助成も教えて");
    expect(a.needs).toEqual(["北区の子ども向けのお祭りはありますか。", "避難所の運営の委員会の助成も教えて"]);
    // A later sentence that ends without a question still asks when it adds a need.
    const b = read("認知症の勉強会に出たいです。それと、健康づくりの推進員のことも");
    expect(b.needs).toHaveLength(2);
    expect(b.context).toEqual([]);
    // A detail asked in a later sentence goes with the need before it.
    expect(read("自治会で花壇づくりをしたい。費用の補助はありますか").needs).toHaveLength(1);
  });

  it("splits a list where its next item begins (もうひとつは, 二つ目は), with the item's own words only", () => {
    const cases: [string, string[]][] = [
      [
        "ひとつは 自治会の 行事の 補助が ないか、もうひとつは 防災の 講座が ないか です",
        ["自治会の 行事の 補助が ないか", "防災の 講座が ないか です"],
      ],
      // Whatever joins the items: a space, a comma, nothing.
      [
        "一つは子ども会の夏祭りの補助 もう一つは高齢者サロンの手伝いのことです",
        ["子ども会の夏祭りの補助", "高齢者サロンの手伝いのことです"],
      ],
    ];
    for (const [message, needs] of cases) expect(read(message).needs, message).toEqual(needs);
    const counted = read(
      "質問が二つあります。一つ目は健康づくりの教室、二つ目は地震の体験を伝える会です",
    ).needs;
    expect(counted).toHaveLength(2);
    expect(counted[0]).toMatch(/健康づくりの教室$/u);
    expect(counted[1]).toBe("地震の体験を伝える会です");
    // Inside an item, と or や joins the item's own words, though the message says "two".
    const items = read(
      "二つあります。一つは夏祭りの提灯の補助、もう一つは地震の話を子や孫に伝える会です",
    ).needs;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/ 夏祭りの提灯の補助$/u);
    expect(items[1]).toBe("地震の話を子や孫に伝える会です");
  });

  it("keeps one need where と means 'with', 'when' or 'after', or lists parts of one thing", () => {
    for (const m of [
      "子どもと一緒に参加できる防災の催しはありますか",
      "近所の人と、気軽にお茶を飲める場所はありますか",
      "地震のあと、避難所の運営を学ぶ講座はありますか",
      "交通安全と防犯の活動に参加したい",
      "体操教室に参加すると、友達ができますか",
      "授業のあとに勉強できて、ついでに地域の人とも話せる場所を探しています",
    ])
      expect(read(m).needs, m).toHaveLength(1);
  });
});

describe("searching a message with two needs", () => {
  // The best program of each need asked alone must be in the message's top three.
  const cases: [string, string, string][] = [
    [
      "中央区で子どもの遊び場と、親の健康づくりの催しを探しています",
      "中央区 子どもの遊び場",
      "中央区 親の健康づくりの催し",
    ],
    [
      "北区の子ども向けのお祭りはありますか。あと、避難所の運営の委員会の助成も教えて",
      "北区 子ども向けのお祭り",
      "北区 避難所の運営の委員会の助成",
    ],
  ];
  for (const [message, first, second] of cases) {
    it(message, () => {
      const r = engine.search(message);
      const top = r.results.slice(0, 3).map((h) => h.id);
      const bests = [first, second].map((q) => engine.search(q).results[0]?.id);
      expect(bests[0]).toBeDefined();
      expect(bests[1]).toBeDefined();
      expect(bests[0]).not.toBe(bests[1]);
      expect(top).toContain(bests[0]);
      expect(top).toContain(bests[1]);
      expect(r.decision.kind).not.toBe("refuse");
      // The groups the reply shows: each need with its best program, on the top three.
      expect(r.needs).toHaveLength(2);
      for (const n of r.needs ?? []) expect(top).toContain(n.ids[0]);
    });
  }

  it("pages the merged order without repeating a program", () => {
    const message = "中央区で子どもの遊び場と、親の健康づくりの催しを探しています";
    const first = engine.search(message, { limit: 3 });
    const second = engine.search(message, { limit: 3, offset: 3 });
    const ids = [...first.results, ...second.results].map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(engine.search(message, { limit: 6 }).results.map((h) => h.id)).toEqual(ids);
  });
});
