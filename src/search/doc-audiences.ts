/**
 * Who a document is for, in the vocabulary's audience classes (knowledge/vocabulary.json
 * `audiences`: 高齢者, 子ども, 子育て世帯, 外国人, 障がい者, 学生), read at index build time from the
 * audience the document lists with the same cue words the message reader uses for residents (高齢, 年寄り, 老人 → 高齢者; 乳幼児, 妊婦, 子育て → 子育て世帯; 在住外国人,
 * 国際 → 外国人). A resident who says who they are (「80歳です」, 「赤ちゃんがいます」, a message in
 * English) then sees the programs for them first when relevance is close: the class only orders,
 * never decides whether to answer (scoring.ts). Pure.
 */
import type { Vocabulary } from "../knowledge/vocabulary.js";
import { foldWidthAndCase } from "./normalise.js";
import type { SearchDoc } from "./types.js";

/**
 * The audience classes a document is for, in the vocabulary's order: a class whose name or one of
 * whose Japanese cues occurs in whom the document says it is for (`audience`: a program's listed
 * 対象 — 乳幼児の保護者, 在住外国人, 定年退職後の方). Its name and description are not read: they name
 * people as what a program does (介護予防の相談会, 中学生と乳幼児の交流), and measured on the seen sets
 * a class read from them lifted such programs over the one the resident asked for (E003: 85歳 →
 * 被災者健康・介護相談事業 over the exercise seminar). Latin cues (elderly, kids) are residents' English.
 */
export function docAudiences(doc: SearchDoc, vocabulary: Pick<Vocabulary, "audiences">): string[] {
  const text = foldWidthAndCase((doc.audience ?? []).join("\n"));
  if (text === "") return [];
  return vocabulary.audiences
    .filter((a) =>
      [a.audience, ...a.cues]
        .map(foldWidthAndCase)
        .some((cue) => !/^[a-z\s'-]+$/u.test(cue) && text.includes(cue)),
    )
    .map((a) => a.audience);
}
