/**
 * Whether the clause that asks asks for a service a catalogue of community programs never
 * offers, even when the thing it names is a program's topic:
 * - a live status — what is open, receiving or issued at this very moment (今日開いている避難所,
 *   今 受付している所, 避難指示は出ているか): a yearly catalogue holds what the wards run, never
 *   today's state;
 * - a procedure (申請, 手続き) when none of the best programs is something residents apply to
 *   (小学校の手続き against programs held at schools): the procedure is a municipal one the
 *   catalogue does not hold. A grant's application (助成金の申請) and joining a program
 *   (訓練に参加する手続き) are the catalogue's;
 * - a relation to the thing that none of the best programs gives (vocabulary `relations`): to buy
 *   it (市場で魚を買えますか against a field trip to the market), money for oneself (個人で補助金
 *   against the groups' grants), moving into housing (災害公営住宅に入りたい against the exchange
 *   meetings of those who live there), a consultation desk (相談先 against programs that hold no
 *   consultations) — the near miss where the catalogue shares the words but not the thing.
 * Such a question is refused with where to ask instead. Only the asked part is read: a
 * moment, a state or a procedure in the context (「いまは仮設に住んでいます」) never refuses. Pure.
 */
import type { Vocabulary } from "../knowledge/vocabulary.js";
import { fieldTexts } from "./prebuilt-index.js";
import { foldWidthAndCase, toHiragana } from "./normalise.js";
import type { SaysWord, Thing } from "./asked-act.js";
import type { SearchDoc } from "./types.js";
import { phraseCandidates } from "../text/phrase-candidates.js";

/**
 * The service a message asks for that programs never offer, by its resident-facing name, or null:
 * `head` is the clause that asks, `asked` the asked part (with the clauses an asking clause that
 * names nothing borrows: 「防災訓練に参加したいけど 手続きは？」), `best` the ids of the best
 * programs, best first; `clauses` the message's clauses (those of the asked part are each read
 * for a live status: 「今日開いている避難所は？公民館は開いてる？」 asks it in its first clause).
 */
export type ServiceReader = (
  m: { head: string; asked: string; clauses?: readonly string[] },
  best: readonly string[],
) => string | null;

/** 今 starts a compound that names no moment (今年, 今度, 今後, 今月 …): not "now". */
const NOT_NOW = /^[年度後月週回季期更]/u;
const HIRAGANA = /[\u3041-\u309f]/u;
/** Programs read for what they offer: the best few, as a resident reads the first cards. */
const OFFER_FROM = 3;

/** Builds the reader from the vocabulary's cues and the documents' own texts (no cues: never refuses). */
export function createServiceReader(
  vocabulary: Pick<Vocabulary, "liveStatus" | "applications" | "procedureWords"> &
    Partial<Pick<Vocabulary, "relations">>,
  docs: readonly SearchDoc[],
): ServiceReader {
  const live = vocabulary.liveStatus;
  const moments = (live?.moments ?? []).map(foldWidthAndCase);
  const states = (live?.states ?? []).map(foldWidthAndCase);
  const apply = vocabulary.applications;
  const procedures = [
    ...new Set(
      (apply ? vocabulary.procedureWords : []).map(foldWidthAndCase).flatMap((w) => [w, toHiragana(w)]),
    ),
  ];
  // Programs residents apply to: their own text (not their phrasings) says so.
  const offers = (apply?.offers ?? []).map(foldWidthAndCase);
  const joins = (apply?.joins ?? []).map(foldWidthAndCase);
  // Every program's own text is read on the first question that needs it (a procedure, a
  // relation), not when the engine is built: most questions name neither, and reading them all
  // was a tenth of the first question's engine build (issue 14, cold start).
  const ownText = lazyOwnTexts(docs);
  let applicableIds: Set<string> | null = null;
  const applicable = (): Set<string> =>
    (applicableIds ??= new Set(
      docs.filter((d) => offers.some((o) => ownText().get(d.id)!.includes(o))).map((d) => d.id),
    ));

  // Relations (buy, money for oneself, moving into housing, a consultation desk): each phrase in
  // the scripts residents type it in; the programs whose own text offers each relation.
  const relations = (vocabulary.relations ?? []).map((r) => {
    let ids: Set<string> | null = null;
    return {
      topic: r.topic,
      from: r.from ?? OFFER_FROM,
      wordStart: r.wordStart ?? false,
      asks: r.asks.map((g) => [...new Set(g.map(foldWidthAndCase).flatMap((w) => [w, toHiragana(w)]))]),
      offeredBy: (): Set<string> =>
        (ids ??= new Set(
          docs
            .filter((d) => r.offers.map(foldWidthAndCase).some((o) => ownText().get(d.id)!.includes(o)))
            .map((d) => d.id),
        )),
    };
  });

  /** A moment word standing as a word: kana ones not inside another word (います, きょうしつ). */
  function saysNow(text: string): boolean {
    for (const m of moments) {
      for (let at = text.indexOf(m); at >= 0; at = text.indexOf(m, at + 1)) {
        const next = text.slice(at + m.length);
        if (m === "今" && NOT_NOW.test(next)) continue;
        if (HIRAGANA.test(m)) {
          const before = text[at - 1] ?? "";
          if (HIRAGANA.test(before)) continue;
          if (HIRAGANA.test(next[0] ?? "") && !/^[はもの、]/u.test(next)) continue;
        }
        return true;
      }
    }
    return false;
  }

  return (m, best) => {
    const text = foldWidthAndCase(m.head);
    const liveIn = (t: string) => t !== "" && saysNow(t) && states.some((s) => t.includes(s));
    // Each clause that asks is read on its own: a moment and a state in the same clause.
    const asking = (m.clauses ?? []).filter((c) => m.asked.includes(c)).map(foldWidthAndCase);
    if (live && (liveIn(text) || asking.some(liveIn))) return live.topic;
    // A procedure is read in the whole asked part: 「手続きは？」 asks about the clause it borrows.
    const asked = foldWidthAndCase(m.asked);
    if (
      apply &&
      procedures.some((w) => asked.includes(w)) &&
      !joins.some((w) => asked.includes(w)) &&
      !best.slice(0, OFFER_FROM).some((id) => applicable().has(id))
    )
      return apply.topic;
    // A relation to the thing (buy it, money for oneself, move in) is read in the asked part too:
    // 「災害公営住宅に入りたい。申込みは？」 asks to move in, whichever clause says which.
    for (const r of relations)
      if (
        r.asks.every((g) => g.some((w) => (r.wordStart ? saysAtWordStart(asked, w) : asked.includes(w)))) &&
        !best.slice(0, r.from).some((id) => r.offeredBy().has(id))
      )
        return r.topic;
    return null;
  };
}

const KANJI = /[\u3400-\u9fff々]/u;

/** `text` says `phrase` where a word begins: a phrase led by a kanji not right after another kanji. */
function saysAtWordStart(text: string, phrase: string): boolean {
  if (!KANJI.test(phrase[0] ?? "")) return text.includes(phrase);
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1))
    if (!KANJI.test(text[at - 1] ?? "")) return true;
  return false;
}

/** {@link ownTexts}, made on the first call. */
function lazyOwnTexts(docs: readonly SearchDoc[]): () => Map<string, string> {
  let texts: Map<string, string> | null = null;
  return () => (texts ??= ownTexts(docs));
}

/** A program's own text (name, heading, description; not its phrasings), folded, by id; read on first use. */
export function createOwnText(docs: readonly SearchDoc[]): (id: string) => string | undefined {
  const texts = lazyOwnTexts(docs);
  return (id) => texts().get(id);
}

/**
 * The phrasings written for each program from its own name and description (knowledge/asked-as),
 * folded, by id; read on first use. They name a program's things in residents' words (冊子 for
 * the 防災ブック a program makes): whether a program has a thing may be read there, never what
 * it does.
 */
export function createPhrasingText(docs: readonly SearchDoc[]): (id: string) => string | undefined {
  let texts: Map<string, string> | null = null;
  return (id) =>
    (texts ??= new Map(docs.map((d) => [d.id, foldWidthAndCase((d.askedAs ?? []).join("。"))] as const))).get(
      id,
    );
}

/** Each program's own text (name, heading, description; not its phrasings), folded. */
function ownTexts(docs: readonly SearchDoc[]): Map<string, string> {
  return new Map(
    docs.map((d) => {
      const f = fieldTexts(d);
      return [d.id, foldWidthAndCase([f.name, f.heading, f.description].join(" "))] as const;
    }),
  );
}

/**
 * The detail of a service the clause that asks asks for and no best program's own text gives,
 * by its resident-facing name, or null: the age a benefit stops at (何歳まで), which days a room
 * is free (空いている日). The decision refuses on it only when the catalogue matches the thing
 * weakly (子ども医療費の助成は何歳まで); a program that matches well is still shown, with its
 * card saying where to ask. `head` is the clause that asks, `best` the best programs' ids.
 */
export interface DetailReader {
  (head: string, best: readonly string[], asking?: readonly string[]): string | null;
  /**
   * The detail found is one no program of the catalogue gives in its own text (opening hours,
   * vacancies, a flower's best time), asked of a thing no best program's own text names (a
   * facility, a field — not a program named outright, あさひばリビング): no card can answer it,
   * whatever program the rest of the message matches.
   */
  answerless(head: string, best: readonly string[], asking?: readonly string[]): boolean;
}

/** A space between two characters of Japanese words: long polite messages put one between words. */
const SPACE_IN_JAPANESE = /(?<=[\u3041-\u30ff\u3400-\u9fff])\s+(?=[\u3041-\u30ff\u3400-\u9fff])/gu;

/**
 * Builds the detail reader from the vocabulary's unheld details (none: never finds one).
 * `thingsOf` gives the nouns of a text in order (the engine's reading, with their spellings) and
 * `says` whether a text says a word: a best program gives the detail only when its own text also
 * names the thing it is asked of — the last noun before the cue (助成 of 子どもの通院の助成は何歳
 * まで). A program that merely holds the detail's word (歳 of a check-up at 1歳半) answers nothing
 * about the thing asked. Without them, or when the clause names no thing, any best program that
 * gives the detail answers it.
 */
export function createDetailReader(
  vocabulary: Pick<Vocabulary, "unheldDetails">,
  docs: readonly SearchDoc[],
  thingsOf: (text: string) => readonly Thing[] = () => [],
  says: SaysWord = (text, word) => text.includes(word),
): DetailReader {
  const details = vocabulary.unheldDetails.map((d) => ({
    topic: d.topic,
    cues: [...new Set(d.cues.map(foldWidthAndCase).flatMap((c) => [c, toHiragana(c)]))],
    givenBy: d.givenBy.map(foldWidthAndCase),
  }));
  const ownText = lazyOwnTexts(docs);
  const nowhere = new Map<string, boolean>();
  /** No program's own text in the catalogue gives the detail. */
  const givenNowhere = (d: (typeof details)[number]): boolean => {
    let none = nowhere.get(d.topic);
    if (none === undefined) {
      none = ![...ownText().values()].some((own) => d.givenBy.some((g) => own.includes(g)));
      nowhere.set(d.topic, none);
    }
    return none;
  };
  // Every detail's cues filed by their first characters: a text is tested for the few cues it may
  // hold, not for each of the ~250 (cues in both scripts) with indexOf, on every question.
  const cuesIn = phraseCandidates(
    details.flatMap((d, detail) => d.cues.map((cue) => ({ detail, cue }))),
    (c) => c.cue,
  );
  /** The first detail asked and no best program gives, and whether a best program names its thing. */
  const find = (head: string, best: readonly string[], asking: readonly string[]) => {
    const texts = [head, ...asking]
      .map((t) => foldWidthAndCase(t).replace(SPACE_IN_JAPANESE, ""))
      .filter((t) => t !== "");
    // Per text, where each detail's first cue is (Infinity: none), from the cues it may hold.
    const firstAt = texts.map((t) => {
      const at = details.map(() => Infinity);
      for (const c of cuesIn(t)) {
        const i = t.indexOf(c.cue);
        if (i >= 0 && i < at[c.detail]!) at[c.detail] = i;
      }
      return at;
    });
    for (let di = 0; di < details.length; di++) {
      const d = details[di]!;
      let text = "";
      let at = Infinity;
      for (let ti = 0; ti < texts.length; ti++) {
        at = firstAt[ti]![di]!;
        text = texts[ti]!;
        if (Number.isFinite(at)) break;
      }
      if (!Number.isFinite(at)) continue;
      const thing = thingsOf(text.slice(0, at)).at(-1);
      const names = (own: string) => !thing || thing.labels.some((l) => says(own, l));
      const top = best.slice(0, OFFER_FROM).map((id) => ownText().get(id) ?? "");
      if (!top.some((own) => d.givenBy.some((g) => own.includes(g)) && names(own)))
        return { d, thingNamed: thing !== undefined && top.some(names) };
    }
    return null;
  };
  return Object.assign(
    (head: string, best: readonly string[], asking: readonly string[] = []) =>
      find(head, best, asking)?.d.topic ?? null,
    {
      answerless(head: string, best: readonly string[], asking: readonly string[] = []): boolean {
        const found = find(head, best, asking);
        return found !== null && !found.thingNamed && givenNowhere(found.d);
      },
    },
  );
}
