/**
 * What the clause that asks asks someone to do, read from its grammar rather than from lists of
 * phrases: an action and the thing it is done to. Japanese marks the act with a closed set of
 * auxiliaries after the verb's te-form or a verbal noun —
 * - a request: someone does it for me (直してくれる, 紹介してほしい, 引き取ってもらえますか);
 * - leave to do it (バーベキューしてもいいですか, 使っても大丈夫);
 * - whether one must (入らないといけない, 出さなきゃ);
 * - whether one can, or how or where to, with a verbal noun (相談できますか, どう対処すれば,
 *   どこに相談したら);
 * - whether one can receive a thing (非常食はもらえますか, 無料でいただけますか): もらう after a
 *   particle, not after a te-form — the thing marked before it is what is asked for.
 * Romaji is read as kana with its words apart: a kana word written apart before the particle of
 * the thing acted on is a noun (hijoushoku wa moraemasu → ひじょうしょく は もらえます).
 * Only the clause's own predicate counts (an act inside a phrase that names a thing — 参加できる
 * 講座はありますか — describes that thing), and leave, a rule or whether one can only as a question.
 * The action is answered when one of the best programs offers it: its own text (name, heading,
 * description; not the phrasings written for it) says the action on one of the things, or names
 * the thing acted on (the last noun before the action) as its own (サークルを紹介して). Otherwise:
 * - a rule (must I) is refused: what one must do is no program's offer;
 * - an action no program's text says at all (引き取る, 対処, バーベキュー) is refused;
 * - an action some program does (相談, 参加) or a native verb that is often the resident's word
 *   for the catalogue's noun (手伝う for 支援) is refused only when the thing is one no program
 *   names (足音の相談); else which program fits is the ranking's question.
 * Refused acts are a service, a permission or a rule of another desk (a roofer, a noise complaint,
 * a barbecue in a park): the reply says where to ask instead. When the asking clause names no
 * thing (市に相談できますか), the clauses before it say what it is about (マンションの上の階の足音が
 * ひどい). Verbs that only ask for information (教えて, 知りたい, 調べて) are no service: what they
 * ask about is judged by the rest of the engine. Pure.
 */
import { foldWidthAndCase, toHiragana } from "./normalise.js";

/**
 * The kinds of act. A refusal names a permission or a rule as 「使い方や きまり」 and a request or
 * an ability as a service (ASKED_ACT_TOPICS, src/knowledge/asked-acts.ts).
 */
export type ActKind = "request" | "permission" | "obligation" | "ability" | "receive";

/** An act read from an asking clause. */
export interface AskedAct {
  kind: ActKind;
  /**
   * The action as written, without its inflection: a verbal noun (紹介, 相談, バーベキュー) or a
   * verb's stem (引き取, 変え); for a light verb (見守りをして), the noun it makes a verb of.
   */
  action: string;
  /** The action is a light verb's noun: the thing is the activity itself (no separate object). */
  activity: boolean;
  /** The action is a native verb (手伝う, 気づく), not a verbal noun (相談, バーベキュー). */
  verb: boolean;
  /** The clause's text before the action: what it is done to (where, with a で, left out). */
  object: string;
}

/**
 * The auxiliaries that mark an act, last one in the clause wins (the main predicate is at the
 * end in Japanese). Grammar, a closed class: the same few endings follow any verb.
 */
const ACT = new RegExp(
  [
    // te-form + a giving/receiving auxiliary: someone does it for me.
    "(?<request>(?:て|(?<=[んい])で)(?:くれ|くださ|下さ|もらえ|もらい|もらう|もらっ|ほし|欲し|いただ|頂))",
    // receiving after a particle (は, を, が, も, で that is no te-form, or から: who gives it — not
    // from when, 何歳から): whether one can get a thing.
    "(?<receive>(?<=(?:[をはがも]|(?<![歳才時日月年頃\\d])から|(?<![んい])で)\\s?)(?:もらえ|貰え|いただけ|頂け))",
    // te-form + も + good/fine: leave to do it.
    "(?<permission>(?:て|(?<=[んい])で)\\s?も?\\s?(?:いい|よい|良い|よろし|大丈夫|だいじょうぶ|かまわ|構わ))",
    // not doing it is not allowed: whether one must.
    // (いか: western Japanese and 熊本弁 入らないといかない, from 入らんといかん in dialect.ts.)
    "(?<obligation>な(?:い|く)(?:と|ては|ちゃ)\\s?(?:いけ|いか|なら|だめ|ダメ)|なけれ(?:ば)?\\s?(?:いけ|いか|なら)|なきゃ\\s?(?:いけ|いか|なら|だめ|ダメ)?)",
    // a verbal noun's conditional or potential: how/where to do it, whether one can.
    "(?<ability>\\s?(?:すれ(?=ば)|したら(?=\\s?(?:いい|よい|良い|\\?|$))|(?:が|は)?\\s?(?:でき|出来)))",
  ].join("|"),
  "gu",
);

/**
 * A request nominalised and asked as possible: te-form + もらう/いただく + こと (+ は, が, も, って) + できる or
 * 可能 (〜てもらうことはできますか); groups: the te-form and the auxiliary's stem.
 */
const NOMINAL_REQUEST =
  /((?:て|(?<=[んい])で))(もら|いただ|頂)[うく]\s?こと\s?(?:って|[はがも])?\s?(?:でき|出来|可能)/gu;
/**
 * Receiving nominalised and asked as possible: a particle (or から, who gives it) + もらう/いただく
 * + こと + できる or 可能 (非常食を 区から いただく ことは できますか) is whether one can get the
 * thing (いただけますか); groups: the particle and the verb's stem.
 */
const NOMINAL_RECEIVE =
  /((?:[をはがも]|(?<![歳才時日月年頃\d])から)\s?)(もら|いただ|頂)[うく]\s?こと\s?(?:って|[はがも])?\s?(?:でき|出来|可能)/gu;

/** A verbal noun right before the act: kanji compounds, katakana loanwords, a kana word standing alone (romaji read). */
const VERBAL_NOUN =
  /(?:^|[^\u3400-\u9fff々\u30a1-\u30fc])([\u3400-\u9fff々]{2,}|[\u30a1-\u30fc]{2,}|(?<=\s)[\u3041-\u3096ー]{3,})\s?(?:を\s?)?$/u;
/** A light verb's te-form stem before a request or a permission (紹介し, 見守りをし, やっ). */
const LIGHT = /(?:し|さ|させ|せ|やっ|やら)$/u;
/** The noun a light verb makes an action of, after を (見守りをして, 草取りをやって). */
const LIGHT_OBJECT = /([\u3400-\u9fff々\u30a1-\u30fc][\u3041-\u3096\u3400-\u9fff々\u30a1-\u30fc]*)\s?を\s?$/u;
/** A verb's stem: kanji, with the kana inside it (引き取, 持ち帰), and the inflection after it. */
const VERB =
  /((?:[\u3400-\u9fff々]+[いきしちひみりぎじびえけせねへめれげべ](?=[\u3400-\u9fff々]))*[\u3400-\u9fff々]+)([\u3041-\u3096]{0,3})$/u;
/**
 * Verbs that only ask for information (教えて, 知りたい, 調べて, 聞いて, 探して, 分かる): what
 * they ask about is judged by the rest of the engine, not as a service.
 */
const INFO_VERB = /^(?:教え|知|調べ|聞|探|分か|わか|おしえ|しら|さが)/u;
/**
 * What may follow the act when it is the clause's own predicate: its inflection, politeness and
 * a question or sentence-final particle (〜もらえますか, 〜いいんでしょうか, 〜できるとね), in kana.
 */
const MAIN_END =
  /^(?:いい|よい|良い|よろし|る|れ|ます|ませ|まし|ん|た|だ|です|でしょ|だろ|う|か|な|ね|よ|の|と|っ|け|ない|なかっ|ば|じゃ|ぞ|わ|さ|し|ー|\s)*$/u;
/** A question after the act: a question mark, か, or a question's の/と/っと at the end (熊本弁 できっと). */
const QUESTION = /[?？]|か|[のと][\s。．.…!！]*$|^\s*(?:ば|ら)/u;
/** A location or means before the action (公園で, 電話で): not what the action is done to. */
const WHERE = /(?:[^\s、,をにがはものって]*\s?の\s?)*[^\s、,をにがはものって]*\s?で\s?$/u;

/** Reads the act of an asking clause, or null when it names none (ありますか, 教えてください). */
export function readAct(head: string): AskedAct | null {
  // A request asked as whether it can be done (注意してもらうことはできますか, 来ていただくことは
  // 可能ですか) is the request itself (注意してもらえますか).
  const folded = foldWidthAndCase(head)
    .replace(NOMINAL_REQUEST, (_, te: string, aux: string) => te + (aux === "もら" ? "もらえ" : "いただけ"))
    .replace(
      NOMINAL_RECEIVE,
      (_, mark: string, aux: string) => mark + (aux === "もら" ? "もらえ" : "いただけ"),
    );
  const text = folded
    .replace(/[。．.！!？?…]+/gu, "\n")
    .replace(/[、,]+/gu, " ")
    .replace(/\n/gu, " \n ")
    .trim();
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(ACT)) last = m;
  if (!last?.groups) return null;
  // Only the clause's own predicate: an act inside a phrase that names a thing (参加できる講座は
  // ありますか, お金を出してくれる制度) describes that thing, which the rest of the engine matches.
  if (!MAIN_END.test(text.slice(last.index + last[0].length))) return null;
  const kind = (Object.keys(last.groups) as ActKind[]).find((k) => last.groups![k] !== undefined)!;
  // Leave, a rule or whether one can is asked only as a question (できますか, いいの?, 入らんといかんと?):
  // 「畑を提供できます。」 says what the resident offers. A request asks by its form (〜てください).
  const tail = folded.slice(last.index + last[0].length);
  if (kind !== "request" && !QUESTION.test(tail)) return null;
  const pre = text.slice(0, last.index).trimEnd();
  // Only a thing marked in the clause itself: どこで もらえますか asks where to get what the clauses
  // before it named, which the ranking finds (a booklet, a grant).
  if (kind === "receive") {
    // Within the sentence that asks: a romaji message is read as one asked part.
    const sentence = pre.slice(Math.max(...[...pre.matchAll(SENTENCE_END)].map((m) => m.index + 1), 0));
    const object = received(sentence);
    return object ? { kind, action: "もらう", activity: false, verb: true, object } : null;
  }
  const act = kind === "ability" ? verbalNounAct(pre) : (verbalNounAct(pre, true) ?? verbAct(pre));
  if (!act || INFO_VERB.test(act.action)) return null;
  return { kind, ...act };
}

/**
 * The thing received: the noun phrase marked by the last は, を, が or も before もらう, with its
 * particle (防災用の非常食は区役所でただで → 防災用の非常食は); where or how it is given (区役所で,
 * ただで) is not it.
 */
function received(pre: string): string {
  const m = [...pre.matchAll(RECEIVED_MARK)].pop();
  return m ? pre.slice(0, m.index + m[0].length).trim() : "";
}

/** The verbal noun before the act (相談 of 相談できますか; with `light`, 紹介 of 紹介し). */
function verbalNounAct(pre: string, light = false): Omit<AskedAct, "kind"> | null {
  let rest = pre;
  if (light) {
    const l = LIGHT.exec(rest);
    if (!l) return null;
    rest = rest.slice(0, l.index);
    const noun = LIGHT_OBJECT.exec(rest);
    if (noun) return { action: noun[1]!, activity: true, verb: false, object: "" };
  }
  const m = VERBAL_NOUN.exec(rest);
  if (!m) return null;
  const at = m.index + m[0].indexOf(m[1]!);
  return { action: m[1]!, activity: false, verb: false, object: thingPart(rest.slice(0, at)) };
}

/** A verb's stem before the act (引き取 of 引き取って, 変え of 変えて); kana-only verbs are not read. */
function verbAct(pre: string): Omit<AskedAct, "kind"> | null {
  const m = VERB.exec(pre);
  if (!m) return null;
  const stem = m[1]!;
  // One kanji is too short to find as itself in a text (直 in 直接): with its first kana (直し, 変え).
  const action = [...stem].length === 1 ? stem + (m[2]?.[0] ?? "") : stem;
  if ([...action].length < 2) return null;
  return { action, activity: false, verb: true, object: thingPart(pre.slice(0, m.index)) };
}

/**
 * The text an action is done to: without a place or means marked by で right before it, a verb
 * in te-form that only says how (赤ちゃんを連れて協力), or a noun joined to the action as another
 * action (出店や協力).
 */
const thingPart = (text: string): string => {
  const t = text.trimEnd().replace(WHERE, "").replace(AGENT, "").replace(HOW, "").replace(ALSO, "").trim();
  // A word with に right before the action says how or to whom (自由に使う, 市に相談) when a thing
  // is named before it (ロビーって自由に使っていい): that thing is what the action is done to.
  const how = MANNER.exec(t);
  return how && how.index > 0 ? t.slice(0, how.index).trim() : t;
};
/** Who is asked to act, marked by から right before the action (区役所から注意して): not what it is done to. */
const AGENT = /(?:[^\s、,をにがはものって]*\s?の\s?)*[^\s、,をにがはものって]+から\s?$/u;
/** A word marked by に at the end of the text before the action. */
const MANNER = /\s?[^\s、,をにがはもの]+に\s?$/u;
/**
 * って after a noun — katakana, or two kanji or more (防災ラジオって, 施設って) — is the spoken
 * topic particle (は), not a verb's te-form: a native verb's stem before っ is one kanji (持って,
 * 使って). A lookbehind: the noun before it.
 */
const TOPIC_TTE = "(?<=[\\u30a1-\\u30fc]|[\\u3400-\\u9fff々]{2})って";
/** The particle that marks the thing received: は, を, が, も, or the topic って. */
const RECEIVED_MARK = new RegExp(`\\s?(?:${TOPIC_TTE}|[はをがも])(?=\\s|[^\\u3041-\\u3096]|$)`, "gu");
/** A verb in te-form right before the action (連れて, 持って): how, not what; not a noun's って. */
const HOW = new RegExp(
  `(?![\\u3400-\\u9fff々]*${TOPIC_TTE}\\s?$)[\\u3400-\\u9fff々]+[\\u3041-\\u3096]{0,2}(?:て|で)\\s?$`,
  "u",
);
/**
 * A thing is a noun with a kanji or katakana (kana alone may be a verb form) that does not end as
 * a verb's plain or past form does (集まれる, 行った).
 */
const NOUN = /^(?=.*[\u3400-\u9fff\u30a1-\u30fa]).*[^るた]$/u;
/** Where a sentence ended in the clause (its mark made a line break). */
const SENTENCE_END = /\n/gu;
/** A word in kana of three or more before a case particle, both written apart, ending a text. */
const APART_NOUN = /(?:^|\s)([\u3041-\u3096ー]{3,})\s[をはが]\s*$/u;
/** A one-kanji noun after kana or a space, marked by を, は or が, ending the text (そういう会を). */
const ONE_KANJI_THING = /(?:^|[\u3041-\u3096\s])([\u3400-\u9fff])\s?[をはが]\s*$/u;
/** A noun joined to the action by や or と (出店や協力): another action, not its object. */
const ALSO = /[^\s、,をにがはもの]+[やと]\s?$/u;

/** A word of the thing acted on, with the spellings a program's text may write it in. */
export interface Thing {
  text: string;
  /** Its spellings (as typed, its kanji, corrections, synonyms), folded. */
  labels: string[];
}

/** Whether a text says a word as a word of its own (業者 is not said by 事業者). */
export type SaysWord = (text: string, word: string) => boolean;

/**
 * Builds the reader: `ownText` is a program's own text (folded) by id, `thingsOf` the nouns of a
 * piece of text that say what it is about (the engine's reading: places and generic words out).
 * Returns, for a message (its asking clause, asked part and context) and the ids of its best
 * programs, the refusal's topic when the act asked is one none of them offers, else null.
 */
export function createActReader(
  ownText: (id: string) => string | undefined,
  thingsOf: (text: string) => Thing[],
  says: SaysWord,
  topics: Record<"service" | "rule", string>,
  /** Every program's id: whether the catalogue does an action or names a thing at all. */
  allIds: readonly string[],
  /**
   * Words that ask for a program's detail (電話, 問い合わせ: vocabulary `detailQuestions`): どこに
   * 電話すれば asks for a contact, which the program's card answers, not for a service.
   */
  details: ReadonlySet<string> = new Set(),
  from = 3,
  /** A program's phrasings (folded) by id: whether it has a thing received may be read there too. */
  phrasings: (id: string) => string | undefined = () => undefined,
): (
  m: { head: string; asked: string; context: readonly string[] },
  best: readonly string[],
) => string | null {
  return (m, best) => {
    const clause = m.head || m.asked;
    // No best program at all offers nothing either: the act still says where to ask
    // (河川敷でたき火をしてもいいですか, whose words no program says, is a question of rules).
    if (!clause) return null;
    const act = readAct(clause);
    if (!act || details.has(foldWidthAndCase(act.action))) return null;
    // The thing: the clause's own, else what the clauses before it say (足音がひどい。相談できますか).
    const nounsOf = (text: string) => thingsOf(text).filter((t) => NOUN.test(t.text));
    let things = act.activity ? [] : nounsOf(act.object);
    // A noun by its grammar: a word in kana written apart before a case particle written apart
    // (romaji read: れいぞうこ を, ひじょうしょく は) is one whole — the reading would have given a
    // word the catalogue knows in kanji. (Spaced Japanese attaches its particles: どこに.)
    const apart = APART_NOUN.exec(act.object)?.[1] ?? "";
    if (!act.activity && apart)
      things = [...things.filter((t) => !apart.includes(t.text)), { text: apart, labels: [apart] }];
    // A one-kanji noun marked right before the action (そういう会を応援, 場を提供) is the thing,
    // though too short for the reading to give as a word: the clauses before do not replace it.
    const short = act.activity || things.length > 0 ? null : ONE_KANJI_THING.exec(act.object)?.[1];
    if (short) things = [{ text: short, labels: [short] }];
    if (!act.activity && things.length === 0) {
      const before = m.asked.split(clause).join(" ").trim() || m.context.join(" ");
      things = nounsOf(before);
    }
    const action = foldWidthAndCase(act.action);
    // Kana typed for a kanji action (さんか → 参加) is looked for in its kanji too.
    const actions = [action, ...thingsOf(action).flatMap((t) => t.labels)];
    const actionKana = toHiragana(action);
    // The thing acted on is the last noun before the action (屋根を直してくれる業者 → 業者).
    const head = things[things.length - 1];
    const holds = (text: string, t: Thing) => t.labels.some((l) => says(text, l));
    // Whether one can get a thing is answered by a program that names the thing; what it is, or
    // that it is free, is no action a program's text says (学んでもらう is another もらう).
    if (act.kind === "receive") {
      // Its phrasings name a program's things in residents' words (冊子 for its 防災ブック).
      const has = (id: string) => holds(ownText(id) ?? "", head!) || holds(phrasings(id) ?? "", head!);
      if (!head || best.slice(0, from).some(has)) return null;
      return allIds.some((id) => head.labels.some((l) => ownText(id)!.includes(l))) ? null : topics.service;
    }
    const doesIt = (text: string) =>
      actions.some((a) => text.includes(a)) || toHiragana(text).includes(actionKana);
    for (const id of best.slice(0, from)) {
      const text = ownText(id);
      if (text === undefined) continue;
      // The action, on one of the things (or on nothing named); or the thing is the program's own.
      if (doesIt(text) && (things.length === 0 || things.some((t) => holds(text, t)))) return null;
      // Never for a rule (自治会に入らないといけない): what one must do is no program's offer.
      if (head && act.kind !== "obligation" && holds(text, head)) return null;
    }
    // An action some program does (参加, 相談, 協力) on a thing the catalogue knows is a question
    // of which program: the ranking answers it. Refused when no program does the action at all
    // (引き取る, 対処, バーベキュー), or when the thing is one no program names (足音の相談).
    // A native verb (手伝う, 気づく, 使う) is often the resident's word for what the catalogue
    // names with a noun (支援, 見守り): it refuses only on a thing no program names, like an action
    // the catalogue does.
    if (act.kind !== "obligation" && (act.verb || allIds.some((id) => doesIt(ownText(id)!)))) {
      const named = (text: string) => head!.labels.some((l) => text.includes(l));
      if (!head || allIds.some((id) => named(ownText(id)!))) return null;
    }
    return act.kind === "permission" || act.kind === "obligation" ? topics.rule : topics.service;
  };
}
