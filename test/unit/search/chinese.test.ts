/**
 * Chinese-writing residents (issue 11 point 6): simplified and traditional messages find the
 * programs their Japanese twins find, through the fold table stored in the prebuilt index
 * (OpenCC's tables at build time) and the bilingual vocabulary (knowledge/vocabulary.json
 * `chinese`). The messages are written from the catalogue's programs, one per topic, each in
 * simplified and traditional characters; none is taken from an evaluation set.
 */
import { describe, expect, it } from "vitest";
import { chineseFoldTable } from "../../../scripts/build-search-index.js";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { chineseFoldOf, createChineseReader, NO_FOLD } from "../../../src/search/chinese.js";
import { loadPrebuiltIndex, loadSearchEngine } from "../../../src/search/load-engine.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";

const index = loadPrebuiltIndex();
const vocabulary = loadVocabulary();
const gazetteer = loadGazetteer();
const engine = loadSearchEngine({ index, vocabulary, gazetteer });

/** [simplified, traditional, the programs either must rank in its top 3]: one per topic. */
const TOPICS: [string, string, string[]][] = [
  ["请问东区有没有防灾训练？", "請問東區有沒有防災訓練？", ["higashi-m-09"]],
  ["我想在南区当志工，有什么活动？", "我想在南區當志工，有什麼活動？", ["minami-m-15", "minami-m-15-2"]],
  [
    "北区有没有带孩子的妈妈可以参加的活动？",
    "北區有沒有帶孩子的媽媽可以參加的活動？",
    ["kita-m-03", "kita-f-05", "kita-m-01"],
  ],
  ["中央区有适合老年人的介护讲座吗？", "中央區有適合老年人的介護講座嗎？", ["chuo-m-05", "chuo-f-06"]],
  ["南区的健走活动在哪里报名？", "南區的健走活動在哪裡報名？", ["minami-m-10"]],
  ["中央区有外国人可以参加的多文化交流活动吗？", "中央區有外國人可以參加的多文化交流活動嗎？", ["chuo-m-13"]],
  ["东区的巡逻活动我可以参加吗？", "東區的巡邏活動我可以參加嗎？", ["higashi-m-07", "higashi-m-08"]],
  ["东区民节日什么时候举办？", "東區民節日什麼時候舉辦？", ["higashi-m-16"]],
  ["南区的防灾巴士旅游怎么报名？", "南區的防災巴士旅遊怎麼報名？", ["minami-m-08"]],
  ["我想学电脑和手机，南区有课程吗？", "我想學電腦和手機，南區有課程嗎？", ["minami-m-06"]],
  ["自治会的社区活动有补贴吗？东区", "自治會的社區活動有補貼嗎？東區", ["higashi-m-02", "higashi-f-01"]],
  ["避难所运营委员会的活动有补助吗？北区", "避難所運營委員會的活動有補助嗎？北區", ["kita-f-06"]],
  ["北区有没有可以认识新朋友的地方？", "北區有沒有可以認識新朋友的地方？", ["kita-m-02", "kita-f-02"]],
  ["西区有农业体验活动吗？", "西區有農業體驗活動嗎？", ["nishi-m-06", "nishi-m-08"]],
  ["东区有儿童和老人一起交流的地方吗？", "東區有兒童和老人一起交流的地方嗎？", ["higashi-m-04"]],
  ["南区有料理教室吗？", "南區有料理教室嗎？", ["minami-m-03-2"]],
  ["中央区的运动健康活动", "中央區的運動健康活動", ["chuo-m-14", "chuo-m-03"]],
  ["熊本地震的记忆传承活动有哪些？", "熊本地震的記憶傳承活動有哪些？", ["higashi-f-04"]],
];

const top3 = (q: string, e = engine) =>
  e
    .search(q)
    .results.slice(0, 3)
    .map((h) => h.id);

describe("Chinese messages (issue 11 point 6)", () => {
  it("find the program of each topic in simplified and in traditional characters", () => {
    const missed: string[] = [];
    for (const [simplified, traditional, programs] of TOPICS)
      for (const q of [simplified, traditional]) {
        const r = engine.search(q);
        expect(r.decision.kind, q).not.toBe("refuse");
        expect(r.analysis.language, q).toBe("zh");
        if (!top3(q).some((id) => programs.includes(id))) missed.push(q);
      }
    expect(missed).toEqual([]);
  });

  it("read both scripts as the same Japanese words, asking", () => {
    for (const [simplified, traditional] of TOPICS) {
      const a = engine.analyseMessage(simplified);
      expect(a.readable, simplified).toBe(engine.analyseMessage(traditional).readable);
    }
    expect(engine.analyseMessage("请问有没有社区的防灾训练？").readable).toBe("地域 防災訓練？");
    expect(engine.analyseMessage("我想参加志工活动").asked).toBe("参加 ボランティア 活動？");
  });

  it("need the stored fold: without it simplified characters the catalogue never writes match nothing", () => {
    const { chineseFold: _fold, ...without } = index;
    const bare = createSearchEngine(without, vocabulary, gazetteer);
    const q = "南区有没有防灾训练？";
    expect(top3(q)).toContain("minami-m-09");
    expect(
      bare
        .search(q)
        .results.slice(0, 3)
        .map((h) => h.id),
    ).not.toContain("minami-m-09");
  });

  it("keep the index's words whole against a Chinese function word (有料 is not 有 + 料)", () => {
    const reader = createChineseReader(index.chineseFold!, vocabulary, (text, i) =>
      text.startsWith("有料", i) ? 2 : 0,
    );
    expect(reader.read("有料的讲座吗").text).toBe("有料 講座");
    expect(reader.read("有讲座吗").asks).toBe(true);
  });

  it("leave Japanese alone: kana, or kanji only with nothing only Chinese writes", () => {
    const reader = createChineseReader(index.chineseFold!, vocabulary, () => 0);
    expect(reader.isChinese("防災訓練 北区")).toBe(false);
    expect(reader.isChinese("防災の講座、中国人も参加できますか")).toBe(false);
    expect(reader.isChinese("请问")).toBe(true);
    expect(reader.isChinese("防灾训练")).toBe(true);
    expect(engine.analyseMessage("防災訓練 北区").language).toBe("ja");
    // A message with a Chinese and a Japanese sentence reads each in its own way.
    const mixed = engine.analyseMessage("地震的时候怎么准备？防災の講座はありますか");
    expect(mixed.language).toBe("ja");
    expect(mixed.readable).toBe("地震 準備？防災の講座はありますか");
  });

  it("refuse an out-of-scope service asked in Chinese, with where to ask", () => {
    const r = engine.search("垃圾怎么分类？");
    expect(r.decision.kind).toBe("refuse");
    expect(r.outOfScope).toBeTruthy();
  });

  it("keep Chinese thanks and greetings small talk", () => {
    expect(engine.search("谢谢你！很有帮助").decision.kind).toBe("small-talk");
    expect(engine.search("你好").decision.kind).toBe("small-talk");
  });
});

describe("the Chinese fold table (build time)", () => {
  it("is in the committed index and equals what OpenCC's tables make from the shipped inputs", () => {
    const stored = index.chineseFold;
    expect(stored, "run `npm run build:index`").toBeDefined();
    expect(stored!.of).toBe(chineseFoldOf(vocabulary));
    expect(stored).toEqual(
      chineseFoldTable(Object.keys(index.lexicon.words), vocabulary, Object.keys(index.kanjiReadings ?? {})),
    );
  });

  it("folds simplified and traditional forms to the Japanese forms the index writes, and only those", () => {
    const table = chineseFoldTable(["防災", "訓練", "児童", "体験"], vocabulary, []);
    const fold = new Map([...table.from].map((c, i) => [c, [...table.to][i]]));
    expect(fold.get("灾")).toBe("災");
    expect(fold.get("训")).toBe("訓");
    expect(fold.get("练")).toBe("練");
    expect(fold.get("練")).toBeUndefined();
    expect(fold.get("兒")).toBe("児");
    expect(fold.get("儿")).toBe("児");
    expect(fold.get("體")).toBe("体");
    expect(fold.get("验")).toBe("験");
    // 们 has no Japanese form the index writes: not folded, but it marks a Chinese sentence.
    expect(fold.has("们")).toBe(false);
    expect(table.marks).toContain("们");
    expect(table.marks).not.toContain("災");
  });

  it("is used only with the vocabulary it was made for; otherwise Chinese is read by the vocabulary alone", () => {
    const other = { ...vocabulary, stopWords: [...vocabulary.stopWords, "龘"] };
    expect(chineseFoldOf(other)).not.toBe(chineseFoldOf(vocabulary));
    const e = createSearchEngine(index, other, gazetteer);
    expect(e.analyseMessage("防灾训练").readable).not.toBe("防災訓練。");
    expect(createChineseReader(NO_FOLD, vocabulary, () => 0).read("请问志工").text).toBe("ボランティア");
  });
});
