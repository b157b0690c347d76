/**
 * Reads a resident's message as a person does, before any matching: which script it is in
 * (Japanese, English, romaji — the latter two made readable in kana and the catalogue's words),
 * its sentences and clauses, the part that asks (a question, a request, a wish) and the context
 * around it, the ward or place it names, who it is about, and whether it is only small talk.
 * The bot's text intents and the search share this one reading. Pure: plain data in, no I/O.
 */
import { isRomaji, toHiragana as romajiToHiragana } from "wanakana";
import type { Gazetteer } from "../knowledge/gazetteer.js";
import { findPlaces, placesWithin, wardsOfPlaces, type PlaceMatch } from "../knowledge/gazetteer.js";
import {
  smallTalkLanguageFillers,
  smallTalkLanguagePhrases,
  thanksReasons,
} from "../knowledge/small-talk-languages.js";
import type { Ward } from "../knowledge/schema.js";
import type { Vocabulary } from "../knowledge/vocabulary.js";
import type { ChineseReader } from "./chinese.js";
import { createVietnameseReader } from "./vietnamese.js";
import { detailCuePhrases, QUESTION_WORD_SOURCE } from "./detail-cues.js";
import { createDialectReader, type WordGuard } from "./dialect.js";
import { createPromiseReader } from "./promise.js";
import { endsInsideNegative, foldWidthAndCase } from "./normalise.js";
import { escapeRegExp } from "../text/escape-reg-exp.js";
import { phraseCandidates } from "../text/phrase-candidates.js";
import type { MessageAnalysis, SmallTalk } from "./types.js";

/**
 * Reads messages with one vocabulary and gazetteer (cue lists are prepared once). `part` reads
 * some clauses of a message already read (the question after 「秋津に住んでます。」) from that
 * reading: the clauses as they were split and the places as they were found, nothing looked up again.
 */
export type MessageReader = ((text: string) => MessageAnalysis) & {
  part: (of: MessageAnalysis, text: string, clauses: readonly string[]) => MessageAnalysis;
};

const WARD_ROMAJI: Record<string, Ward> = {
  chuo: "中央区",
  chuou: "中央区",
  chuuou: "中央区",
  chuuo: "中央区",
  chūō: "中央区",
  higashi: "東区",
  nishi: "西区",
  minami: "南区",
  kita: "北区",
};
/** A ward's name in Latin letters, its long vowels written or not (chuo, chuou, chuuou, chūō). */
const WARD_LATIN = /\b(chuu?ou?|ch[uū][oō]|higashi|nishi|minami|kita)[\s-]*(?:ward|ku)\b/g;
/** A ward named as Vietnamese names a city's district, before it (quận Kita, quan Chuo). */
const WARD_VIETNAMESE = /(?<![\p{L}])(?:quận|quan)\s+(chuu?ou?|ch[uū][oō]|higashi|nishi|minami|kita)\b/gu;
const MACRONS: Record<string, string> = {
  ā: "aa",
  ī: "ii",
  ū: "uu",
  ē: "ei",
  ō: "ou",
  â: "aa",
  ô: "ou",
  û: "uu",
};

/**
 * English nouns of place that Japanese writes after a name, in kana (the gazetteer's readings are
 * hiragana): station (駅), town (町).
 */
const PLACE_NOUNS: Record<string, string> = { station: "えき", town: "まち" };

/** The words that frame a name read from English as a place: "around", a function word. */
const PLACE_FRAME = "あたり";

/**
 * Where an English sentence parts into clauses: a comma, semicolon or colon, or before a
 * conjunction that starts a clause of its own (but, because, although, so that).
 */
const ENGLISH_CLAUSE = /\s*[,;:]\s+|\s+(?=(?:but|because|although|though|so that|since)\s)/u;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;
/** Every Japanese character of a text (to count them). */
const JAPANESE_ALL = new RegExp(JAPANESE.source, "gu");
const LATIN_WORD = /[a-z][a-z'-]*/g;
/** A letter of a Latin script, marked ones (é, ạ, ư) included: what a Latin word is made of. */
const LATIN_LETTER = "[\\w\\u00c0-\\u024f\\u1e00-\\u1eff\\p{M}]";
/**
 * An English clause of condition or time put before its main clause (If a big earthquake comes,
 * …; When my child is sick, …): it belongs to the clause after it.
 */
const ENGLISH_CONDITION = /^\s*(?:if|when|whenever|in case|once|during|after|before|while)\b/u;

/** English clauses with each clause of condition or time joined to the one after it. */
function joinConditions(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (ENGLISH_CONDITION.test(part) && i + 1 < parts.length && !/[?？]\s*$/u.test(part))
      parts[i + 1] = `${part} ${parts[i + 1]}`;
    else out.push(part);
  }
  return out;
}

/** A kanji; a kana (what a Chinese sentence never holds). */
const HAN_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/u;
const KANA_CHAR = /[\u3041-\u309f\u30a1-\u30fa]/u;
/** A reading in kana in brackets (（こどもまつり）), as a writer glosses a word. */
const KANA_GLOSS = /[（(]([\u3041-\u309f\u30a1-\u30fc・\s]+)[）)]/gu;
/** Sentence ends: 。！？ and their ASCII forms, line breaks. The mark stays with its sentence. */
// A quotation (『反社をなくそう！』みたいな集会, 「どうしよう？」と思って) is one piece of its sentence:
// the marks inside it end the quoted words, not the resident's sentence.
/** A quotation closed within its sentence. */
const QUOTED = /「[^」\n]*」|『[^』\n]*』/gu;
const SENTENCE = /(?:「[^」\n]*」|『[^』\n]*』|[「『]|[^。．.！!？?\n「『])+[。．.！!？?]*/gu;
/** Emoji, pictographs, symbols and punctuation: what a stamp-like message is made of. */
const SYMBOLS = /[\p{Extended_Pictographic}\p{P}\p{S}\p{M}\s]|\u200d|\ufe0f/gu;
/** Text made of nothing but {@link SYMBOLS} (or nothing): one test, no replaced copy. */
const ONLY_SYMBOLS = /^(?:[\p{Extended_Pictographic}\p{P}\p{S}\p{M}\s]|\u200d|\ufe0f)*$/u;
/**
 * Predicate endings after which a space or 、 ends a clause (「80歳です 南区に住んでいます」):
 * long polite messages put spaces between words, voice input has no 。. A polite question
 * (ありますか, ありますでしょうか, ないですかね) ends one too: what follows it — a closing
 * (よろしくお願いいたします), another question — is a clause of its own, not more of the thing asked.
 * So do a letter's prayer (召されませんよう) and its request in ませ (ご自愛くださいませ), which
 * always end a sentence (a request in ください may go on: 教えてください 双子が…).
 */
const PREDICATE_END =
  /(ます|ました|ません|です|でした|だった|った|した|ている|ています|てる|とる|とります|んだ|のだ|ない|なった|よ|ね|たら|とき|ときは|時は|場合は|(?:ます|ました|ません|です|でした|でしょう) ?(?:か|かね|かな)|(?:ます|ません) ?ように?|(?:ください|下さい)ませ)$/u;

/**
 * A line break inside a sentence: after a case particle (老人会で, 制度は, 少しでも; の only after a
 * noun, 介護保険の — after a verb it may end a question, あるの) or a form that modifies the noun on
 * the next line (顔を合わせるような, 参加するための). Older residents break
 * their lines where the screen or the breath ends, not where the sentence does; the line read on
 * its own asks nothing (ございますか) and its subject sits on the line before. Read as a space, so
 * the clause rules cut the sentence where a predicate ends, as they do for spaces.
 */
const LINE_GOES_ON =
  /(?<=[はがをにでとへやも]|[\u3400-\u9fff\u30a1-\u30faー]の|ような|ための)[ \t\u3000]*\r?\n(?=[ \t\u3000]*[^\s])/gu;

/** A predicate's vowel drawn out (助かってます〜, そうですねー): still its end. */
const MARKS_AFTER_PREDICATE = /[ー〜~]+$/u;

/**
 * A formal noun (形式名詞: こと, もの, ところ, よう, ため, はず, わけ, つもり, ほう) alone or with a
 * particle after a predicate written apart: the predicate modifies it (わからない こと あったら,
 * 召されません よう), so no clause ends before it.
 */
const FORMAL_NOUN_APART =
  /^(?:こと|事|もの|物|ところ|所|よう|様|ため|為|はず|わけ|訳|つもり|ほう)(?:[がはをにでもの]|には|では|から|まで|など)?[。．.！!？?…]*$/u;

/**
 * A Japanese or Korean clause that ends in a conjunctive form before its thanks says what the
 * thanks is for (教えてくれて, 対応いただき, ご協力により, おかげで, 도와주셔서).
 */
const REASON_BEFORE_THANKS =
  /(?:て|で|くれ|いただき|頂き|もらい|くださり|下さり|により|おかげ|お陰|より|서)[\s、,]*$/u;

/** An auxiliary after a space or comma that ends the sentence (ので しょうか, ので すか). */
const AUXILIARY_APART = /^[\s、,]+(?:しょう|す[かがねよ。．.！!？?]|す$)/u;

/**
 * A polite auxiliary verb that goes on from the word before it (お尋ね いたします, 手助け
 * 頂ける, ありがとう ございました, して おります, 教えて ください), written apart as spaced
 * polite writing does.
 */
const POLITE_AUXILIARY = /^(?:いたし|致し|ござい|おります|おりました|ください|下さい|くださ|いただ|頂)/u;

/**
 * A clause that ends in a conditional (また 何か ありましたら, 時間が あれば) before another: it
 * sets a condition for what follows and asks nothing itself, unless it holds a question word
 * (どこに相談すれば…: a question left unfinished). At the end of a message it is a hope left
 * unfinished (話を聞いてもらえたら…), which asks.
 */
const CONDITIONAL_END = /(?:たら|ましたら|れば|なら|ならば)[\s。．.、,…‥]*$/u;
/** Question words (疑問詞), as the query reader reads them. */
const QUESTION_WORD = new RegExp(QUESTION_WORD_SOURCE, "u");

/**
 * Spaces between Japanese characters: the word spacing of careful polite writing (ありがとう
 * ございました), which a phrase is read through.
 */
const JAPANESE_SPACE = /(?<=[\u3041-\u30ff\u3400-\u9fff々])[ \u3000]+(?=[\u3041-\u30ff\u3400-\u9fff々])/gu;

/** Text that ends in a Japanese word's character (kana, kanji), not a space or a mark. */
const JAPANESE_WORD_END = /[\u3041-\u30ff\u3400-\u9fff々]$/u;
const ONE_KANJI = /^[\u3400-\u9fff]$/u;
/**
 * What may follow a one-kanji noun that stands alone (雨が, 風も, 雪やね, 雨ばい, 雨ふり): no
 * hiragana, or a particle (ばかり too), a copula or a 熊本弁 ending (closed classes), or ふ of 降る in kana.
 */
const AFTER_ONE_KANJI_WORD =
  /^(?:$|[^\u3041-\u309f]|[がのをにへとでやはもねよなかだじっば]|から|より|まで|ばい|たい|けん|ふ)/u;

/** A sentence-final particle standing alone (か, かな, ね, よ), with its marks. */
const FINAL_PARTICLE = /^(?:か|かな|かね|かの|ね|よ|の)[。．.！!？?]*$/u;

/**
 * A conditional and the "good" after it are one predicate that asks for advice (電話 したら
 * いいんですか: "should I phone?"), however voice input or spaced writing parts them: the
 * conditional ends no clause before it.
 */
const ADVICE_AFTER_CONDITIONAL = /^(?:いい|良い|よい|よろしい|宜しい|よか)/u;

/**
 * A wish: a verb's 〜たい (or 熊本弁 〜たか) after its stem — a kana of the い/え rows or a
 * one-kanji stem (見たい, 来たい). Not a noun before 熊本弁 たい (うちは飽田たい).
 */
const WISH =
  /(?:[いきしちにひみりぎじびぴえけせてねへめれげぜでべぺ]|(?<![\u3400-\u9fff])[見来寝出居])(?:たい|たか)/u;
/**
 * A wish said as a hope: a condition and how good it would be (交流できたらいいな, あればうれしい,
 * 来てもらえたら助かる) or the condition alone before と思う (集まりがあればと思います). Not a
 * condition one only imagines (地震が来たらと思うと眠れない: と思うと is "when I think of it").
 */
const HOPE =
  /(?:たら|れば|えば|けば|せば|てば|めば|なら)(?:[、\s]*)(?:いい|良い|よい|よか|うれしい|嬉しい|助かる|ありがたい)|(?:たら|れば)と(?:思|おも)(?!うと|うだけ)/u;
/**
 * Demonstratives that point back at a kind of thing (そういう仕組み, そんな集まり, このような活動):
 * the clause that holds one asks about what was said before it.
 */
const REFERS_BACK =
  /そういう|そういった|そのような|そんな|こういう|こういった|このような|こんな|そうした|ああいう/u;
/** Whether a clause refers back to a kind of thing said before it (そういう仕組み, そんな集まり). */
export const refersBack = (clause: string): boolean => REFERS_BACK.test(clause);

/**
 * A kanji compound used as a verb: する and できる forms follow it (登録し, 対処すれば, 発行できる),
 * also after the kana that ends a noun made of a verb's stem (手助けして, 見守りする, 手伝いできる).
 */
const SURU = /^[いきしちひみりけえせてねめれげべぎじび]?(し|す|さ|せ|でき|出来)/u;
/** One kanji is a noun when a particle, punctuation or the end follows it (日は, 会に), not a kana ending. */
const NOUN_END = /^(?:$|[のはがをにでともへやっ]|[\s、。,.!?！？])/u;
/** A bare verb form: one kanji and its kana ending (聞きます, 来るね), no noun. */
const VERB_FORM = /^[\u3400-\u9fff][\u3041-\u309f]+$/u;

/**
 * What a clause that says a need without asking says it with (子どもの遊ぶ場所がなくて困ってます):
 * trouble (困る, 悩む, 弱る), want (欲しい, 必要, 興味, 探す, 気になる), lack (ない, ありません,
 * いません, おらん, 足りない, 不足), intention (〜しようと思う, つもり, 予定, 考えている), hearsay of
 * a thing (〜と聞いた, 〜らしい, あるそうだ: a thing heard of is asked about), in kanji, kana and 熊本弁 (なか, おらん,
 * ほしか). Grammar and a closed class of predicates, not topics: beside small talk, a clause
 * without one is a remark (東京から来たばかりなので心強いです), one with one is a need.
 */
const NEED_PREDICATE = new RegExp(
  [
    "困|こま[っるりら]|悩|なや[んみむ]|弱[っる]|よわっ",
    "欲し|ほし[いかく]|願|ねが[いう]|必要|ひつよう|要る|興味|きょうみ|関心|探し|探す|さが[しす]|気にな|きにな|希望|望[みむん]",
    // Lack is said of a thing (場所がない, 友達いません), not of a verb's state or its negative
    // (慣れていません, 寒くない, 乾かない: a te-form, an adjective's く, a verb's あ-row stem).
    "(?<![てでくんかさたまらわ]\\s?)(?:な(?:い|く|か(?![まならな]))|ありません|ございません|いません|おらん|おりません)|足りな|たりな|足ら|不足",
    "[おこそとのほもよろごぞどぼ]う(?:か)?と(?:思|おも)|つもり|予定|よてい|考え|かんがえ",
    "と(?:聞|き)[きいい]|らし[いかく]|(?<=[るたいだ])そう(?:です|だ|な)",
  ].join("|"),
  "u",
);

/**
 * A clause that ends in a predicate — a verb, an adjective, the copula, their polite and 熊本弁
 * forms, or a conjunctive one (〜ので, 〜けど, 〜けん) — after its final particles and marks are
 * set aside: it says something of a thing it names (店も暇たい, はじめて つかいます). A clause that
 * ends in a noun (ありがとう 防災の講座) names what it wants, as a terse question does.
 */
const STATEMENT_END =
  /(?:ます|ました|ません|です|でした|でしょう|ない|[\u3041-\u309f][ただ]|だった|ばい|たい|けん|ので|から|けど|ばってん|[\u3400-\u9fff々](?:しい|い|か|た|だ|[るうくすつぬぶむぐ]))$/u;
/**
 * An object marked with を (熊本弁 ば is read as を before): a statement that does something to a
 * thing (また今度 防災の講座を聞きます) is about that thing, which a program may be — never a remark.
 */
const OBJECT = /を/u;
/**
 * A statement in the past (写真を送ることができました, 講座を受けました): news of what the writer
 * did, which may name the thing it was done to — a report, not a plan or a request about it.
 */
const PAST_END = /(?:ました|でした|[\u3041-\u309f][ただ])$/u;
/** What may follow a predicate at a clause's end: final particles, lengthening, marks, emoji. */
const TRAILING =
  /(?:[\s\p{P}\p{S}\p{M}ー〜~]|\u200d|\ufe0f|ね|よ|な|わ|の|ぞ|さ|(?<=[ねよなわぞさ])[あぁえぇおぉ])+$/u;
/**
 * A clause that ends in the final particle よ after a word (汗だくよ, 大変よ): an assertion,
 * whatever the word before it (熊本弁 たい after a noun is read so: 汗だくたい).
 */
const ASSERTION_END =
  /[\u3041-\u309f\u30a1-\u30fc\u3400-\u9fff々]よ(?:[\s\p{P}\p{S}ー〜~ねぇお]|\u200d|\ufe0f)*$/u;

/**
 * Where one asking clause joins two different needs (「子どもの遊び場と、親の健康づくりの催し」):
 * 〜のと / a noun and と or や before a comma (not a person: 住民の人と、 is "with") / 〜たいし、 /
 * それと, あと, それから after a comma (not ついでに: 「勉強できて、ついでに話せる場所」 is one place). A plain と between nouns is usually one thing (大学と組んだ活動, 交通安全と
 * 防犯), so it joins needs only when the message says it asks for both (両方, どちらも). Grammar, not
 * vocabulary: the same few particles join any two things.
 */
const NEED_JOIN = new RegExp(
  [
    "のと(?=[、,\\s\\u3400-\\u9fff々\\u30a1-\\u30fa])[、,]?",
    // After a noun: kanji, katakana, a word made of a verb's stem (見守り, 取組み, 遊び, つながり)
    // or a noun in kana; never after a verb's plain form (参加すると、 is "when I join").
    "(?:(?<=[\\u3400-\\u9fff々\\u30a1-\\u30fca-z0-9])|(?<=[\\u3400-\\u9fff][\\u3041-\\u309f]?[いきしちにひみぎび])|(?<=り|こと|もの|ところ|まつり|のか))(?<!人|方|方々|仲間|たち|達|さん|者|生|家族|員)[とや][、,]",
    "(?<=たい|たか)し[、,]",
    "[、,](?:それと|あと|それから|あわせて)[、,]?",
    // A list's next item (「ひとつは…、もうひとつは…」, 「①…②…」): the enumeration says where the
    // second thing asked begins, whatever joins the two.
    "[、,\\s]*(?=もう(?:ひと|一|1)つ|(?:二|ふた|2)つ目|[②③④⑤])",
  ].join("|"),
  "gu",
);
/** A list's items said as such (ひとつは, もう一つは, 二つ目は, ①): their words name nothing asked. */
const ENUMERATION = /もう(?:ひと|一|1)つ|(?:二|ふた|2)つ目|[②③④⑤]/u;
const ITEM_LEAD =
  /(?<=^|[\s。、,])(?:(?:もう)?(?:ひと|一|1)つ(?:目|め)?|(?:二|ふた|2)つ(?:目|め))(?:は|が)?[、,\s]*|(?<=^|[\s。、,])[①②③④⑤][、,\s]*/gu;
/** A plain と or や between two nouns: a join of two needs when the message asks for both. */
const NOUN_AND_NOUN =
  /(?:(?<=[\u3400-\u9fff々\u30a1-\u30fc])|(?<=[\u3400-\u9fff][\u3041-\u309f]?[みきび])|(?<=り))(?<!人|方|仲間|者|員)[とや](?=[\u3400-\u9fff々\u30a1-\u30fa]|お[\u3400-\u9fff])/gu;
/**
 * A word that names a person by how it ends: a kinship address (おばあちゃん, じいさん), a noun for
 * people (若い人, 仲間, 家族, 年寄り is an audience's cue already).
 */
const PERSON_NOUN = /(?:ちゃん|さん|人|方|方々|仲間|たち|達|者|家族|友)$/u;
/** The message says it asks for more than one thing. */
const BOTH = /両方|りょうほう|どっちも|どちらも|それぞれ|ふたつ|二つ|2つ/u;
/** A later sentence that starts with one of these adds a need of its own (「…。それと、…も」). */
const ADDS_NEED = /^(?:それと|あと|それから|あわせて|また(?=[、,]))[、,\s]?/u;
/** A kanji compound used as a verb (料理できる, 運動したい). */
const VERBAL_NOUN = /[\u3400-\u9fff々]{2,}(?=し|す|さ|せ|でき|出来)/gu;
/** Verbs that say how one asks or takes part, not what one needs. */
const ASKING_VERB = /^(?:参加|相談|利用|申請|応募|紹介|質問|連絡|確認|予約|申込|説明|案内)$/u;
/** A message is read as at most this many needs: the first page shows the best of each. */
const MAX_NEEDS = 3;

/**
 * A word read from romaji as the catalogue spells it (the index's lexicon: exact reading, or
 * long vowels folded), or null when it knows no single such word.
 */
export type Spelling = (kana: string) => string | null;

/**
 * Builds a reader over one vocabulary and gazetteer. `spelling` (the engine passes its
 * lexicon's) writes romaji words as the catalogue does; without it they stay in kana.
 * 熊本弁 is read as standard Japanese (dialect.ts) unless `dialect` is false. `catalogueWrites`
 * (the engine passes its corpus's) tells text the catalogue itself writes, which that reading
 * leaves alone (あさひばみんなの防災フェスタ is a name, not 〜ば = 〜を); place names are left
 * alone in any case.
 */
export function createMessageReader(
  vocabulary: Vocabulary,
  gazetteer: Gazetteer,
  spelling: Spelling = () => null,
  {
    catalogueWrites = () => false,
    dialect = true,
    chinese = () => null,
    loanword = () => null,
  }: {
    catalogueWrites?: WordGuard;
    dialect?: boolean;
    /**
     * An English word as the catalogue's katakana loanword (center → センター; the engine passes
     * its index's table, from the Sudachi dictionary), or null: romaji writers write loanwords
     * in English inside a romaji sentence.
     */
    loanword?: (word: string) => string | null;
    /**
     * The reader of Chinese sentences (chinese.ts), asked for on the first sentence that could
     * be Chinese (kanji and no kana): the engine makes it from the index's fold table then.
     * Without one, Chinese is read as Japanese.
     */
    chinese?: () => ChineseReader | null;
  } = {},
): MessageReader {
  // 熊本弁 is read as standard Japanese first (dialect.ts), except inside a place's name or text
  // the catalogue writes: the form with a kana of context on each side.
  let placesOf: { text: string; spans: [number, number][] } = { text: "", spans: [] };
  const standardise = createDialectReader((text, start, end) => {
    if (placesOf.text !== text)
      placesOf = {
        text,
        spans: findPlaces(gazetteer, text).map((p) => [p.index, p.index + p.matched.length]),
      };
    if (placesOf.spans.some(([s, e]) => s < end && start < e)) return true;
    return catalogueWrites(text, start, end);
  });
  const readDialect = dialect ? standardise : (text: string) => text;
  const byLength = (a: string, b: string) => b.length - a.length;
  const askCues = [...new Set(vocabulary.askCues.map(foldWidthAndCase))].sort(byLength);
  const askCuesIn = phraseCandidates(askCues, (c) => c);
  // Each conjunction with whether it is long enough to end a word on its own (see clausesOf).
  const clauseBreaks = [...new Set(vocabulary.clauseBreaks.map(foldWidthAndCase))]
    .sort(byLength)
    .map((b) => ({ b, long: [...b].length >= 3 }));
  const clauseBreaksIn = phraseCandidates(clauseBreaks, (c) => c.b);
  const talk = vocabulary.smallTalk;
  // A letter's closing wish (ご自愛ください), and whom it is addressed to (区役所の皆さんも).
  const wishPhrases = new Set(wellWishPhrases(talk?.wellWishes));
  const addressee = addresseePattern(talk?.wellWishes);
  // A closing promise of a later act of the writer's own (また分からない事があったら聞きます).
  const promises = createPromiseReader(talk?.promises);
  // Interjections (はい, いいえ) are not adjectives: only the other kinds get adjective forms.
  const talkPhrases = (talk?.kinds ?? [])
    .flatMap((k) =>
      k.phrases
        .flatMap((p) =>
          k.kind === "yes" || k.kind === "no"
            ? [foldWidthAndCase(p)]
            : adjectiveForms(foldWidthAndCase(p)).flatMap(requestForms).flatMap(humbleForms),
        )
        .map((p) => ({ phrase: p, kind: k.kind })),
    )
    // A letter's closing wish for the reader (お体 大切に) and its closing words (敬具, Kind
    // regards, したっけ): a farewell.
    .concat([...wishPhrases].map((p) => ({ phrase: p, kind: "farewell" as const })))
    .concat(
      (talk?.closings?.phrases ?? []).map((p) => ({
        phrase: foldWidthAndCase(p),
        kind: "farewell" as const,
      })),
    )
    // Greetings and thanks in the languages of foreign residents (a typed table of vocabulary).
    .concat(smallTalkLanguagePhrases())
    .sort((a, b) => byLength(a.phrase, b.phrase));
  const talkPhrasesIn = phraseCandidates(talkPhrases, (t) => t.phrase);
  const closingPhrases = new Set((talk?.closings?.phrases ?? []).map(foldWidthAndCase));
  const reasons = thanksReasons();
  const thanksObjectAfter = new Set(reasons.objectAfter);
  const thanksMarkers = new Set(reasons.markers);
  const english = vocabulary.english;
  const englishStop = new Set((english?.stopWords ?? []).map(foldWidthAndCase));
  // Residue words that carry nothing once small-talk phrases are gone: fillers, function words.
  const residue = [
    ...new Set(
      [
        ...(talk?.fillers ?? []).flatMap((f) => adjectiveForms(foldWidthAndCase(f))),
        ...wellWishObjects(talk?.wellWishes),
        ...vocabulary.stopWords,
        ...vocabulary.intentWords,
        ...(english?.stopWords ?? []),
        // Pronouns, "very", polite particles of residents' languages (你, 很, rất, 정말).
        ...smallTalkLanguageFillers(),
      ].map(foldWidthAndCase),
    ),
  ].sort(byLength);
  // Words that only stress thanks (本当に, very much, 정말, rất nhiều), longest first.
  const thanksFillers = [
    ...new Set(
      [...(talk?.fillers ?? []), ...(english?.stopWords ?? []), ...smallTalkLanguageFillers()].map(
        foldWidthAndCase,
      ),
    ),
  ].sort(byLength);
  // Latin residue words are removed as whole words; their patterns are compiled once, here,
  // not for every clause of every message.
  const residueRemovers = residue.map((r): ((text: string) => string) => {
    if (!/^[a-z]/.test(r)) return (text) => text.split(r).join(" ");
    // Whole Latin words, marked letters included: \b is ASCII-only and never ends a word at a
    // Vietnamese vowel with a mark (nhé, ạ, quá), which then stayed as a word of its own.
    const re = new RegExp(`(?<!${LATIN_LETTER})${escapeRegExp(r)}(?!${LATIN_LETTER})`, "gu");
    return (text) => text.replace(re, " ");
  });
  // Only the residue words a clause can hold are tried, in the same order: taking one out puts a
  // space in its place, so the words left to take out are among the text's candidates before.
  const residueIn = phraseCandidates(
    residue.map((phrase, i) => ({ phrase, remove: residueRemovers[i]! })),
    (r) => r.phrase,
  );
  // English phrases, longest first (「disaster prevention」 before 「disaster」).
  const englishPhrases = (english?.words ?? [])
    .flatMap((w) => w.en.map((e) => ({ words: foldWidthAndCase(e).split(/\s+/), ja: w.ja })))
    .sort((a, b) => b.words.length - a.words.length);
  const englishAsk = (english?.askCues ?? []).map(foldWidthAndCase);
  const englishWords = new Set(englishPhrases.flatMap((p) => p.words));
  // One-word English topics, for English words inside a romaji sentence (bousai no class).
  const englishOneWord = new Map(
    englishPhrases.filter((p) => p.words.length === 1).map((p) => [p.words[0]!, p.ja] as const),
  );
  /** An English word of the bilingual vocabulary as the catalogue's word, when it is one. */
  const englishWord = (word: string): string | undefined => englishOneWord.get(word);
  // Vietnamese sentences: English words (tour, visa, ok) do not make a sentence without marks Vietnamese.
  const vietnamese = createVietnameseReader(vocabulary, new Set([...englishWords, ...englishStop]));
  // Need cues (寂しい, 不安, 運動不足): a clause that says one describes a situation, never small talk.
  // Not a cue that only names a person (孫, ばあちゃん, 家族: 「孫も喜ぶと思います」 is a remark): who
  // the resident speaks of says no need; a need beside it is said with a need's predicate.
  const personCues = new Set(vocabulary.audiences.flatMap((a) => a.cues.map(foldWidthAndCase)));
  const needCues = vocabulary.needs
    .flatMap((n) => n.cues.map(foldWidthAndCase))
    .filter((cue) => !personCues.has(cue) && !PERSON_NOUN.test(cue))
    .flatMap(adjectiveStem);
  const needCuesIn = phraseCandidates(needCues, (cue) => cue);
  /** Whether a clause says a need cue (寂しい, 不安). */
  const saysNeed = (c: string) => needCuesIn(c).some((cue) => c.includes(cue));
  // Ask cues, intent and function words, longest first: what a clause that only asks is made of.
  // A detail asked of a program (いつ頃ですか, 参加費は？) is such a form too: the clause names
  // nothing of its own and asks about the thing the clause before it named.
  const questionForms = [
    ...new Set(
      [
        ...vocabulary.askCues,
        ...vocabulary.intentWords,
        ...vocabulary.stopWords,
        ...detailCuePhrases(vocabulary).map((c) => c.phrase),
      ].map(foldWidthAndCase),
    ),
  ].sort(byLength);
  const questionFormsIn = phraseCandidates(questionForms, (w) => w);
  // Function words written in kanji (私, 何, 場所, 熊本市), words that only say "a program" or
  // "a procedure" (取組, 事業, 手続き, 申請), and nouns that are about another thing (登録, 補助金,
  // 相談先): they name nothing asked about — 「犬を飼い始めた。登録の手続きは？」 asks to register the dog.
  const stopKanji = new Set(
    [
      ...vocabulary.stopWords,
      ...vocabulary.intentWords,
      ...vocabulary.genericWords,
      ...vocabulary.procedureWords,
      ...vocabulary.relationalNouns,
    ]
      .map(foldWidthAndCase)
      .filter((w) => /^[\u3400-\u9fff々]+$/u.test(w)),
  );
  // Audience words (子ども, 高齢者 and their cues): a part naming only one asks no need of its own.
  const audienceWords = [
    ...new Set(vocabulary.audiences.flatMap((a) => [a.audience, ...a.cues]).map(foldWidthAndCase)),
  ].sort(byLength);
  const audienceWordsIn = phraseCandidates(audienceWords, (w) => w);
  // Audience cues, read twice per message: a Latin cue matches a whole word (compiled once, tried
  // only on text with Latin letters); any other cue anywhere, tried only where its first two
  // characters are (phraseCandidates) rather than every cue of every audience on every text.
  const audienceCues = vocabulary.audiences.map((a) => {
    const cues = a.cues.map(foldWidthAndCase);
    return {
      audience: a.audience,
      latin: cues.filter((c) => /^[a-z]/.test(c)).map((c) => new RegExp(`\\b${escapeRegExp(c)}\\b`)),
      ageFrom: a.ageFrom,
    };
  });
  const audienceCuesIn = phraseCandidates(
    vocabulary.audiences.flatMap((a, i) =>
      a.cues
        .map(foldWidthAndCase)
        .filter((c) => !/^[a-z]/.test(c))
        .map((cue) => ({ cue, audience: i })),
    ),
    (c) => c.cue,
  );

  /**
   * A Latin word as kana when it is well-formed romaji (bousai → ぼうさい), else null. Inside a
   * romaji sentence (`strict`), a word with l, q, x or a c outside ch is English (salon, book):
   * Hepburn and kunrei never write them, though wanakana still makes small kana of them (さぉん).
   */
  function romajiWord(word: string, strict = false): string | null {
    const w = word.replace(/[āīūēōâôû]/g, (c) => MACRONS[c] ?? c);
    if (!isRomaji(w) || w.length < 2 || (strict && /[lqx]|c(?!h)|th/.test(w))) return null;
    const kana = romajiToHiragana(w);
    return /[a-z]/.test(kana) ? null : kana;
  }

  const bareWord = (t: string) => t.replace(/^[^a-z]+|[^a-z'-]+$/g, "");

  /** Counts a sentence's words that are only English and only romaji: which one the resident writes. */
  function latinVotes(words: string[]): { english: number; romaji: number } {
    let english = 0;
    let romaji = 0;
    for (let i = 0; i < words.length; i++) {
      const bare = bareWord(words[i]!);
      if (!bare) continue;
      const kana = romajiWord(bare);
      const phrase = englishPhrases.find((p) => p.words.every((w, k) => bareWord(words[i + k] ?? "") === w));
      if (phrase && (!kana || phrase.words.length > 1)) english += 1;
      else if (englishStop.has(bare) && !kana) english += 1;
      else if (kana && !phrase && !englishStop.has(bare)) romaji += 1;
      else if (!kana) english += 1;
    }
    return { english, romaji };
  }

  /**
   * A name written in Latin letters (Akitsu, Kengun, Asahiba): read as romaji, kept when it names
   * a place or a word of the catalogue. Any other name (Aussie, Sojo) could only match pieces of
   * unrelated words (あう, っしえ), so it is null, dropped like other words the catalogue does not know.
   */
  function nameWord(bare: string): string | null {
    const kana = romajiWord(bare);
    // A name the gazetteer holds whole is that place: in English it is no everyday word (黒髪
    // is also "black hair" in Japanese), so it is written framed as one (くろかみ あたり).
    const framed = kana && `${kana} ${PLACE_FRAME}`;
    const place = framed && findPlaces(gazetteer, framed).some((p) => p.index === 0 && p.matched === kana);
    const known = place
      ? framed
      : kana && (spelling(kana) ?? (findPlaces(gazetteer, kana).length > 0 ? kana : null));
    return known || (!kana ? (englishWord(bare) ?? null) : null);
  }

  /**
   * A Latin sentence made readable. English: ward names (Higashi ward → 東区), topic words
   * (disaster → 防災), function words dropped, other words read as romaji where they are
   * (Akitsu → あきつ). Romaji: the whole sentence in kana (bousai no kouza → ぼうさいのこうざ).
   */
  function readLatin(sentence: string, language: "en" | "romaji", names: ReadonlySet<string>): string {
    const text = sentence.replace(WARD_LATIN, (_, w: string) => ` ${WARD_ROMAJI[w]} `);
    // (An emoji's joiners and variation selectors are no word: 🙋‍♀️ leaves nothing. Words joined by
    // a slash are two words: young people/students.)
    const words = text.split(/\s+|(?<=[a-z])\/(?=[a-z])/).filter((t) => t.replace(SYMBOLS, "") !== "");
    const out: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const token = words[i]!;
      const bare = bareWord(token);
      if (!bare) {
        out.push(token.replace(SYMBOLS, ""));
        continue;
      }
      if (language === "romaji") {
        // Particles written as pronounced: wa → は, e → へ, o → を. Each word stays a word
        // (spaces kept, a hyphen parts Firipin-jin), so a long sentence is cut where the writer
        // cut it, as Japanese written with spaces is, instead of wherever the lexicon finds a word.
        for (const part of bare.split("-").filter(Boolean)) {
          const particle = { wa: "は", e: "へ", o: "を", wo: "を" }[part];
          const kana = particle ?? romajiWord(part, true);
          // As the catalogue writes it (nougyou → 農業, bosai → ぼうさい): whatever the long
          // vowels, and never cut by a conjunction inside a kana word (たいけん is not たい + けん).
          // An English word among them (center, food) is the loanword the catalogue writes.
          out.push(
            kana ? (particle ?? spelling(kana) ?? kana) : (englishWord(part) ?? loanword(part) ?? part),
          );
        }
        continue;
      }
      // A word before a place noun (Kumamoto station, Jonan town) may name one place with it, as
      // Japanese writes the noun after the name (熊本駅): the gazetteer holding the whole decides.
      const noun = PLACE_NOUNS[bareWord(words[i + 1] ?? "")];
      const named = noun && romajiWord(bare);
      if (
        named &&
        findPlaces(gazetteer, named + noun).some((p) => p.index === 0 && p.matched === named + noun)
      ) {
        out.push(`${named}${noun} ${PLACE_FRAME}`);
        i += 1;
        continue;
      }
      const hit = englishPhrases.find((p) => p.words.every((w, k) => bareWord(words[i + k] ?? "") === w));
      if (hit) {
        out.push(hit.ja);
        i += hit.words.length - 1;
      } else if (names.has(bare)) {
        const known = nameWord(bare);
        if (known) out.push(known);
      }
      // Other English words carry nothing the catalogue knows: dropped, so they neither match
      // by accident (line → ぃね) nor count as unmatched content.
    }
    return out.join(" ");
  }

  /**
   * A message with Chinese sentences, read: each Chinese sentence in the catalogue's words
   * (chinese.ts), with 「？」 when it asks; Japanese sentences beside them as Japanese. Chinese as
   * the language only when no sentence is Japanese. Null when no sentence is Chinese. A reading in
   * kana put in brackets after a word (兒童祭典（こどもまつり）) is the writer's gloss, not a sign of
   * Japanese: the sentence around it is judged and read without it, and the gloss is read as
   * the Japanese word it is, beside it.
   */
  function readChinese(raw: string): { text: string; language: MessageAnalysis["language"] } | null {
    if (!HAN_CHAR.test(raw)) return null;
    const sentences = raw.match(SENTENCE) ?? [raw];
    const bare = sentences.map((s) => s.replace(KANA_GLOSS, " "));
    if (bare.every((s) => KANA_CHAR.test(s))) return null;
    const reader = chinese();
    if (!reader) return null;
    // Beside a Chinese sentence, one without kana is Chinese too (「…有补助吗？北区」).
    const chineseAt = bare.map((s) => reader.isChinese(s));
    if (!chineseAt.includes(true)) return null;
    let read = 0;
    const parts = sentences.map((s, i) => {
      if (!chineseAt[i] && KANA_CHAR.test(bare[i]!)) return readDialect(s);
      read += 1;
      const r = reader.read(bare[i]!);
      const glosses = [...s.matchAll(KANA_GLOSS)].map((g) => readDialect(g[1]!.trim()));
      const text = [r.text, ...glosses].filter(Boolean).join(" ");
      return text ? text + (r.asks ? "？" : "。") : r.asks ? "？" : "";
    });
    return { text: parts.join(""), language: read === sentences.length ? "zh" : "ja" };
  }

  /** Japanese or Chinese text read (see {@link readChinese}). */
  function readHan(raw: string): { text: string; language: MessageAnalysis["language"] } {
    return readChinese(raw) ?? { text: readDialect(raw), language: "ja" };
  }

  /** The message in the script the engine reads, and the language it was written in. */
  function readable(raw: string, original: string): { text: string; language: MessageAnalysis["language"] } {
    const latin = (raw.match(LATIN_WORD) ?? []).join("").length;
    const japanese = (raw.match(JAPANESE_ALL) ?? []).length;
    if (latin === 0 || japanese === 0) return latin === 0 ? readHan(raw) : readLatinText(raw, original);
    // A message mixing scripts sentence by sentence (「北区的兒童祭典可以當志工嗎？ I want to help」,
    // 「…ありますか？ I want make Japanese friend.」): each run of sentences in one script is read by
    // that script's reader, so an English sentence is read as English beside a Japanese or Chinese
    // one. The language is the one most of the message is written in, as for a message in one script.
    const sentences = raw.match(SENTENCE) ?? [raw];
    const runs: { latin: boolean; text: string }[] = [];
    for (const s of sentences) {
      const l = (s.match(LATIN_WORD) ?? []).join("").length;
      const j = (s.match(JAPANESE_ALL) ?? []).length;
      const isLatin = l > j;
      const last = runs[runs.length - 1];
      // A sentence of neither (🙋, 1.) stays with the run before it.
      if (last && (last.latin === isLatin || (l === 0 && j === 0))) last.text += s;
      else runs.push({ latin: isLatin, text: s });
    }
    if (runs.length === 1) return japanese >= latin ? readHan(raw) : readLatinText(raw, original);
    const read = runs.map((r) => (r.latin ? readLatinText(r.text, original) : readHan(r.text)));
    const han = read.filter((_, i) => !runs[i]!.latin);
    const language =
      japanese >= latin
        ? han.some((r) => r.language === "ja")
          ? "ja"
          : "zh"
        : read.find((_, i) => runs[i]!.latin)!.language;
    return { text: read.map((r) => r.text).join(""), language };
  }

  /**
   * English or romaji text made readable (see {@link readLatin}), sentence by sentence; `original`
   * (the whole message before lower-casing) tells names by their capitals.
   */
  function readLatinText(
    raw: string,
    original: string,
  ): { text: string; language: MessageAnalysis["language"] } {
    const sentences = raw.match(SENTENCE) ?? [raw];
    // Names: capitalised inside a sentence (live in Akitsu) or written in capitals (LINE).
    const names = new Set<string>();
    for (const sentence of original.match(SENTENCE) ?? []) {
      sentence
        .split(/\s+/)
        .filter(Boolean)
        .forEach((w, i) => {
          const bare = w.replace(/^[^A-Za-z]+|[^A-Za-z'-]+$/g, "");
          if (englishStop.has(bare.toLowerCase())) return;
          if (
            (i > 0 && /^[A-Z]/.test(bare)) ||
            (bare.length > 1 && bare === bare.toUpperCase() && /[A-Z]/.test(bare))
          )
            names.add(bare.toLowerCase());
        });
    }
    // A Vietnamese sentence (a letter only Vietnamese writes, or its words typed without marks,
    // or a ward named as Vietnamese names one) is read by the Vietnamese reader; the others vote
    // between English and romaji. A sentence of greetings and thanks alone (cam on nhieu!) names
    // and asks nothing: it is left to the small-talk reading of Latin text, as every language's is.
    const vietnameseAt = sentences.map((s) => {
      if (!vietnamese.isVietnamese(s) && s.search(WARD_VIETNAMESE) < 0) return null;
      const r = vietnamese.read(
        s.replace(WARD_VIETNAMESE, (_, w: string) => ` ${WARD_ROMAJI[w]} `),
        (word) => (/[a-z]/.test(word) ? (names.has(bareWord(word)) ? nameWord(bareWord(word)) : null) : word),
      );
      return r.text || r.asks ? r : null;
    });
    const votes = sentences.filter((_, i) => !vietnameseAt[i]).map((s) => latinVotes(s.split(/\s+/)));
    const english = votes.reduce((n, v) => n + v.english, 0);
    const romaji = votes.reduce((n, v) => n + v.romaji, 0);
    const latinLanguage = english >= romaji ? "en" : "romaji";
    const vietnameseCount = vietnameseAt.filter(Boolean).length;
    const language = vietnameseCount * 2 > sentences.length ? "vi" : latinLanguage;
    // English is read clause by clause, as Japanese is: 「I'm a student at Kurokami, is there any
    // event for students?」 is context, then what is asked. A question mark marks only its own
    // clause; an ask cue (is there, i want, where …) marks the clause it is in.
    const text = sentences
      .flatMap((sentence, i) => {
        const vi = vietnameseAt[i];
        if (vi) return [vi.text ? vi.text + (vi.asks ? "？" : "。") : "？"];
        const clauses = latinLanguage === "en" ? joinConditions(sentence.split(ENGLISH_CLAUSE)) : [sentence];
        return clauses.map((s) => {
          const asksHere =
            /[?？]\s*$/u.test(s) || (latinLanguage === "en" && englishAsk.some((c) => ` ${s} `.includes(c)));
          const read = readLatin(s, latinLanguage, names).trim();
          // A clause that asks and names nothing the catalogue knows (Any support?) asks about
          // the clause before it: its question mark joins that clause.
          return read ? read + (asksHere ? "？" : "。") : asksHere ? "？" : "";
        });
      })
      .join("");
    return { text, language };
  }

  /** Sentences, then clauses inside them at conjunctions and at predicate endings before a space or 、. */
  function clausesOf(text: string): string[] {
    const out: string[] = [];
    const joined = text.includes("\n") ? text.replace(LINE_GOES_ON, " ") : text;
    for (const sentence of joined.match(SENTENCE) ?? []) {
      let cur = "";
      const pieces = sentence.split(/([\s、,]+)/);
      for (let i = 0; i < pieces.length; i++) {
        const piece = pieces[i]!;
        if (/^[\s、,]+$/.test(piece)) {
          // A sentence-final particle written apart (あります か？) ends the clause before it.
          // Nor does a polite auxiliary written apart (お尋ね いたします, ありがとう ございました):
          // the verb before it goes on. Nor a conditional before いい (したら いいですか).
          const next = pieces[i + 1] ?? "";
          const advice = cur.endsWith("たら") && ADVICE_AFTER_CONDITIONAL.test(next);
          if (
            PREDICATE_END.test(cur.replace(MARKS_AFTER_PREDICATE, "")) &&
            !FINAL_PARTICLE.test(next) &&
            !POLITE_AUXILIARY.test(next) &&
            !FORMAL_NOUN_APART.test(next) &&
            !advice
          ) {
            out.push(cur);
            cur = "";
          } else cur += piece.includes("、") || piece.includes(",") ? "、" : " ";
          continue;
        }
        cur += piece;
      }
      if (cur.trim()) out.push(cur);
    }
    // Conjunctions inside a clause (行けんごつなったけど…, 80歳やけん…).
    const split: string[] = [];
    for (const clause of out) {
      let rest = clause.trim();
      // The conjunctions the clause may hold; what is left of it after a cut holds no others.
      const breaks = clauseBreaksIn(rest);
      for (;;) {
        let cut = -1;
        for (const { b, long } of breaks) {
          const at = rest.indexOf(b);
          // Only between two parts that both say something, and only where the conjunction
          // ends a word: けん in けんこう is not 熊本弁 "because".
          if (at <= 1 || at + b.length >= rest.length - 1 || (cut >= 0 && at >= cut)) continue;
          // Nor before an auxiliary written apart (いるので しょうか, あるので すか): the
          // sentence ends there (のでしょうか), nothing follows that a conjunction would join.
          if (AUXILIARY_APART.test(rest.slice(at + b.length))) continue;
          if (long || !/[\u3041-\u309f]/u.test(rest[at + b.length] ?? "")) cut = at + b.length;
        }
        if (cut < 0) break;
        split.push(rest.slice(0, cut).replace(/[、,\s]+$/u, ""));
        rest = rest.slice(cut).replace(/^[、,\s]+/u, "");
      }
      if (rest) split.push(rest);
    }
    return split.map((c) => c.trim()).filter((c) => c !== "");
  }

  /**
   * Whether a clause asks: a question mark, a sentence-final か, an ask cue, or a wish — any verb
   * in its 〜たい form (申し込みたい, 習いたか), whatever the verb. `particlesEndWords`: a cue made
   * of final particles (かな, のか) asks only where no word goes on after it (not 乾かない,
   * 手のかじかむ) — how a remark beside small talk is read; the asked part is chosen as before.
   */
  function asks(clause: string, particlesEndWords = false): boolean {
    // A question quoted (母が「どこに逃げればいいの？」と心配して) is someone's words, not the resident's.
    const bare = clause.replace(QUOTED, " ").replace(/[\s。．.！!]+$/u, "");
    if (/[?？]$/u.test(bare)) return true;
    if (/(か|かね|かな|かなあ|かの)$/u.test(bare)) return true;
    if (WISH.test(bare)) return true;
    return askCuesIn(bare).some((c) => cueIn(bare, c, particlesEndWords));
  }

  /**
   * A clause without what its thanks (at `f`) is for: what follows a word that introduces it
   * (for, por, atas, vì) or a Chinese thanks (谢谢你的帮助), and what precedes a Japanese or
   * Korean thanks in a conjunctive form (教えてくれて, 対応いただき, 도와주셔서).
   */
  function withoutThanksReason(rest: string, f: { at: number; phrase: string }): string {
    const end = f.at + f.phrase.length;
    let out = rest;
    // After the thanks: a question there (thanks for that, is there …?) is still a question.
    const after = out.slice(end);
    const from = thanksObjectAfter.has(f.phrase) ? 0 : reasonMarkerAt(after);
    if (from >= 0 && !/[?？]/u.test(after) && !englishAsk.some((c) => ` ${after} `.includes(c)))
      out = out.slice(0, end + from) + " ".repeat(out.length - end - from);
    // Before it, once the words that only stress it are set aside (教えてくれて本当に, 정말).
    let before = out.slice(0, f.at).trimEnd();
    for (let cut = true; cut;) {
      cut = false;
      for (const w of thanksFillers)
        if (before.endsWith(w) && before.length > w.length) {
          before = before.slice(0, -w.length).trimEnd();
          cut = true;
        }
    }
    if (REASON_BEFORE_THANKS.test(before)) out = " ".repeat(f.at) + out.slice(f.at);
    return out;
  }

  /**
   * Where a word that introduces what thanks is for (for, vì, atas) starts in the text after a
   * thanks, with only fillers before it (Cảm ơn bạn rất nhiều vì …), or -1.
   */
  function reasonMarkerAt(after: string): number {
    const words = [...after.matchAll(/\S+/gu)];
    for (const w of words) {
      if (thanksMarkers.has(w[0])) return w.index;
      if (!thanksFillers.includes(w[0])) return -1;
    }
    return -1;
  }

  /**
   * The kind of small talk a clause is, or null when anything else is left in it — unless
   * `saidOfThings` (the clause is a statement that asks and needs nothing): then the nouns left
   * are what the small talk is said of (店も暇たい), but not an object (防災の講座を).
   */
  function smallTalkOf(written: string, strictLatin = false, saidOfThings = false): SmallTalk | null {
    const clause = written.replace(JAPANESE_SPACE, "");
    let rest = clause.toLowerCase();
    if (ONLY_SYMBOLS.test(rest)) return rest.trim() === "" ? null : "emoji";
    // A prayer for the reader (風邪など ひかれませんように, よいお年を迎えられますように): a wish.
    // (どうか and どうぞ there are "please", not どう "how"; かどうか "whether" still asks.)
    if (
      PRAYER.test(rest.replace(TRAILING, "")) &&
      !asks(clause.replace(PLEASE, ""), true) &&
      !QUESTION_WORD.test(clause.replace(PLEASE, ""))
    )
      return "farewell";
    // A promise to ask, contact or visit again later, naming nothing asked: a farewell.
    if (promises.isPromise(written)) return "farewell";
    const found: { at: number; phrase: string; kind: SmallTalk }[] = [];
    // Candidates by the clause as it is now: taking phrases out only puts spaces in.
    const scan = (skip: ReadonlySet<string>) => {
      for (const t of talkPhrasesIn(`${rest} `)) {
        if (skip.has(t.phrase)) continue;
        for (let at = rest.indexOf(t.phrase); at >= 0; at = rest.indexOf(t.phrase, at)) {
          // Latin phrases match whole words only (hi is not in hiking).
          if (/^[a-z]/.test(t.phrase) && !latinWordAt(rest, at, t.phrase.length)) break;
          // An interjection (はい, いいえ) starts what it answers: after a word's kana it is a
          // particle and a word (次回はいつ: は + いつ).
          if ((t.kind === "yes" || t.kind === "no") && JAPANESE_WORD_END.test(rest.slice(0, at))) {
            at += 1;
            continue;
          }
          // A one-kanji phrase (風, 雨, 雪) before kana other than a particle or an ending is the
          // first kanji of another word written half in kana (風しん, 雨どい): no weather.
          if (ONE_KANJI.test(t.phrase) && !AFTER_ONE_KANJI_WORD.test(rest.slice(at + 1))) {
            at += 1;
            continue;
          }
          found.push({ at, phrase: t.phrase, kind: t.kind });
          rest = rest.slice(0, at) + " ".repeat(t.phrase.length) + rest.slice(at + t.phrase.length);
        }
      }
    };
    scan(NO_PHRASES);
    // A Japanese wish is the clause's predicate: one that more words follow (むりしないで できる
    // たいそう, 元気です) says how to do them, and the clause is read again without it as a wish.
    // (English puts the object after the wish: take care of yourself.)
    const notPredicates = new Set(
      found
        .filter(
          (f) =>
            wishPhrases.has(f.phrase) &&
            !/^[a-z]/u.test(f.phrase) &&
            rest
              .slice(f.at + f.phrase.length)
              .replace(/ませ/gu, " ")
              .replace(TRAILING, "")
              .trim() !== "",
        )
        .map((f) => f.phrase),
    );
    if (notPredicates.size > 0) {
      rest = clause.toLowerCase();
      found.length = 0;
      scan(notPredicates);
    }
    if (found.length === 0) return null;
    // Before a wish, whom it is for (皆様も, 区役所の皆さんも) and what to beware of (熱中症に
    // 気をつけて) name no thing asked for.
    const wishes = found.filter((f) => wishPhrases.has(f.phrase) || closingPhrases.has(f.phrase));
    if (wishes.length > 0) rest = withoutWishParts(rest, wishes, addressee);
    // A statement's object left beside the phrases (防災の講座を): what it is about.
    if (saidOfThings && OBJECT.test(rest)) return null;
    // What a clause that asks nothing thanks for is no question (Thanks for your help yesterday,
    // 昨日は教えてくれてありがとう): the reason is left out with the thanks.
    // Whether the clause asks is read without that reason (教えてくれて is no request).
    let reasonless = rest;
    // A closing (感謝を込めて, Regards) may follow whom it is from, as thanks does (黒髪より).
    for (const f of found)
      if (f.kind === "thanks" || closingPhrases.has(f.phrase))
        reasonless = withoutThanksReason(reasonless, f);
    let asking = asks(clause);
    if (reasonless !== rest && reasonless.length === clause.length) {
      const spoken = [...clause].map((c, i) => (reasonless[i] === " " && rest[i] !== " " ? " " : c)).join("");
      asking = asks(spoken);
      if (!asking) rest = reasonless;
    }
    rest = rest.replace(SYMBOLS, " ");
    for (const r of residueIn(`${rest} `)) rest = r.remove(rest);
    // A Latin word the bilingual vocabulary does not know, in a clause that asks nothing, is a
    // particle or a filler of the writer's language (Thank you po!, arigatou ne): it names no topic.
    // (`strictLatin`: a clause read as romaji keeps all but particles of two letters, po, ne: the
    // others may be Japanese words.)
    if (!asking)
      rest = rest.replace(LATIN_WORD, (w) =>
        englishWords.has(w) || (strictLatin && w.length > 2) ? w : " ",
      );
    // What is left may be a few kana (particles: 雨が), or — when the clause asks nothing — a bare
    // verb form (また今度 聞きます): one kanji and its kana ending name no topic. A noun (two
    // kanji, katakana, a Latin word) or a longer kana word (ぼうさい) is a question's subject.
    const left = rest.split(/\s+/).filter(Boolean);
    const kanaOnly = (t: string) => /^[\u3041-\u309f]+$/u.test(t);
    const kana = left.filter(kanaOnly).join("");
    const forms = left.filter((t) => !kanaOnly(t));
    // (`saidOfThings`: the clause is a statement that says no need, so the nouns left are what
    // its small talk is said of: 店も暇たい.)
    if (!saidOfThings && kana.length > 2) return null;
    if (!saidOfThings && forms.length > 0 && (asking || !forms.every((t) => VERB_FORM.test(t)))) return null;
    // A greeting word beside thanks (どうも ありがとう, よろしく…ありがとう) is part of the thanks.
    if (found.some((f) => f.kind === "thanks")) return "thanks";
    return found.sort((a, b) => a.at - b.at)[0]!.kind;
  }

  /**
   * A clause with its small-talk phrases left out as spaces: an adjective's 熊本弁 か (ぬっかなあ,
   * 暑かね) is its ending, not a question's か.
   */
  function withoutTalkPhrases(clause: string): string {
    let rest = clause.toLowerCase();
    for (const t of talkPhrasesIn(`${rest} `))
      if (!/^[a-z]/.test(t.phrase)) rest = rest.split(t.phrase).join(" ".repeat(t.phrase.length));
    return rest;
  }

  /**
   * Whether a clause names no thing of its own, only predicates: kanji compounds used as verbs
   * (登録したい, 再発行できますか), one-kanji verb and adjective stems (聞きたか, 高か), kana.
   * A noun is a katakana or Latin word, a kanji compound that is not a verb, or one kanji before a
   * particle — neither a function word (私, 何) nor a counter after a number (80歳). A clause
   * all in kana (となりの ひとと ともだちに なりたい) holds nouns this cannot tell: it names them.
   */
  function namesNothing(clause: string): boolean {
    // Only a question form (どうする？, 何がありますか): nothing named at all.
    let bare = clause;
    for (const w of questionFormsIn(`${clause} `)) bare = bare.split(w).join(" ");
    if (ONLY_SYMBOLS.test(bare)) return true;
    if (/[\u30a1-\u30fa][\u30a1-\u30fc]|[a-z]{2}/u.test(clause)) return false;
    let kanji = 0;
    for (const m of clause.matchAll(/[\u3400-\u9fff々]+/gu)) {
      const run = m[0];
      const at = m.index;
      const next = clause.slice(at + run.length);
      kanji += 1;
      if (/\d$/u.test(clause.slice(0, at)) || stopKanji.has(run)) continue;
      if ([...run].length >= 2 ? !SURU.test(next) : NOUN_END.test(next)) return false;
    }
    return kanji > 0;
  }

  /**
   * The different things the asked clauses ask for, in order (「子どもの遊び場と、親の健康づくりの
   * 催し」 → two): split where a clause joins needs (NEED_JOIN), and where a later asking clause
   * starts with それと/あと/ついでに. Any other later clause goes on with the need before it (a
   * reason, a detail: 「…したい。費用の補助はありますか」). A part that names nothing
   * (「両方知りたい」) or only who it is for belongs to the part before it. One entry, the whole
   * asked part, when it asks one thing.
   */
  function needsOf(asked: string[], whole: string): string[] {
    const both = BOTH.test(whole);
    const parts: string[] = [];
    for (const clause of asked) {
      const pieces = splitNeeds(clause, both);
      // A clause goes on with the need before it (its first piece does), unless it adds one.
      const goesOn = parts.length > 0 && !ADDS_NEED.test(clause);
      pieces.forEach((piece, i) => {
        const text = piece
          .replace(ADDS_NEED, "")
          .replace(ITEM_LEAD, "")
          .replace(/\s{2,}/gu, " ")
          .trim();
        if (parts.length > 0 && ((i === 0 && goesOn) || !namesNeed(text)))
          parts[parts.length - 1] += ` ${text}`;
        else if (text) parts.push(text);
      });
    }
    // A first part that names nothing of its own goes with the second.
    if (parts.length > 1 && !namesNeed(parts[0]!)) parts.splice(0, 2, `${parts[0]} ${parts[1]}`);
    if (parts.length < 2) return [asked.join(" ")];
    const kept = parts.slice(0, MAX_NEEDS - 1);
    if (parts.length > MAX_NEEDS - 1) kept.push(parts.slice(MAX_NEEDS - 1).join(" "));
    return kept;
  }

  /** One clause cut where it joins needs. */
  function splitNeeds(clause: string, both: boolean): string[] {
    const cut = clause.replace(NEED_JOIN, "\u0000");
    // A list says where its items begin: a と or や inside one (子や孫に伝える会) joins no needs.
    const cutAgain = both && !ENUMERATION.test(clause) ? cut.replace(NOUN_AND_NOUN, "\u0000") : cut;
    return cutAgain
      .split("\u0000")
      .map((p) => p.replace(/^[、,\s]+|[、,\s]+$/gu, ""))
      .filter((p) => p !== "");
  }

  /** A part of a clause that names a thing of its own, not only who it is for (子ども) or a verb. */
  function namesNeed(part: string): boolean {
    let rest = part;
    for (const a of audienceWordsIn(`${part} `)) rest = rest.split(a).join(" ");
    if (!namesNothing(rest)) return true;
    // A thing done is a need too (料理できる体験, 運動したい), unless the verb only says how one
    // asks or takes part (参加できる, 相談したい, 申請する).
    return [...rest.matchAll(VERBAL_NOUN)].some((m) => !stopKanji.has(m[0]) && !ASKING_VERB.test(m[0]));
  }

  /**
   * Whether a cue occurs in `text` naming people, not a process: 〜化 makes a change of a noun
   * (会員の高齢化, 国際化, 少子化), which describes a group's situation, not who writes.
   */
  function namesPerson(text: string, cue: string): boolean {
    for (let at = text.indexOf(cue); at >= 0; at = text.indexOf(cue, at + 1))
      if (text[at + cue.length] !== "化") return true;
    return false;
  }

  function audiencesOf(text: string): string[] {
    const lower = text.toLowerCase();
    const named = new Set<number>();
    for (const c of audienceCuesIn(lower))
      if (!named.has(c.audience) && namesPerson(lower, c.cue)) named.add(c.audience);
    const latin = /[a-z]/.test(lower);
    // Ages said (80歳, 70代: the upper half of the decade), read once for every audience.
    const ages = /\d/.test(lower)
      ? [...lower.matchAll(/(\d{2,3})\s*(歳|才|代)/gu)].map((m) => Number(m[1]) + (m[2] === "代" ? 5 : 0))
      : [];
    const out: string[] = [];
    audienceCues.forEach((a, i) => {
      const byCue = named.has(i) || (latin && a.latin.some((re) => re.test(lower)));
      const byAge = a.ageFrom !== undefined && ages.some((n) => n >= a.ageFrom!);
      if (byCue || byAge) out.push(a.audience);
    });
    return out;
  }

  // Beside small talk, a clause that asks nothing, names no thing and says no need is only a
  // remark about the conversation itself (すみません、まちがえて送りました; ありがとう。また使います).
  // A condition before another clause (また 何か ありましたら / お尋ね いたします) asks nothing.
  // A clause that names things is a remark too when it only says something of them — the
  // weather, oneself, the bot (東京から来たばかりなので心強いです, はじめて つかいます): it ends in a
  // predicate and says no need (no trouble, want, lack, intention, hope) and asks nothing.
  // A condition on an indefinite thing (困ったことがあったら / また相談します) names nothing either.
  const remark = (c: string, more: boolean) =>
    (more && promises.isCondition(c)) ||
    promises.isPlan(c) ||
    reportsNews(c) ||
    ((!asks(c, true) || (more && CONDITIONAL_END.test(c) && !QUESTION_WORD.test(c))) &&
      (namesNothing(c) || statesOnly(c)) &&
      !saysNeed(c));
  /**
   * News of the writer's own, told in the past (先日 教えていただいた 講座に 参加しました, 畑で
   * 大根ば 収穫したとよ, 片付けが やっと 終わりました): what happened is done, so the words it names —
   * a request's verb inside a modifier (教えていただいた), a situation's word (片付け) — ask for
   * nothing. Not a question (？, a question word), a need's predicate (困っていました, 探していました)
   * or a hope or wish said in the past (行きたかった, あればよかった).
   */
  function reportsNews(clause: string): boolean {
    const c = clause.replace(JAPANESE_SPACE, "");
    return (
      PAST_END.test(c.replace(TRAILING, "")) &&
      !/[?？]/u.test(c) &&
      !QUESTION_WORD.test(c) &&
      !NEED_PREDICATE.test(c) &&
      !HOPE.test(c) &&
      !WISH.test(c)
    );
  }
  /** A clause that says something and no need: it ends in a predicate and holds no need's predicate. */
  function statesOnly(clause: string): boolean {
    const c = clause.replace(JAPANESE_SPACE, "");
    return (
      (STATEMENT_END.test(c.replace(TRAILING, "")) || ASSERTION_END.test(c)) &&
      (!OBJECT.test(c) || PAST_END.test(c.replace(TRAILING, ""))) &&
      !NEED_PREDICATE.test(c) &&
      !HOPE.test(c) &&
      !WISH.test(c) &&
      !QUESTION_WORD.test(c)
    );
  }
  /**
   * The kind of small talk a clause is when it says it of a thing of its own (店も暇たい: 暇 of
   * the shop; 今日はよう降るね), asking nothing and saying no need; else null.
   */
  const talkInStatement = (c: string): SmallTalk | null =>
    !asks(withoutTalkPhrases(c), true) && statesOnly(c) && !saysNeed(c) ? smallTalkOf(c, false, true) : null;
  /**
   * The small talk clauses of these small-talk kinds are as a whole — the first kind that is not
   * an emoji, else the emoji — or null when a clause asks or says a need.
   */
  const talkOf = (cs: string[], kinds: (SmallTalk | null)[]): SmallTalk | null => {
    // An act after an indefinite condition (何かありましたら / お伺いします) is a promise too.
    const all = kinds.map(
      (k, i) =>
        k ??
        talkInStatement(cs[i]!) ??
        (i > 0 && promises.isCondition(cs[i - 1]!) && promises.isPromise(cs[i]!, true) ? "farewell" : null) ??
        (i > 0 && i === cs.length - 1 && SENDER.test(cs[i]!.replace(JAPANESE_SPACE, "")) ? "farewell" : null),
    );
    if (!all.some((k) => k !== null)) return null;
    if (!cs.every((c, i) => all[i] !== null || remark(c, i < cs.length - 1))) return null;
    return all.find((k) => k !== null && k !== "emoji") ?? all.find((k) => k !== null)!;
  };
  /**
   * Whether a message's last clause is a line of a few words that only names (こもれび食堂 山下,
   * ひまわり会 田中): no predicate, particle of an object, question, need or hope — what a sign-off
   * after small talk is, and a terse search too (防災 補助金), which the decision tells apart.
   */
  const bareLine = (clause: string): boolean => {
    const line = clause.replace(TRAILING_MARKS, "").trim();
    const words = line.split(/[\s\u3000]+/u).filter(Boolean);
    return (
      words.length > 0 &&
      words.length <= MAX_SIGN_OFF_WORDS &&
      words.every((w) => NAME_WORD.test(w)) &&
      !asks(line, true) &&
      !QUESTION_WORD.test(line) &&
      !STATEMENT_END.test(line) &&
      !saysNeed(line)
    );
  };
  /** Whether clauses of these small-talk kinds are small talk as a whole. */
  const isTalk = (cs: string[], kinds: (SmallTalk | null)[]) => talkOf(cs, kinds) !== null;

  /**
   * Everything read from a message's clauses: small talk, the asked part and its context, the
   * ward or place (from `places`, found once per message), who it is about.
   */
  function fromClauses(
    message: Pick<MessageAnalysis, "text" | "readable" | "language">,
    raw: string,
    clauses: string[],
    talkClauses: string[],
    places: PlaceMatch[],
  ): MessageAnalysis {
    const read = { text: message.readable, language: message.language };
    const talkKinds = talkClauses.map((c) => smallTalkOf(c));
    const smallTalk = talkOf(talkClauses, talkKinds);
    const signOff =
      smallTalk === null && talkClauses.length > 1 && bareLine(talkClauses[talkClauses.length - 1]!)
        ? talkOf(talkClauses.slice(0, -1), talkKinds.slice(0, -1))
        : null;
    // The asking part: clauses that ask, but never a small-talk clause (ありがとう。… 元気ですか).
    // (The clauses' small-talk kinds are known already when small talk was judged on them.)
    const content = clauses.filter(
      (c, i) => (talkClauses === clauses ? talkKinds[i] : smallTalkOf(c)) === null && !ONLY_SYMBOLS.test(c),
    );
    // A message that asks nothing outright says what it wants as a hope, when it does
    // (交流できたらいいなと話しています): a weaker ask, so only when no clause asks outright.
    // One that does neither (a situation: 周りに知り合いがいない) is all asked.
    let asking = content.filter((c) => asks(c));
    if (asking.length === 0) asking = content.filter((c) => HOPE.test(c));
    const head = read.language === "ja" ? (asking[asking.length - 1] ?? "") : "";
    // An asking clause that names nothing itself (登録したい, どこに相談すれば) asks about what the
    // clause before it named (子犬を飼い始めたので…): that clause is part of what is asked.
    if (read.language === "ja")
      for (const c of [...asking]) {
        const i = content.indexOf(c);
        const before = content[i - 1];
        if (before !== undefined && !asking.includes(before) && namesNothing(c)) asking.push(before);
      }
    // An asking clause that refers back to a kind of thing (そういう仕組み, そんな集まり) asks about
    // what the clauses before it said: the nearest one that names something, and those between.
    for (const c of [...asking]) {
      if (!refersBack(c)) continue;
      for (let j = content.indexOf(c) - 1; j >= 0; j--) {
        const prev = content[j]!;
        if (!asking.includes(prev)) asking.push(prev);
        if (!namesNothing(prev)) break;
      }
    }
    // A later sentence that adds a need (「それと、区民まつりの日程も」) asks too, though it ends
    // without a question: it continues one.
    if (read.language === "ja" && asking.length > 0)
      for (const c of content.slice(content.indexOf(asking[0]!) + 1))
        if (!asking.includes(c) && ADDS_NEED.test(c) && namesNeed(c.replace(ADDS_NEED, ""))) asking.push(c);
    asking.sort((x, y) => content.indexOf(x) - content.indexOf(y));
    const asked = asking.length > 0 ? asking : content;
    const context = content.filter((c) => !asked.includes(c));
    const needs = read.language === "ja" ? needsOf(asked, read.text) : [asked.join(" ")];

    // The bot's place lookup reads the same way (gazetteer.ts): a ward named outright, else the
    // wards the places named lie in — one, or several for a name like 島崎 (中央区, 西区).
    const where = wardsOfPlaces(places);
    let ward: Ward | null = null;
    let wardSource: MessageAnalysis["wardSource"] = null;
    let place: string | null = null;
    let placeWards: Ward[] = [];
    if (where?.via === "ward") [ward, wardSource] = [where.ward, "query"];
    else if (where?.ward) [ward, wardSource, place] = [where.ward, "place", where.place];
    else if (where) [placeWards, place] = [where.wards, where.place];
    const placeWardLeads = where?.leads ?? false;
    const audiences = audiencesOf(`${raw} ${read.text}`);
    // Audiences only the context names (「80歳です」 before the question) add to the search;
    // those the asked part names are in its words already.
    const askedAudiences = new Set(audiencesOf(asked.join(" ")));
    const contextAudiences = audiences.filter((a) => !askedAudiences.has(a));
    // The script only hints who writes (English, romaji → 外国人): a hint for the ranking, never
    // the subject of a message whose own words the catalogue does not know (residence card).
    if (read.language !== "ja" && !contextAudiences.includes("外国人")) contextAudiences.push("外国人");

    return {
      text: message.text,
      readable: message.readable,
      language: message.language,
      clauses,
      asked: asked.join(" "),
      needs,
      context,
      ward,
      wardSource,
      place,
      placeWards,
      placeWardLeads,
      audiences,
      contextAudiences,
      smallTalk,
      signOff,
      head,
      places,
    };
  }

  const read = (text: string): MessageAnalysis => {
    const original = text.normalize("NFKC").trim();
    const raw = original.toLowerCase();
    const r = readable(raw, original);
    const clauses = clausesOf(r.text);
    // Small talk is judged on what the resident wrote (thank you, 👍, 谢谢), clause by clause.
    let talkClauses =
      r.language === "en" || r.language === "zh"
        ? clausesOf(raw)
        : r.language === "vi"
          ? clausesOf(raw)
          : clauses;
    // Latin words that happen to be well-formed romaji (obrigado, salamat po) are read as kana:
    // as written, they may be thanks in the writer's language, when nothing else is left.
    if (
      r.language === "romaji" &&
      !isTalk(
        talkClauses,
        talkClauses.map((c) => smallTalkOf(c)),
      )
    ) {
      const written = clausesOf(raw);
      const writtenKinds = written.map((c) => smallTalkOf(c, true));
      if (isTalk(written, writtenKinds)) talkClauses = written;
      // A message may mix both, clause by clause (cam on nhieu! arigatou gozaimasu): each clause
      // read either way, when the two readings cut the message alike.
      else if (written.length === talkClauses.length) {
        const asRead = talkClauses.map((c) => smallTalkOf(c));
        if (asRead.every((k, i) => k !== null || writtenKinds[i] !== null))
          talkClauses = talkClauses.map((c, i) => (asRead[i] !== null ? c : written[i]!));
      }
    }
    // The one place lookup of the message: its parts (clauses, the question) filter these.
    const places = findPlaces(gazetteer, r.text);
    return fromClauses({ text, readable: r.text, language: r.language }, raw, clauses, talkClauses, places);
  };
  const part = (of: MessageAnalysis, text: string, clauses: readonly string[]): MessageAnalysis => {
    const readable = clauses.join(" ");
    const kept = [...clauses];
    return fromClauses(
      { text, readable, language: of.language },
      readable,
      kept,
      kept,
      placesWithin(of.places, readable),
    );
  };
  return Object.assign(read, { part });
}

/** One-off analysis (the engine and the bot keep a {@link createMessageReader} instead). */
export function analyseMessage(text: string, vocabulary: Vocabulary, gazetteer: Gazetteer): MessageAnalysis {
  return createMessageReader(vocabulary, gazetteer)(text);
}

/**
 * An adjective in its dictionary form (暑い, ぬくい, ひどい) with the forms residents write: 熊本弁
 * 〜か (暑か, ひどか; ぬくい → ぬっか), and the standard 〜く/〜くて/〜かった. Other phrases as given.
 */
export function adjectiveForms(phrase: string): string[] {
  const chars = [...phrase];
  const stem = chars.slice(0, -1).join("");
  const adjective =
    chars.length >= 2 &&
    phrase.endsWith("い") &&
    /[\u3041-\u309f\u3400-\u9fff]$/u.test(stem) &&
    (/[\u3400-\u9fff]/u.test(stem) || [...stem].length >= 2);
  if (!adjective) return [phrase];
  const forms = [phrase, `${stem}か`, `${stem}かった`, `${stem}くて`, `${stem}く`];
  // 熊本弁 and western Japanese say 〜く before なる as 〜う (涼しゅうなった, 寒うなった): a し stem
  // takes ゅう, a kanji stem う (a kana stem's う would be read inside other words).
  if (stem.endsWith("し")) forms.push(`${stem}ゅう`);
  else if (/[\u3400-\u9fff]$/u.test(stem)) forms.push(`${stem}う`);
  // 熊本弁 doubles a stem's last く: ぬくい → ぬっか, たかい → たっか.
  const last = [...stem].pop()!;
  if (/[くか]/u.test(last) && [...stem].length >= 2) forms.push(`${[...stem].slice(0, -1).join("")}っか`);
  return forms;
}

/**
 * A wish for the other person in its te-form (気をつけて) with the forms residents write: polite
 * 〜てください, 〜てね, and the imperative of a verb whose stem ends the te-form (気をつけ): 〜なさい
 * and 熊本弁 〜なっせ, 〜なはい. Other phrases as given.
 */
export function requestForms(phrase: string): string[] {
  const chars = [...phrase];
  if (chars.length < 3 || !/[てで]$/u.test(phrase)) return [phrase];
  const forms = [phrase, `${phrase}ね`, `${phrase}ください`, `${phrase}くださいね`, `${phrase}はいよ`];
  // A negative te-form (無理しないで, 無理せんで) has no imperative of its own.
  if (phrase.endsWith("で")) return forms;
  const stem = chars.slice(0, -1).join("");
  // An ichidan verb's stem (気をつけ, 休め) ends in an い/え-row kana: its imperative follows it.
  if (/[いきしちにひみりえけせてねへめれげぜでべ]$/u.test(stem))
    forms.push(`${stem}なさい`, `${stem}なっせ`, `${stem}なはい`);
  return forms;
}

/**
 * A set phrase in する (失礼します, 承知しました, 感謝します) with its humble form in いたす
 * (失礼いたします, 承知いたしました), the form of polite letters and of older residents, and
 * お〜申し上げます for one in お〜します (よろしくお願い申し上げます).
 */
export function humbleForms(phrase: string): string[] {
  const m = /^(.+?)(します|しました)$/u.exec(phrase);
  if (!m || [...m[1]!].length < 2) return [phrase];
  const forms = [phrase, `${m[1]}いた${m[2]}`];
  // After お or ご and a noun (よろしくお願い, ご挨拶), also the most humble お〜申し上げる of letters.
  if (/[おご][\u3400-\u9fff]+[\u3041-\u309f]?$/u.test(m[1]!))
    forms.push(`${m[1]}${m[2] === "します" ? "申し上げます" : "申し上げました"}`);
  return forms;
}

/**
 * The phrases of a letter's closing wish (大切に, 気をつけてください, ご自愛ください): a wish in て
 * takes its request forms, one in に (大切に) the verbs it is said with (大切にしてください,
 * 大切になさって, 大切にね). Whose health it wishes (お体を, 体に) is read apart:
 * {@link wellWishObjects}.
 */
export function wellWishPhrases(w: { wishes: string[] } | undefined): string[] {
  if (!w) return [];
  const forms = w.wishes
    .map(foldWidthAndCase)
    .flatMap((wish) =>
      wish.endsWith("に")
        ? [wish, ...["して", "なさって", "なさい", "ね"].flatMap((v) => requestForms(`${wish}${v}`))]
        : [...requestForms(wish), ...negativeRequestForms(wish)],
    );
  return [...new Set(forms)];
}

/**
 * A wish not to do a thing (無理しないで: "don't overdo it") in the negative requests residents
 * write: 熊本弁 〜せんで(ね) and 〜しなはんな, plain 〜すんな and 〜しなさんな, written 〜せずに and
 * 〜しないように. Only a する verb's negative te-form (〜しないで, むりしないで) has them.
 */
export function negativeRequestForms(wish: string): string[] {
  const m = /^(.+)しないで$/u.exec(wish);
  if (!m) return [];
  const x = m[1]!;
  return [
    ...requestForms(`${x}せんで`),
    `${x}せずに`,
    `${x}しなはんな`,
    `${x}しなさんな`,
    `${x}すんな`,
    `${x}しないように`,
    `${x}せんごつ`,
  ];
}

/**
 * Whose health a closing wish is for, with the particle before the wish (お体を, 体に, ご自身も):
 * nothing else once the wish is read, so they are left out with the fillers.
 */
export function wellWishObjects(w: { objects: string[] } | undefined): string[] {
  if (!w) return [];
  return w.objects.map(foldWidthAndCase).flatMap((o) => WISH_PARTICLES.map((particle) => `${o}${particle}`));
}

/**
 * Whom a wish is addressed to, as a pattern: an addressee (皆様, 職員, あなた) after a noun and の
 * or not (区役所の皆さん), and the particle after it (も, は, に, にも). Null without addressees.
 */
function addresseePattern(w: { addressees?: string[] } | undefined): RegExp | null {
  const words = (w?.addressees ?? []).map(foldWidthAndCase).sort((a, b) => b.length - a.length);
  if (words.length === 0) return null;
  const word = "[\\u3041-\\u309f\\u30a1-\\u30fc\\u3400-\\u9fff々a-z]";
  const japanese = words.filter((a) => !/^[a-z]/u.test(a)).map(escapeRegExp);
  // English puts the addressee after the wish, with "to" before it and where they are after it
  // (all the best to everyone at the ward office).
  const english = words.filter((a) => /^[a-z]/u.test(a)).map(escapeRegExp);
  const alternatives = [
    `(?<!${word})(?:${word}+の)?(?:${japanese.join("|")})(?:にも|には|へも|も|は|に|へ)?(?![\\u3400-\\u9fff々])`,
  ];
  if (english.length > 0)
    alternatives.push(
      `(?<![a-z])(?:to\\s+)?(?:${english.join("|")})(?:\\s+(?:at|in|of|from)\\s+(?:the\\s+)?[a-z]+(?:\\s+[a-z]+)?)?(?![a-z])`,
    );
  return new RegExp(alternatives.join("|"), "gu");
}

/** A wish to beware of something (気をつけて, きをつけて, お気を付けて): it takes what with に. */
const BEWARE = /^(?:お|ご)?(?:気を|気ぃ|きを)(?:つけ|付け)/u;
/** What a wish to beware of names before it: a noun and に (熱中症に, 車には, 風邪などにも). */
const BEWARE_OF = /[\u3041-\u309f\u30a1-\u30fc\u3400-\u9fff々]+?(?:など)?(?:にも|には|に)\s*$/u;

/**
 * A clause with, before each wish found in it, whom the wish is for (皆様も) and what it bids
 * beware of (熱中症に気をつけて) left out as spaces, as a wish's object is.
 */
function withoutWishParts(
  rest: string,
  wishes: { at: number; phrase: string }[],
  addressee: RegExp | null,
): string {
  const blank = (m: string) => " ".repeat(m.length);
  const last = Math.max(...wishes.map((f) => f.at));
  let before = rest.slice(0, last);
  let after = rest.slice(last);
  if (addressee) {
    before = before.replace(addressee, blank);
    // (An English addressee follows the wish.)
    after = after.replace(addressee, (m) => (/^[a-z]/u.test(m.trimStart()) ? blank(m) : m));
  }
  for (const f of wishes)
    if (BEWARE.test(f.phrase)) {
      const head = before.slice(0, f.at);
      before = head.replace(BEWARE_OF, blank) + before.slice(f.at);
    }
  return before + after;
}

/** Particles between the object of a well-wish and the wish (お体を大切に, 体に気をつけて, お体も). */
const WISH_PARTICLES = ["", "を", "に", "には", "は", "も"];

/** An adjective cue and its stem (寂しい → 寂し), so 寂しか and 寂しくて say it too. */
function adjectiveStem(cue: string): string[] {
  const chars = [...cue];
  return chars.length >= 3 && cue.endsWith("い") ? [cue, chars.slice(0, -1).join("")] : [cue];
}

/**
 * A verb of giving after a te-form (教えてあげる, 探してやった, 紹介してさしあげます): the writer
 * does it for someone else, so a request's te-form before it (教えて) asks nothing.
 */
const GIVING = /^\s?(?:あげ|やっ|やる|やり|やろ|さしあげ|差し上げ)/u;

/** No phrases to pass over. */
const NO_PHRASES: ReadonlySet<string> = new Set();

/** A prayer's ending (〜ますように, 〜ませんように, and a letter's 〜ませんよう): a wish for someone, asking nothing. */
const PRAYER = /(?:ます|ません)ように?$/u;
/** どうか and どうぞ ("please") — not after か, where かどうか is "whether". */
const PLEASE = /(?<!か)どう[かぞ]/gu;
/**
 * A letter's sender line at its end (黒髪より, 山田より): one word and より, "from", after the
 * message's small talk.
 */
const SENDER = /^[^\s、,。]+より(?:[\s\p{P}\p{S}ー〜~]|\u200d|\ufe0f)*$/u;

/** Words of a sign-off line at most (a group's name, a surname, a given name). */
const MAX_SIGN_OFF_WORDS = 3;
/**
 * A word of a sign-off line: kanji, kana, Latin letters and digits, with no particle at its end
 * (が, を, に, で, は, へ, と, も: 食堂で, 山下に say more than a name).
 */
const NAME_WORD = /^[\u3041-\u309f\u30a1-\u30fc\u3400-\u9fff々a-z0-9]+(?<![がをにではへとも])$/u;
/** Marks, emoji and lengthening at a line's end. */
const TRAILING_MARKS = /(?:[\s\p{P}\p{S}\p{M}ー〜~]|\u200d|\ufe0f)+$/u;
/** An ask cue made only of final particles (かな, かね, のか): it ends a sentence, not a word. */
const FINAL_PARTICLE_CUE = /^の?か[なね]?$/u;
/**
 * Kana that go on with a word after what looks like a final particle (乾かない, かなり, 手のかじかむ,
 * 暑かなあ is 暑か + なあ): any hiragana but a drawn-out vowel or another final particle.
 */
const WORD_GOES_ON = /^(?![あぁえぇおぉーなねよ〜])[\u3041-\u309f]/u;

/**
 * Whether an ask cue occurs in a clause as a cue: one that ends in か is a question only where
 * から (because) does not go on from it (知られていないから is a reason, not ないか); one that
 * ends in な only where it ends no verb's negative (乾かない is not かな).
 */
function cueIn(clause: string, cue: string, particlesEndWords = false): boolean {
  if (particlesEndWords && FINAL_PARTICLE_CUE.test(cue)) {
    for (let at = clause.indexOf(cue); at >= 0; at = clause.indexOf(cue, at + 1))
      if (!WORD_GOES_ON.test(clause.slice(at + cue.length))) return true;
    return false;
  }
  if (cue.endsWith("て")) {
    for (let at = clause.indexOf(cue); at >= 0; at = clause.indexOf(cue, at + 1))
      if (!GIVING.test(clause.slice(at + cue.length))) return true;
    return false;
  }
  // A cue ending in な (かな) is no particle inside a verb's negative (乾かない, 泣かなくて).
  if (cue.endsWith("な")) {
    for (let at = clause.indexOf(cue); at >= 0; at = clause.indexOf(cue, at + 1))
      if (!endsInsideNegative(cue, clause.slice(at + cue.length))) return true;
    return false;
  }
  if (!cue.endsWith("か")) return clause.includes(cue);
  for (let at = clause.indexOf(cue); at >= 0; at = clause.indexOf(cue, at + 1))
    if (clause[at + cue.length] !== "ら") return true;
  return false;
}

function latinWordAt(text: string, at: number, len: number): boolean {
  const before = text[at - 1] ?? " ";
  const after = text[at + len] ?? " ";
  return !/[a-z]/.test(before) && !/[a-z]/.test(after);
}
