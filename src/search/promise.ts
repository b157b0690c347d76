/**
 * A closing promise (issue 11 point 2): a clause whose only content is a later act of the writer's
 * own — asking, contacting or visiting again (また聞きます, 何かあったら連絡します, 今度行って
 * みます, I'll ask again if I have questions). It names no thing asked and asks nothing, so beside
 * thanks and sign-offs it is small talk, not a question.
 *
 * Read by grammar, not by phrase: the clause must end in one of the vocabulary's act verbs
 * (`smallTalk.promises.acts`, in their dictionary form) in a form that states the writer's own
 * future act — 〜ます, the plain form, 〜てみます, 〜ようと思います, お〜します, 〜させていただきます —
 * and say it is for later: a time word (また, 今度, 改めて) or a condition on an indefinite thing
 * (分からない事があったら, 何かあれば). Nothing else may be left before the verb: any noun of its own
 * (防災講座に行ってみます) makes the clause about that thing, a question ending (聞きますか) or a
 * conjunction (聞きますが、…) makes it part of a question.
 */
import type { Vocabulary } from "../knowledge/vocabulary.js";
import { escapeRegExp } from "../text/escape-reg-exp.js";
import { foldWidthAndCase } from "./normalise.js";

type Promises = NonNullable<NonNullable<Vocabulary["smallTalk"]>["promises"]>;

/** What may follow the act at the clause's end: a reason's conjunction (けん → から), particles, marks. */
const AFTER_ACT = /(?:から|ので|[\s\p{P}\p{S}ー〜~ねよなわぞさ]|\u200d|\ufe0f)+$/u;
/** Particles and marks between the parts before the act (また、何かあれば / そちらに / 今度の). */
const PARTICLE = /^(?:[\s、,。はにもへでがのをと]|\p{P})/u;

/** The godan ending's i-row (stem), te-form and o-row (volitional) kana, by the dictionary ending. */
const GODAN: Record<string, [string, string, string]> = {
  く: ["き", "いて", "こう"],
  ぐ: ["ぎ", "いで", "ごう"],
  す: ["し", "して", "そう"],
  つ: ["ち", "って", "とう"],
  う: ["い", "って", "おう"],
  る: ["り", "って", "ろう"],
  む: ["み", "んで", "もう"],
  ぶ: ["び", "んで", "ぼう"],
  ぬ: ["に", "んで", "のう"],
};

/** A verb's stem (連用形), te-form, volitional and plain form: enough to write its promise forms. */
interface VerbForms {
  stem: string;
  te: string;
  volitional: string;
  plain: string;
  /** A verbal noun (連絡 of 連絡する): its humble ご連絡します and causative 連絡させていただきます. */
  noun?: string;
}

/**
 * The forms of a verb given in its dictionary form: する verbs (連絡する), 来る, 行く (行って),
 * ichidan verbs when marked (尋ねる with `ichidan`), else godan.
 */
export function verbForms(verb: string, ichidan = false): VerbForms {
  if (verb.endsWith("する")) {
    const noun = verb.slice(0, -2);
    return { stem: `${noun}し`, te: `${noun}して`, volitional: `${noun}しよう`, plain: verb, noun };
  }
  if (verb === "来る") return { stem: "来", te: "来て", volitional: "来よう", plain: verb };
  if (verb === "くる") return { stem: "き", te: "きて", volitional: "こよう", plain: verb };
  const base = verb.slice(0, -1);
  if (ichidan) return { stem: base, te: `${base}て`, volitional: `${base}よう`, plain: verb };
  const [i, te, o] = GODAN[verb.slice(-1)] ?? ["", "", ""];
  // 行く is the one godan く verb whose te-form is って.
  const teForm = verb === "行く" || verb === "いく" ? `${base}って` : `${base}${te}`;
  return { stem: `${base}${i}`, te: teForm, volitional: `${base}${o}`, plain: verb };
}

/** The forms in which a writer states their own later act (聞きます, 行ってみます, ご連絡いたします). */
export function promiseForms(v: VerbForms): string[] {
  const forms = [
    `${v.stem}ます`,
    `${v.stem}ましょう`,
    v.plain,
    `${v.te}みます`,
    `${v.te}みる`,
    `${v.te}みようと思います`,
    `${v.te}みようと思う`,
    `${v.te}みようとおもいます`,
    `${v.volitional}と思います`,
    `${v.volitional}と思う`,
    `${v.volitional}とおもいます`,
    `${v.te}おきます`,
    // Humble forms of polite letters and older residents (お聞きします, お伺いいたします).
    `お${v.stem}します`,
    `お${v.stem}いたします`,
    `お${v.stem}致します`,
  ];
  if (v.noun)
    forms.push(
      `ご${v.noun}します`,
      `ご${v.noun}いたします`,
      `ご${v.noun}致します`,
      `${v.noun}いたします`,
      `${v.noun}致します`,
      `${v.noun}させていただきます`,
      `${v.noun}させてもらいます`,
      // Asking leave to do it (また相談させてください): the writer's own later act too.
      `${v.noun}させてください`,
      `${v.noun}させて下さい`,
      `${v.noun}させていただこうと思います`,
    );
  return forms.map(foldWidthAndCase);
}

/**
 * Spaces between Japanese characters: careful polite writing spaces its words (また お尋ね
 * いたします), and a promise is read through them.
 */
const JAPANESE_SPACE = /(?<=[\u3041-\u30ff\u3400-\u9fff々])[ \u3000]+(?=[\u3041-\u30ff\u3400-\u9fff々])/gu;

/** Longest first, so 今度の週末 is taken before 今度. */
const byLength = (a: string, b: string) => b.length - a.length;

/**
 * A reader of closing promises over the vocabulary's class, or a reader that finds none when the
 * vocabulary has no such class.
 */
export function createPromiseReader(promises: Promises | undefined): {
  /**
   * Whether a clause is only a promise of a later act of the writer's own; `afterCondition`: the
   * clause before it was an indefinite condition (何かありましたら、/ お伺いします), which says "later".
   */
  isPromise(clause: string, afterCondition?: boolean): boolean;
  /** Whether a clause is only a condition on an indefinite thing (困ったことがあったら). */
  isCondition(clause: string): boolean;
  /**
   * Whether an English clause is only the writer's own plan: a promise whose act may take what
   * the conversation already named, with a definite word (I'll go to the event next week, I'll
   * tell my wife about it) — beside thanks, a plan, not a question (read in the analysis' remarks).
   */
  isPlan(clause: string): boolean;
} {
  if (!promises) return { isPromise: () => false, isCondition: () => false, isPlan: () => false };
  const fold = (ws: readonly string[]) => [...new Set(ws.map(foldWidthAndCase))].sort(byLength);
  const endings = [
    ...new Set(promises.acts.flatMap((a) => promiseForms(verbForms(foldWidthAndCase(a.verb), a.ichidan)))),
  ].sort(byLength);
  const times = fold(promises.times);
  const indefinite = fold([...promises.condition.modifiers, ...promises.condition.nouns]);
  const predicates = fold(promises.condition.predicates);
  const en = promises.english;
  const enSubject = new RegExp(
    `^(?:(?:${alternatives(en?.openers ?? [])})[\\s,]+)*(?:i|we)(?:'ll|’ll| will| shall)\\s+`,
    "u",
  );
  const enActs = new RegExp(
    `^(?:(?:${alternatives(en?.adverbs ?? [])})\\s+)*(?:${alternatives(en?.acts ?? [])})(?=\\s|$)`,
    "u",
  );
  // A plan may be said with "going to" too (I'm going to check the schedule).
  const enPlanSubject = new RegExp(
    `^(?:(?:${alternatives(en?.openers ?? [])})[\\s,]+)*(?:i|we)(?:'ll|’ll| will| shall|'m going to|’m going to| am going to|'re going to|’re going to| are going to)\\s+`,
    "u",
  );
  const enTails = fold(en?.tails ?? []);
  const enConditions = fold(en?.conditions ?? []);

  /** What is left of `text` before its act once times, indefinite conditions and particles are taken off, and whether it said "later". */
  function beforeAct(text: string): { left: string; later: boolean; condition: boolean } {
    let rest = text;
    let later = false;
    let condition = false;
    let pendingCondition = false;
    for (let cut = true; cut && rest !== "";) {
      cut = false;
      const particle = PARTICLE.exec(rest);
      if (particle) {
        rest = rest.slice(particle[0].length);
        cut = true;
        continue;
      }
      const time = times.find((t) => rest.startsWith(t));
      if (time) {
        rest = rest.slice(time.length);
        later = cut = true;
        continue;
      }
      const word = indefinite.find((w) => rest.startsWith(w));
      if (word) {
        rest = rest.slice(word.length);
        pendingCondition = cut = true;
        continue;
      }
      const predicate = predicates.find((p) => rest.startsWith(p));
      if (predicate) {
        rest = rest.slice(predicate.length);
        condition = later = cut = true;
        pendingCondition = false;
      }
    }
    // An indefinite thing with no condition after it (分からない事を) is the act's object.
    return { left: pendingCondition ? `${rest}?` : rest, later, condition };
  }

  function isJapanesePromise(clause: string, afterCondition: boolean): boolean {
    const text = clause.replace(AFTER_ACT, "");
    const ending = endings.find((e) => text.endsWith(e));
    if (!ending) return false;
    const { left, later } = beforeAct(text.slice(0, -ending.length));
    return left === "" && (later || afterCondition);
  }

  /** `plan`: the act may also take a definite thing already named (the event, my wife). */
  function isEnglishPromise(clause: string, plan = false): boolean {
    if (!en || en.acts.length === 0) return false;
    const subject = (plan ? enPlanSubject : enSubject).exec(clause);
    if (!subject) return false;
    let rest = clause.slice(subject[0].length);
    const act = enActs.exec(rest);
    if (!act) return false;
    rest = ` ${rest.slice(act[0].length)} `;
    if (plan) rest = rest.replace(DEFINITE_THING, " ");
    for (const phrase of [...enConditions, ...enTails]) rest = rest.split(` ${phrase} `).join("  ");
    return rest.trim() === "";
  }

  return {
    isPromise(clause, afterCondition = false) {
      const text = foldWidthAndCase(clause)
        .replace(/[\s\p{P}\p{S}]+$/u, "")
        .trim();
      if (text === "") return false;
      // (The clause reader writes a comma between Latin words as 、.)
      return /^[a-z]/u.test(text)
        ? isEnglishPromise(text.replace(/[、,]/gu, ", ").replace(/\s+/gu, " "))
        : isJapanesePromise(text.replace(JAPANESE_SPACE, ""), afterCondition);
    },
    isPlan(clause) {
      const text = foldWidthAndCase(clause)
        .replace(/[\s\p{P}\p{S}]+$/u, "")
        .trim();
      // A question or a need said in it (I'll need, looking for) is no plan.
      if (!/^[a-z]/u.test(text) || /[?？]/u.test(clause) || NEED_WORDS.test(text)) return false;
      return isEnglishPromise(text.replace(/[、,]/gu, ", ").replace(/\s+/gu, " "), true);
    },
    isCondition(clause) {
      const text = foldWidthAndCase(clause).replace(/[\s\p{P}\p{S}]+$/u, "");
      if (text === "") return false;
      const { left, condition } = beforeAct(text);
      return left === "" && condition;
    },
  };
}

/**
 * A thing the conversation already named, or the writer's own, after an act (to the event, my
 * wife, about it, the schedule): a definite or possessive word and up to three words. Not a new
 * thing (a class, some help, any events): that is what a question asks for.
 */
const DEFINITE_THING =
  /(?<= )(?:(?:to|with|about|for|at|in|on|into|out)\s+)?(?:the|that|this|those|these|my|our|your)(?:\s+[a-z'’-]+){1,3}(?= )/gu;
/** Words that say a need, a lack or a search in an English clause. */
const NEED_WORDS =
  /\b(?:need|needs|want|wants|wish|looking|look for|search|find|help|any|some|a|an|if there|whether)\b/u;

/** Words as one alternation, longest first (try to before try). */
function alternatives(words: readonly string[]): string {
  return [...words].map(foldWidthAndCase).sort(byLength).map(escapeRegExp).join("|");
}
