/**
 * Long messages whose asked part is the catalogue's (issue 11 points 1 and 3): the lines of an older
 * resident's message read as the sentences they are, and an out-of-scope word of the situation
 * read as a detail when a program holds the asked part word for word — each with its no-answer
 * twin, the same shape asking for what the catalogue does not hold.
 */
import { describe, expect, it } from "vitest";
import { loadSearchEngine } from "../../../src/search/load-engine.js";

const engine = loadSearchEngine();

describe("a sentence broken over lines", () => {
  it("joins a line that ends in a particle or a noun-modifying form to the next, so the asking line has its subject", () => {
    const lines = [
      "東区に 住んでおります",
      "七十八歳の 者です",
      "足腰が 弱らないような",
      "体操の 教室は",
      "ございますか",
    ];
    const r = engine.search(lines.join("\n"));
    expect(r.analysis.clauses).toEqual([
      "東区に 住んでおります",
      "七十八歳の 者です",
      "足腰が 弱らないような 体操の 教室は ございますか",
    ]);
    expect(r.decision.kind).not.toBe("refuse");
    expect(r.results.length).toBeGreaterThan(0);
    // A line that ends a predicate stays its own sentence; so does a verb's の (あるの: a question).
    expect(
      engine.analyseMessage("はじめまして\n東区に住んでおります\nどこにあるの\n防災の講座").clauses,
    ).toEqual(["はじめまして", "東区に住んでおります", "どこにあるの", "防災の講座"]);
  });

  it("still refuses what another desk handles when the joined lines ask for it", () => {
    const twin = [
      "東区に 住んでおります",
      "七十八歳の 者です",
      "粗大ごみの",
      "出し方は",
      "どう すれば よいですか",
    ];
    const r = engine.search(twin.join("\n"));
    expect(r.analysis.asked).toBe("粗大ごみの 出し方は どう すれば よいですか");
    expect(r.decision).toEqual({ kind: "refuse", reason: "out-of-scope", outOfScope: "ごみ・リサイクル" });
    const pension = ["はじめまして", "介護保険の", "申請の 書類は", "どこで もらえますか"];
    expect(engine.search(pension.join("\n")).decision.kind).toBe("refuse");
  });
});

describe("an out-of-scope word in the situation", () => {
  const situation =
    "校区の避難所運営委員会で、体育館に寝泊まりする想定で受付や間仕切りの練習をしたいと考えています。";

  it("is a detail when a program holds the asked part word for word: the closest programs, with a choice", () => {
    const r = engine.search(`${situation}そういう訓練に区の助成はありますか`);
    expect(r.decision.kind).toBe("answer-with-choice");
    expect(r.results[0]?.name).toMatch(/避難所運営委員会/);
  });

  it("is what is asked when the clause that asks names it, however well the situation matches", () => {
    for (const head of ["体育館の鍵はどこで借りられますか", "体育館の予約はどうすればいいですか"])
      expect(engine.search(`${situation}${head}`).decision).toEqual({
        kind: "refuse",
        reason: "out-of-scope",
        outOfScope: "市の施設の利用",
      });
    const leaflet =
      "外国から来た家族にゴミ出しの日を伝えたいけど言葉が通じない。ゴミの分け方の外国語のチラシはありますか";
    expect(engine.search(leaflet).decision.kind).toBe("refuse");
  });
});

describe("an asking clause whose only content is a verb no program says", () => {
  it("takes its subject from the context, as when it names nothing (加勢してくるっと: help in 熊本弁)", () => {
    const r = engine.search(
      "一人暮らしの年寄りの見回りばしよるばってん、人の足らんけん困っとる。北区で何か加勢してくるっとはあるね？",
    );
    expect(r.decision.kind).not.toBe("refuse");
    expect(r.results.slice(0, 3).map((h) => h.ward)).toEqual(["北区", "北区", "北区"]);
  });

  it("still refuses when the context names what no program holds, or a noun the catalogue lacks is asked", () => {
    expect(engine.search("家のWi-Fiがつながらんごとなった。区役所で加勢してくるっと？").decision.kind).toBe(
      "refuse",
    );
    // A thing asked (保育園) is a noun, not a verb: what is missing, never replaced by the context.
    expect(
      engine.search("転勤で来年4月から熊本です。保育園に入れたいのですが、申し込みの締め切りはいつですか。")
        .decision.kind,
    ).toBe("refuse");
  });
});
