/**
 * Vietnamese-writing residents (issue 11 point 6): messages find the programs their Chinese and
 * Japanese twins find, through the bilingual vocabulary (knowledge/vocabulary.json `vietnamese`),
 * read with the tone marks folded, so a message typed without them reads the same. The messages
 * are the Chinese test's topics (test/unit/search/chinese.test.ts), written from the catalogue's
 * programs, one per topic; none is taken from an evaluation set.
 */
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { loadPrebuiltIndex, loadSearchEngine } from "../../../src/search/load-engine.js";
import { createVietnameseReader, foldVietnamese } from "../../../src/search/vietnamese.js";

const index = loadPrebuiltIndex();
const vocabulary = loadVocabulary();
const engine = loadSearchEngine({ index, vocabulary, gazetteer: loadGazetteer() });

/** [a message with tone marks, the programs it must rank in its top 3]: one per topic. */
const TOPICS: [string, string[]][] = [
  ["Quận Higashi có diễn tập phòng chống thiên tai không?", ["higashi-m-09"]],
  ["Tôi muốn làm tình nguyện ở quận Minami, có hoạt động nào không?", ["minami-m-15", "minami-m-15-2"]],
  ["Ở quận Kita có hoạt động cho mẹ và trẻ em không?", ["kita-m-03", "kita-f-05", "kita-m-01"]],
  ["Quận Chuo có lớp học về chăm sóc người cao tuổi không?", ["chuo-m-05", "chuo-f-06"]],
  ["Đăng ký đi bộ ở quận Minami ở đâu?", ["minami-m-10"]],
  ["Quận Chuo có hoạt động giao lưu đa văn hóa cho người nước ngoài không?", ["chuo-m-13"]],
  ["Tôi có thể tham gia tuần tra ở quận Higashi không?", ["higashi-m-07", "higashi-m-08"]],
  ["Lễ hội của quận Higashi tổ chức khi nào?", ["higashi-m-16"]],
  ["Tôi muốn học máy tính và điện thoại, quận Minami có lớp học không?", ["minami-m-06"]],
  ["Hoạt động cộng đồng của hội khu phố có trợ cấp không? Quận Higashi", ["higashi-m-02", "higashi-f-01"]],
  ["Quận Kita có chỗ nào để kết bạn mới không?", ["kita-m-02", "kita-f-02"]],
  ["Quận Nishi có hoạt động trải nghiệm nông nghiệp không?", ["nishi-m-06", "nishi-m-08"]],
  ["Quận Minami có lớp nấu ăn không?", ["minami-m-03-2"]],
  ["Hoạt động thể dục và sức khỏe ở quận Chuo", ["chuo-m-14", "chuo-m-03"]],
];

const top3 = (q: string) =>
  engine
    .search(q)
    .results.slice(0, 3)
    .map((h) => h.id);

describe("Vietnamese messages (issue 11 point 6)", () => {
  it("find the program of each topic, typed with tone marks and without", () => {
    const missed: string[] = [];
    for (const [marked, programs] of TOPICS)
      for (const q of [marked, foldVietnamese(marked)]) {
        const r = engine.search(q);
        expect(r.decision.kind, q).not.toBe("refuse");
        expect(r.analysis.language, q).toBe("vi");
        if (!top3(q).some((id) => programs.includes(id))) missed.push(q);
      }
    expect(missed).toEqual([]);
  });

  it("read a ward named the Vietnamese way, and the topic words as the catalogue writes them", () => {
    const a = engine.analyseMessage("Xin chao, toi song o quan Kita. Co le hoi cho tre em khong a?");
    expect(a.ward).toBe("北区");
    expect(a.readable).toBe("北区。祭り 子ども？");
  });

  it("keep Vietnamese thanks small talk, and English, romaji and Japanese as they were read", () => {
    expect(engine.search("Cảm ơn bạn nhiều ạ").decision.kind).toBe("small-talk");
    expect(engine.search("cam on nhieu!").decision.kind).toBe("small-talk");
    // A filler ending in a marked vowel (nhé, ạ) is a whole word, as an unmarked one is.
    expect(engine.search("Cảm ơn nhiều nhé").decision.kind).toBe("small-talk");
    expect(engine.search("Xin lỗi, cảm ơn nhé").decision.kind).toBe("small-talk");
    expect(engine.analyseMessage("Is there a festival for children in Kita ward?").language).toBe("en");
    expect(engine.analyseMessage("Kita-ku de bousai no kouza wa arimasu ka").language).toBe("romaji");
    expect(engine.analyseMessage("北区の防災訓練はいつですか").language).toBe("ja");
  });

  it("refuse an out-of-scope service asked in Vietnamese", () => {
    const r = engine.search("Phân loại rác như thế nào?");
    expect(r.decision.kind).toBe("refuse");
  });

  it("tells Vietnamese without marks by two of its words, not by English ones", () => {
    const reader = createVietnameseReader(vocabulary, new Set(["tour", "visa", "is", "there", "a"]));
    expect(reader.isVietnamese("co le hoi khong")).toBe(true);
    expect(reader.isVietnamese("lễ")).toBe(true);
    expect(reader.isVietnamese("is there a tour")).toBe(false);
    expect(reader.isVietnamese("bousai no kouza")).toBe(false);
  });

  it("maps every entry to a word the index or the vocabulary knows", () => {
    const lexicon = new Set(Object.keys(index.lexicon.words));
    const japanese = JSON.stringify({ ...vocabulary, vietnamese: undefined });
    const unknown = (vocabulary.vietnamese?.words ?? [])
      .flatMap((w) => w.ja.split(" "))
      .filter((ja) => !lexicon.has(ja) && !japanese.includes(`"${ja}"`));
    expect(unknown).toEqual([]);
  });
});
