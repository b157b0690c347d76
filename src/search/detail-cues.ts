/**
 * The phrases that ask for a detail of a program (when, what time, whom to call, where, what it
 * costs, how to join), read by the message reader (a clause that asks only for a detail names
 * nothing of its own) and by the query reader (such a phrase is no word of the question's topic).
 * Kept apart from the vocabulary's schema so the search runtime does not load the validator.
 */
import type { DetailKind, Vocabulary } from "../knowledge/vocabulary.js";
import { foldWidthAndCase } from "./normalise.js";

/**
 * Question words (疑問詞: where, who, when, why, what, how, which, how much), one list for the
 * message reader (a condition holding one is a question left unfinished) and the query reader (one
 * after the thing asked asks about it and names nothing). Not 誰か, 何か, 誰でも, which say
 * "someone", "something", "anyone". A source for `new RegExp`, so each reader picks its flags.
 */
export const QUESTION_WORD_SOURCE =
  "どこ|どうして|どう|いつ|どれ|どの|どんな|どちら|どっち|どなた|なぜ|いくら|だれ(?!か|でも)|誰(?!か|でも)|何(?!か)|なに(?!か)|なん(?!か)";

/** Endings that make a when-question approximate (いつ頃, 何時ごろ, 何月くらい): the same question. */
const ABOUT = ["頃", "ごろ", "くらい", "ぐらい"];

/**
 * Every phrase that asks for a detail, with its kind: the vocabulary's cues, and for a date or a
 * time each cue made approximate (いつ頃ですか asks when, as いつですか does). Longest first, so
 * 何時頃 is taken whole, never 何時 with a stray 頃 left to count as a word of the question.
 */
export function detailCuePhrases(
  vocabulary: Pick<Vocabulary, "detailQuestions">,
): { phrase: string; kind: DetailKind }[] {
  const out = vocabulary.detailQuestions.flatMap((d) =>
    d.cues.flatMap((c) => [
      { phrase: c, kind: d.kind },
      ...(d.kind === "date" || d.kind === "time" ? ABOUT.map((a) => ({ phrase: c + a, kind: d.kind })) : []),
    ]),
  );
  return out.sort((a, b) => b.phrase.length - a.phrase.length);
}

/**
 * The question words that ask for a place, a person or a price (of QUESTION_WORD_SOURCE: not
 * 誰か, 誰でも, which say "someone", "anyone"), and the nouns that name those details, by the kind
 * of detail they ask for. The vocabulary's detail questions hold only phrases a program's card can
 * answer (場所はどこ, 参加費); between questions these ask for the same detail too.
 */
const QUESTION_FOCUS: readonly { pattern: string; kind: string }[] = [
  { pattern: "どこ|場所", kind: "place" },
  { pattern: "誰(?!か|でも)|だれ(?!か|でも)|どなた", kind: "who" },
  { pattern: "いくら|費用|料金", kind: "cost" },
];

/**
 * What a question asks for, as the vocabulary names details: its detail questions' kinds (when,
 * what time, whom to call, where, what it costs, how to join) and its unheld details' topics (the
 * age a benefit stops at, opening hours, whether a room is free) whose cue phrases the text holds,
 * and the question words and nouns of QUESTION_FOCUS. Read the same way from a resident's message
 * and from an FAQ's question, so two questions that ask for the same detail of different things,
 * or different details of one thing, are told apart.
 */
export function createAskedDetails(
  vocabulary: Pick<Vocabulary, "detailQuestions" | "unheldDetails">,
): (text: string) => string[] {
  const cues = [
    ...detailCuePhrases(vocabulary),
    ...vocabulary.unheldDetails.flatMap((d) => d.cues.map((c) => ({ phrase: c, kind: d.topic }))),
  ].map((c) => ({ phrase: foldWidthAndCase(c.phrase), kind: c.kind }));
  const focus = QUESTION_FOCUS.map((f) => ({ pattern: new RegExp(f.pattern, "u"), kind: f.kind }));
  return (text) => {
    const folded = foldWidthAndCase(text);
    return [
      ...new Set([
        ...cues.filter((c) => folded.includes(c.phrase)).map((c) => c.kind),
        ...focus.filter((f) => f.pattern.test(folded)).map((f) => f.kind),
      ]),
    ];
  };
}
