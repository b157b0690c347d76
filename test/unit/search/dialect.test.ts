/**
 * 熊本弁 read as standard Japanese (src/search/dialect.ts), then searched like its standard twin
 * (issue 11, point 1). Every sentence here is new — written for this test about topics other
 * than the seen evaluation sets' dialect questions — and each form appears in its own sentence.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { createMessageReader } from "../../../src/search/analysis.js";
import {
  createDialectReader,
  DIALECT_PATTERNS,
  DIALECT_RULES,
  withoutLookarounds,
} from "../../../src/search/dialect.js";
import { loadSearchEngine } from "../../../src/search/load-engine.js";

const read = createDialectReader();
const engine = loadSearchEngine();

describe("dialect forms read as standard Japanese", () => {
  // [dialect, standard twin, the form it shows]
  const cases: [string, string, string][] = [
    ["図書館で絵本ば借りたかです", "図書館で絵本を借りたいです", "object ば, wish たか"],
    ["公民館の将棋教室は毎週あると?", "公民館の将棋教室は毎週あるの?", "nominal と + ?"],
    ["朝市はまだあっと?", "朝市はまだあるの?", "nominal っと (あっと = あるの)"],
    ["草取りば手伝うてくるる人のおらん", "草取りを手伝うてくれる人がいない", "てくるる = てくれる"],
    ["誰か教えてくるっと?", "誰か教えてくれるの?", "てくるっと = てくれるの"],
    ["花壇の手入れは誰がしよっとですか", "花壇の手入れは誰がしているのですか", "しよっと = しているの"],
    ["この辺に広場はなかと?", "この辺に広場はないの?", "なかと = ないの"],
    ["書道教室んごたっとはなかですか", "書道教室のようなのはないですか", "ん = の, ごたっと = ようなの"],
    ["息子が剣道ばしよるけん", "息子が剣道をしているから", "しよる = している, けん = から"],
    ["川の掃除ばやっとるげな", "川の掃除をやっているらしい", "とる = ている, げな = らしい"],
    ["俳句の会に入りたかばい", "俳句の会に入りたいよ", "ばい after a wish"],
    ["雨なら延期になるとやろか", "雨なら延期になるのでしょうか", "とやろか = のでしょうか"],
    ["集会所の鍵の場所ば知らんとです", "集会所の鍵の場所を知らないのです", "negative ん"],
    ["夜道の暗かけん心配です", "夜道の暗いから、心配です", "adjective か, けん = から、"],
    ["畑仕事は好きばってん腰の痛かとです", "畑仕事は好きけど腰の痛いのです", "ばってん = けど"],
    ["町内会長ばってん何も知らんとよ", "町内会長だけど何も知らないのよ", "noun + ばってん = だけど"],
    ["どぎゃんすれば会員になれると?", "どうすれば会員になれるの?", "どぎゃん = どう"],
    [
      "そぎゃん会のあるなら行ってみろかな",
      "そんな会があるなら行ってみようかな",
      "そぎゃん = そんな, の as subject",
    ],
    [
      "子ども食堂ば手伝いよる人に聞いたて思います",
      "子ども食堂を手伝いている人に聞いたと思います",
      "quote て",
    ],
    ["来年も開催されるやろ?", "来年も開催されるでしょう?", "やろ = でしょう"],
    ["人の少なかろうか", "人が少ないでしょうか", "〜かろうか"],
    ["あの店はなかなかよかですね", "あの店はなかなかよいですね", "なかなか stays, よか = よい"],
    ["近所となかよかけん", "近所となかよいから", "なかよか = 仲よい, not ない"],
    ["回覧板は毎週回さなんと?", "回覧板は毎週回さなければならないの?", "なんと = なければならないの"],
    ["祭りの準備に行かにゃんです", "祭りの準備に行かなければならないです", "にゃん = なければならない"],
    ["会計はだれかがせなんばい", "会計はだれかがせなければならないよ", "せなん (する)"],
    ["当番ば受けんといかんと?", "当番を受けないといかないの?", "any verb's ん before といかん"],
    ["雨の強かけん早よ帰んなっせ", "雨の強いから、早よ帰りなさい", "ん for a stem's り before なっせ"],
    ["手ぇ貸してくれんね", "手を貸してくれないね", "a noun's vowel drawn out for を"],
    ["絵の描き方ばどがんして覚えたと?", "絵の描き方をどうして覚えたの?", "どがん = どう"],
    ["そがん店は近くになかね", "そんな店は近くにないね", "そがん = そんな"],
    ["雨でも集まってよかでしょか", "雨でも集まってよいでしょうか", "でしょか = でしょうか"],
    ["車で送ってもらえんですか", "車で送ってもらえないですか", "一段 negative ん: もらえん"],
    ["朝はなかなか起きんとです", "朝はなかなか起きないのです", "一段 negative ん: 起きん"],
    ["名前ば忘れんごつ書いとく", "名前を忘れないように書いとく", "一段 negative ん: 忘れん"],
    ["夜道は目ぇ凝らして歩かんと", "夜道は目を凝らして歩かないと", "a noun's vowel drawn out for を"],
    ["町内の集まりも寂しゅうなったです", "町内の集まりも寂しくなったです", "ウ音便 しゅう = しく"],
    ["講座ば詳しゅう教えてください", "講座を詳しく教えてください", "ウ音便 しゅう before a verb"],
    ["ひとりでさびしゅうなって", "ひとりでさびしくなって", "ウ音便 of a kana adjective"],
    ["若か人の少のうなった", "若い人が少なくなった", "ウ音便 のう = なく"],
    ["体の危のうなるけん", "体の危なくなるから", "ウ音便 のう = なく"],
  ];
  for (const [dialect, standard, form] of cases)
    it(`${form}: ${dialect}`, () => {
      expect(read(dialect)).toBe(standard);
    });

  it("leaves standard Japanese that only looks like dialect as it is", () => {
    for (const s of [
      "教室があれば教えてください", // conditional ば
      "言葉の教室はありますか", // ことば
      "公民館に行くと、受付があります", // conditional と before 、
      "田中さんと話しました", // さん
      "何かありますか", // 何か
      "大変なんです", // explanatory ん
      "もっと知りたい", // adverb もっと
      "ちょっと教えて",
      "赤ん坊と行ける場所", // 赤ん坊
      "天気予報によると", // による
      "資格をとる講座", // 取る
      "おなかがすいた", // おなか
      "健康づくりの講座", // けん in a word
      "早く申し込まないと。", // must
      "一緒にやろうか", // volitional
      "行ったんですが", // past + ん
      "北区からなんですが", // から + なんです, not "must"
      "好きなんです", // na-adjective + なんです
      "公民館かなんかで", // なんか
      "分からなんだ", // 熊本弁 past negative, not "must"
      "なかなか出られません", // the adverb なかなか
      "毎朝がんばります", // a verb's stem in ば before ら行 kana, not object ば
      "縄でしばる", // しばる
      "毎日楽しんでます", // 楽しむ's te-form, not a negative
      "値段が上がんない", // あがん is no どがん
      "れんらくが来ません", // ません, a kana word
      "給食しゅうかんの取組", // しゅう in a kana word (週間), not before なる or して
      "宿泊のうなぎ料理", // のう not after a stem's な
    ])
      expect(read(s), s).toBe(s);
  });

  it("reads its own output unchanged (reading twice is reading once)", () => {
    for (const s of ["朝市はまだあっと?", "息子が剣道ばしよるけん", "書道教室んごたっとはなかですか"])
      expect(read(read(s))).toBe(read(s));
  });

  it("leaves a word the guard knows (a name the catalogue writes) alone", () => {
    const guarded = createDialectReader(
      (text, start) => text.slice(Math.max(0, start - 3), start) === "あさひ",
    );
    expect(guarded("あさひばみんなの祭り")).toBe("あさひばみんなの祭り");
    expect(read("あさひばみんなの祭り")).not.toBe("あさひばみんなの祭り");
    // The engine's guard is the catalogue's own text: the program name stays as written.
    expect(engine.analyseMessage("あさひばみんなの防災フェスタ").readable).toBe(
      "あさひばみんなの防災フェスタ",
    );
  });

  it("names its rules (the README lists what is read)", () => {
    expect(DIALECT_RULES).toContain("ば → を");
    expect(new Set(DIALECT_RULES).size).toBe(DIALECT_RULES.length);
  });
});

describe("a rule is tried only when the text holds what it consumes (cold start)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("takes the lookarounds out of a pattern, and nothing else", () => {
    expect(withoutLookarounds("(?<=[てで])しも(?<e>[たて])")).toBe("しも(?<e>[たて])");
    expect(withoutLookarounds("(?<![おん])(?<w>よ|な)か(?:(?=よか)|(?=と|$))")).toBe("(?<w>よ|な)か(?:|)");
    // Parentheses inside a class or escaped do not end the assertion.
    expect(withoutLookarounds("a(?=[()]|\\)|x)b[(?=]\\((?!c)")).toBe("ab[(?=]\\(");
    expect(withoutLookarounds("(?<=(?:a|(?<!b)c))d(?!(e(f)))")).toBe("d");
  });

  it("finds a rule's consumed part wherever the rule matches (texts of every seen query set and of these tests)", () => {
    const dir = join(__dirname, "../../fixtures/search");
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .flatMap((f) => {
        const set = JSON.parse(readFileSync(join(dir, f), "utf8")) as { queries?: { query: string }[] };
        return (set.queries ?? []).map((q) => q.query.normalize("NFKC").toLowerCase());
      });
    const own = readFileSync(__filename, "utf8").match(/"[^"\n]*[\u3041-\u309f][^"\n]*"/gu) ?? [];
    const all = [...texts, ...own.map((s) => s.slice(1, -1))];
    expect(all.length).toBeGreaterThan(500);
    let matches = 0;
    for (const { name, source, consumed } of DIALECT_PATTERNS) {
      const whole = new RegExp(source, "gu");
      const part = new RegExp(consumed, "uy");
      for (const text of all)
        for (const m of text.matchAll(whole)) {
          matches++;
          part.lastIndex = m.index;
          expect(part.test(text), `${name} in ${text}`).toBe(true);
        }
    }
    expect(matches).toBeGreaterThan(100);
  });

  it("compiles none of the rules for a message that holds none of their morphemes", () => {
    const test = vi.spyOn(RegExp.prototype, "test");
    expect(read("東区の防災訓練")).toBe("東区の防災訓練");
    // Only the rules' own patterns are global; the one whose consumed part (の) is there is tried.
    const tried = test.mock.contexts.filter((r) => (r as RegExp).global);
    expect(tried.map((r) => (r as RegExp).source)).toEqual([
      DIALECT_PATTERNS.find((p) => p.name === "の → が (subject)")!.source,
    ]);
  });
});

describe("the message reader reads dialect before finding what is asked", () => {
  it("gives the standard reading as the text the engine reads", () => {
    const m = engine.analyseMessage("公民館で将棋ば教えよっとはなかですか");
    expect(m.readable).toBe("公民館で将棋を教えているのはないですか");
    expect(m.asked).toContain("将棋を");
  });

  it("a reason that ends in から is context, not the question (ないから is no ないか)", () => {
    const reader = createMessageReader(loadVocabulary(), loadGazetteer());
    const m = reader("東区で川の清掃活動はありますか。あまり知られていないから");
    expect(m.head).toBe("東区で川の清掃活動はありますか。");
    expect(m.context).toEqual(["あまり知られていないから"]);
  });

  it("the one-off reader (no catalogue) reads dialect as well", () => {
    const reader = createMessageReader(loadVocabulary(), loadGazetteer());
    expect(reader("北区で囲碁ばしよる人はおらんと?").readable).toBe("北区で囲碁をしている人はいないの?");
  });
});

describe("a dialect question is searched like its standard twin", () => {
  // Each pair differed (results or decision) before dialect was read as standard Japanese.
  const pairs: [string, string][] = [
    ["北区で川の掃除ばしよる団体に補助の出るとですか", "北区で川の掃除をしている団体に補助が出るのですか"],
    [
      "中央区でマンションの住民の交流ばしよるとこはあるとですか",
      "中央区でマンションの住民の交流をしているところはあるのですか",
    ],
    [
      "高齢者の見守りば東区でやっとるげなね。どぎゃんしたら手伝えると？",
      "高齢者の見守りを東区でやっているらしいね。どうしたら手伝えるの？",
    ],
  ];
  for (const [dialect, standard] of pairs)
    it(dialect, () => {
      const a = engine.search(dialect);
      const b = engine.search(standard);
      expect(a.decision).toEqual(b.decision);
      expect(a.results.map((h) => h.id)).toEqual(b.results.map((h) => h.id));
      expect(a.results.length).toBeGreaterThan(0);
      // No dialect particle is a search term or a correction: nothing to suggest.
      expect(a.suggestions).toEqual([]);
      for (const h of a.results)
        for (const t of h.matched) expect(t).not.toMatch(/^(ば|と|ばい|けん|よる|とる)$/u);
    });
});
