/**
 * Reads 熊本弁 (Kumamoto dialect) as standard Japanese, morpheme by morpheme, before the message
 * is cut into clauses: 「催しばやらんとですか」 is read as 「催しをやらないのですか」, so the asking
 * clause, the words searched for and the refusal all see the sentence's standard twin. This is
 * grammar, not a list of sentences: each rule names one dialect morpheme (object ば, nominal
 * と/っと, ごたる, 〜よる, 〜とる, negative 〜ん, adjective 〜か, けん, ばってん, げな …) and what
 * may stand on either side of it, so the form is read in any sentence, while standard Japanese
 * that only looks alike (あれば, 言葉, 行くと、, 田中さん, 何か, 大変なんです, もっと) is left as it
 * is. A guard keeps text the catalogue itself writes (あさひばみんなの…) and place names intact.
 * Pure: plain text in, plain text out; standard text comes back unchanged, so reading twice is
 * reading once.
 */

/**
 * Whether the characters [start, end) of `text` belong to a word the catalogue or the gazetteer
 * writes: a dialect rule then leaves them alone.
 */
export type WordGuard = (text: string, start: number, end: number) => boolean;

/** Reads one message's dialect forms as standard Japanese. */
export type DialectReader = (text: string) => string;

// Character classes. The message reader hands over NFKC, lower-case text.
const KANJI = "\\u3400-\\u9fff\\uf900-\\ufaff々〆";
const KATAKANA = "\\u30a1-\\u30faー";
const HIRAGANA = "\\u3041-\\u309f";
const U_ROW = "うくすつぬふむゆるぐずづぶぷ";
const I_ROW = "いきしちにひみりぎじぢびぴ";
const E_ROW = "えけせてねへめれげぜでべぺ";
/** A sentence or clause ends here: the end, a space, punctuation or a symbol (emoji, 〜). */
const END = "(?=$|[\\s\\p{P}\\p{S}])";
/** Case and binding particles, written after a noun. */
const PARTICLES = "はがもをにでとのへやば";

const isKanji = (c: string | undefined) => c !== undefined && /[\u3400-\u9fff\uf900-\ufaff々〆]/u.test(c);
const isHiragana = (c: string | undefined) => c !== undefined && /[\u3041-\u309f]/u.test(c);
const isKatakanaOrLatin = (c: string | undefined) => c !== undefined && /[\u30a1-\u30faーa-z0-9]/u.test(c);

/**
 * Adjectives whose stem is one kanji (高い, 寒い, 良い): their 熊本弁 form is the stem and か (高か,
 * 寒か, 良か). A closed class of the grammar.
 */
const ADJECTIVE_KANJI =
  "高安寒暑多早速古若強弱近遠良悪長広狭重軽白赤青黒痛怖暗固硬太細深浅薄厚濃甘辛苦丸汚偉凄眠痒鈍鋭緩";
/** Adjectives often written in kana, by stem: ひどか, すごか, よか, さびしか. */
const KANA_ADJECTIVES =
  "おもしろ|むずかし|いそがし|さびし|うれし|やさし|たのし|おいし|すずし|かわい|ひど|すご|うま|きつ|えら|つよ|よわ|こわ|さむ|あつ|いた";
/** The kana adjectives of {@link KANA_ADJECTIVES} in 〜しい, without their し (さびし → さび). */
const KANA_SHII = KANA_ADJECTIVES.split("|")
  .filter((a) => a.endsWith("し"))
  .map((a) => a.slice(0, -1))
  .join("|");
/** Verbs of one kanji whose forms take ば (飛ばす, 遊ばない, 選ばれる, 学ばせる): no particle there. */
const BA_VERB_KANJI = "飛遊喜運選学呼並結伸延滑浮叫転及尊";
/** Adverbs made of a kana and っと (ちょっと, もっと, ずっと, やっと): not a verb's nominal っと. */
const TTO_ADVERBS = ["ちょ", "も", "ず", "き", "や", "そ", "ほ", "じ", "さ", "ぱ", "ぐ", "ふ", "ざ", "う"];

/** What an adjective's 〜か form may be followed by: と, ね, です, けん, a noun, the end. */
const ADJECTIVE_NEXT = `(?=と|ね|よ${END}|な[あぁー〜]|ばい|たい|です|でしょ|けん|けど|ばってん|もん|ごた|[${KANJI}${KATAKANA}]|な${END}|の(?:に|で)|[\\s\\p{P}\\p{S}]|$)`;

/**
 * What may follow a nominal と (= の): です, a case particle, a question, the end. Not 、 or a
 * space (行くと、 is "if"), not か alone (するとか is "or such"), not a verb (あると聞いた).
 */
const NOMINAL_NEXT =
  "(?=です|でしょ|じゃ|やろ|だろ|やけ|だけ|けど|けん|ばってん|ばってが|から|って|が|は|ば|を|に|かな|かね|か[?!]|か$|ね|よ|[?!。]|$)";
/** The same after 〜ない/〜たい, without ね and the end: 行かないと。 and 行かないとね say "must". */
const NOMINAL_NEXT_AFTER_I = `(?=です|でしょ|じゃ|やろ|だろ|やけ|だけ|けど|けん|ばってん|ばってが|から|って|が|は|ば|を|に|かな|かね|か[?!]|よ${END}|[?])`;

/** A nominal と before けど/から reads のだ (作りよっとばってん = 作っているのだけど), else の. */
const nominal = (rest: string): string =>
  /^(?:けど|けん|ばってん|ばってが|から)/u.test(rest) ? "のだ" : "の";

/** Endings of 〜よる, 〜とる, 〜どる (all = ている) and what each reads as after て/で. */
const ORU_FORMS: Record<string, string> = {
  りました: "いました",
  ります: "います",
  らんかった: "いなかった",
  らん: "いない",
  る: "いる",
  った: "いた",
  って: "いて",
};
const ORU = "(?<e>りました|ります|らんかった|らん|る|った|って)";

interface Match {
  /** The matched text. */
  text: string;
  /** Named groups. */
  groups: Record<string, string | undefined>;
  /** The whole text and where the match starts in it. */
  whole: string;
  at: number;
  /** The text after the match. */
  rest: string;
}

interface Rule {
  /** What the rule reads, as the README and tests name it. */
  name: string;
  pattern: RegExp;
  /** The standard form. */
  to: string | ((m: Match) => string);
  /** A check the pattern cannot express (what a kana run before it is); default: always. */
  when?: (m: Match) => boolean;
}

const rx = (source: string) => new RegExp(source, "gu");
/** The run of hiragana right before `at` (しよ in …でしよっと). */
const kanaBefore = (whole: string, at: number) => /[\u3041-\u309f]*$/u.exec(whole.slice(0, at))![0];

/**
 * The grammar, in the order it is read: fixed words first, then forms made of several morphemes
 * (ごたっと, しよっと), then the particles and endings, then the の that marks a subject.
 */
const RULES: readonly Rule[] = [
  // Fixed words: question words, pronouns, conjunctions.
  {
    name: "どぎゃん → どう (before a verb), どんな (before a noun)",
    // And its shorter form どがん, こがん, そがん (not あがん: 上がんない).
    pattern: rx(
      `(?<=^|[^${HIRAGANA}]|[${PARTICLES}])(?<w>[どこそ](?=がん)|[どこそあ](?=ぎゃん))(?:ぎゃん|がん)(?<na>な)?`,
    ),
    to: (m) =>
      !m.groups.na && /^(?:し|す|せ|さ|や|で|だ|じゃ|ね|な|か|[?!]|$)/u.test(m.rest)
        ? { ど: "どう", こ: "こう", そ: "そう", あ: "ああ" }[m.groups.w!]!
        : `${m.groups.w}んな`,
  },
  { name: "いっちょん → 全然", pattern: rx("いっちょん"), to: "全然" },
  { name: "なんでん → なんでも", pattern: rx("(?<=なん|だれ|どこ|いつ|何|誰)でん"), to: "でも" },
  { name: "おっどん → 私たち", pattern: rx("おっどん|おどんたち|おいどんたち"), to: "私たち" },
  { name: "おどん → 私", pattern: rx("おいどん|おどん"), to: "私" },
  { name: "うちん → うちの", pattern: rx(`(?<![${HIRAGANA}])うちん(?=[${KANJI}${KATAKANA}])`), to: "うちの" },
  { name: "ばっかり → ばかり", pattern: rx("ばっかり|ばっか(?!り)"), to: "ばかり" },
  { name: "しもた → しまった", pattern: rx("(?<=[てで])しも(?<e>[たて])"), to: (m) => `しまっ${m.groups.e}` },
  { name: "しもう → しまう", pattern: rx("(?<=[てで])しもう"), to: "しまう" },
  { name: "なっせ → なさい", pattern: rx(`(?<=[${KANJI}${I_ROW}${E_ROW}])なっせ`), to: "なさい" },
  // A 五段 verb's stem in り says ん before な (がんばんなっせ, 帰んなっせ = がんばりなさい).
  { name: "んなっせ → りなさい", pattern: rx(`(?<=[${KANJI}${HIRAGANA}])んなっせ`), to: "りなさい" },
  // A one-kanji noun's vowel drawn out where を is left out (気ぃつけて, 手ぇ貸して, 目ぇ覚ます).
  {
    name: "気ぃ → 気を",
    pattern: rx(`(?<=(?:^|[^${KANJI}])[${KANJI}])[ぁぃぅぇぉ](?=[${HIRAGANA}${KANJI}])`),
    to: "を",
  },
  { name: "てはいよ → てください", pattern: rx("(?<=[てで])はいよ"), to: "ください" },
  { name: "くれん → くれない", pattern: rx(`くれん(?=ね|か|[?]|${END})`), to: "くれない" },
  // でしょうか, ましょうか said short (よかでしょか, 行きましょか).
  { name: "でしょか → でしょうか", pattern: rx("(?<=[でま])しょか"), to: "しょうか" },
  {
    name: "いけん → いけない",
    pattern: rx(`(?<=[とばはもゃら])いけん(?=ね|よ|ばい|たい|[?]|${END})`),
    to: "いけない",
  },
  {
    name: "ばってん → けど (だけど after a noun)",
    pattern: rx("ばってん|ばってが"),
    to: (m) => {
      const prev = m.whole[m.at - 1];
      return isKanji(prev) || isKatakanaOrLatin(prev) ? "だけど" : "けど";
    },
  },
  // ごたる (= ようだ) and its forms, before the nominal っと/と rules read their と.
  { name: "ごたっと → ようなの", pattern: rx("ごたっと|ごたると"), to: "ようなの" },
  { name: "連用形 + ごたる → たい", pattern: rx(`(?<=[${I_ROW}])ごた(?:る|か)`), to: "たい" },
  { name: "ごたる + noun → ような", pattern: rx(`ごたる(?=[${KANJI}${KATAKANA}]|の)`), to: "ような" },
  { name: "ごたる → ようだ", pattern: rx("ごたる"), to: "ようだ" },
  { name: "ごた → ようだ", pattern: rx(`ごた(?=です|ね|よ|な${END}|ばい|たい|[?]|${END})`), to: "ようだ" },
  { name: "ごつ → ように", pattern: rx("ごつ(?![いごつ])"), to: "ように" },
  // ん = の between nouns (隣ん人, 勉強会んごたる).
  {
    name: "ん → の (between nouns)",
    // Not 赤ん坊, 真ん中 (one word).
    pattern: rx(`(?<=[${KANJI}${KATAKANA}])(?<![赤真])ん(?=[${KANJI}${KATAKANA}]|ごた|ごつ|よう|とこ)`),
    to: "の",
  },
  // Sentence-final ばい/たい (= よ), before the adjective and wish rules read the か before them.
  { name: "ですばい → ですよ", pattern: rx(`です(?:ばい|たい)${END}`), to: "ですよ" },
  { name: "noun + ばい → だよ", pattern: rx(`(?<=[${KANJI}${KATAKANA}])ばい${END}`), to: "だよ" },
  { name: "ばい → よ", pattern: rx(`(?<=[${U_ROW}かたんいだ])ばい${END}`), to: "よ" },
  {
    name: "たい → よ (not a wish)",
    // A wish's たい follows a verb's 連用形 (行きたい, 見たい); after a plain form or 〜か it
    // ends the sentence (するたい, よかたい).
    pattern: rx(`(?<=[${U_ROW}かんだ])たい${END}`),
    to: "よ",
  },
  { name: "noun + たい → だよ", pattern: rx(`(?<=[${KANJI}]{2}|[${KATAKANA}])たい${END}`), to: "だよ" },
  {
    name: "たか → たい (a wish)",
    pattern: rx(
      `(?<=[${I_ROW}${E_ROW}]|(?<![${KANJI}])[見来寝出居])たか(?=ばい|たい|です|と|けど|ばってん|けん|もん|よ${END}|ね|[\\s、。!]|$)`,
    ),
    to: "たい",
  },
  // Adjectives: 〜かろう (= 〜いでしょう), 〜か (= 〜い), 〜っか, 〜う before なる/して (= 〜く).
  {
    name: "なかろうか → ないでしょうか",
    pattern: rx(
      `(?:(?<![おんせたま])(?<w>よ|な)|(?<![${KANJI}])(?<k>[${ADJECTIVE_KANJI}])|(?<s>[${KANJI}][${HIRAGANA}]{0,2}し))かろう?`,
    ),
    to: (m) => `${m.groups.w ?? m.groups.k ?? m.groups.s}いでしょう`,
  },
  {
    name: "よか, なか → よい, ない",
    // Not おなか, まんなか, せなか, たなか (nouns).
    // Doubled, it is one word (よかよか = いいよいいよ).
    pattern: rx(`(?<![おんせたま])(?<w>よ|な)か(?:(?=よか)|${ADJECTIVE_NEXT})`),
    to: (m) => `${m.groups.w}い`,
    // Not the adverb なかなか (its second なか) nor 仲よか (なか before よか is 仲).
    when: (m) =>
      m.groups.w !== "な" || (m.whole.slice(m.at - 2, m.at) !== "なか" && !m.rest.startsWith("よか")),
  },
  {
    name: "kanji adjective + か → い",
    pattern: rx(`(?<![${KANJI}])(?<s>[${ADJECTIVE_KANJI}])か${ADJECTIVE_NEXT}`),
    to: (m) => `${m.groups.s}い`,
  },
  {
    name: "kanji + しか/なか → しい/ない",
    pattern: rx(`(?<s>[${KANJI}](?:[${HIRAGANA}]{0,2}し|な))か${ADJECTIVE_NEXT}`),
    to: (m) => `${m.groups.s}い`,
    // Not 何なか (何な is no stem).
    when: (m) => !m.text.startsWith("何"),
  },
  {
    name: "kana adjective + か → い",
    pattern: rx(`(?<=^|[^${HIRAGANA}]|[${PARTICLES}])(?<s>${KANA_ADJECTIVES})か${ADJECTIVE_NEXT}`),
    to: (m) => `${m.groups.s}い`,
  },
  {
    name: "kanji + っか → い",
    pattern: rx(`(?<![${KANJI}])(?<s>[${ADJECTIVE_KANJI}])っか${ADJECTIVE_NEXT}`),
    to: (m) => `${m.groups.s}い`,
  },
  // An adjective's 連用形 in its ウ音便 (the western form of 〜く, as in お寒うございます) before
  // なる or して: 〜しい says 〜しゅう (寂しゅうなる, 詳しゅう教えて), 〜ない says 〜のう (少のうなって).
  {
    name: "しゅう, のう → しく, なく",
    pattern: rx(
      `(?:(?<s>(?<=[${KANJI}][${HIRAGANA}]{0,2}|(?:^|[^${HIRAGANA}]|[${PARTICLES}])(?:${KANA_SHII}))しゅう)|(?<n>(?<=[少危切]|[${KANJI}]な)のう))(?=な[るっりれら]|し[てとた]|[${KANJI}])`,
    ),
    to: (m) => (m.groups.s ? "しく" : "なく"),
  },
  {
    name: "良う → 良く",
    pattern: rx("(?<=[良早高安強広近遠長多若])う(?=な[るっりれら]|し[てとた])"),
    to: "く",
  },
  // The nominal っと (= るの): あっと, しよっと, すっと, もらわるっと, 出っと.
  {
    name: "できっと → できるの",
    pattern: rx(`できっと${NOMINAL_NEXT}`),
    to: (m) => `できる${nominal(m.rest)}`,
  },
  {
    name: "っと → るの",
    pattern: rx(`っと${NOMINAL_NEXT}`),
    to: (m) => `る${nominal(m.rest)}`,
    when: (m) => {
      const run = kanaBefore(m.whole, m.at);
      const prev = m.whole[m.at - run.length - 1];
      if (run === "") return isKanji(prev);
      // After one kana: ある, する, おる only (あっと, すっと, おっと), else an adverb.
      if ([...run].length === 1) return "あすお".includes(run) && !isHiragana(prev);
      // An adverb after a particle (北区をもっと, 今日はちょっと).
      const adverb = TTO_ADVERBS.find((a) => run.endsWith(a));
      if (adverb === undefined) return true;
      const before = run.slice(0, run.length - adverb.length);
      return before !== "" && !PARTICLES.includes(before[before.length - 1]!);
    },
  },
  // 熊本弁 keeps the old 二段 forms: 〜らるる (= られる) and くるる after a te-form (= くれる).
  { name: "るる → れる", pattern: rx("(?<=[かさたなまらわがば]|[てで]く)るる"), to: "れる" },
  // 〜よる (ongoing) and 〜とる/〜どる (te-form + おる): all = ている.
  {
    name: "よる → ている",
    // After a verb's 連用形 (しよる, 作りよる, 来よる); not によると (according to).
    pattern: rx(`(?<=[いきしちひみりぎじびぴけせねめれべげえぜ]|(?<![${KANJI}])[見来寝出居])よ${ORU}`),
    to: (m) => `て${ORU_FORMS[m.groups.e!]}`,
  },
  {
    name: "とる → ている",
    // After a te-form's stem (やっ, 知られ, 書い, 出し, 見); not 取る after a particle (資格をとる).
    pattern: rx(`(?<=[っいしれけせてねめべげ]|(?<![${KANJI}])[見来寝出居])と${ORU}`),
    to: (m) => `て${ORU_FORMS[m.groups.e!]}`,
  },
  {
    name: "思うとる → 思っている",
    // A godan う verb's te-form is って (思うて, 言うて are 熊本弁 te-forms).
    pattern: rx(`(?<=[${KANJI}])うと${ORU}`),
    to: (m) => `って${ORU_FORMS[m.groups.e!]}`,
  },
  { name: "どる → でいる", pattern: rx(`(?<=ん)ど${ORU}`), to: (m) => `で${ORU_FORMS[m.groups.e!]}` },
  // Must: a verb's 未然形 and なん or にゃん (= なければならない): 行かなん, 入らなんと？, 出さにゃん,
  // せなん (する). Only a godan verb's a-row 未然形 after its kanji, or せ standing alone: an い/え
  // row before なん is a na-adjective or noun and のだ (好きなんです, 大変なんです), and から/だら before
  // it is a reason (東区からなんですが); なんか, なんて, なんで after it are "or so", "what".
  {
    name: "なん, にゃん → なければならない (must)",
    pattern: rx(
      `(?:(?<=[${KANJI}][${HIRAGANA}]?[かさたまらわがば])(?<!から|だら|かか)|(?<=(?:^|[^${HIRAGANA}]|[${PARTICLES}])せ))(?:な|にゃ)ん(?=と|です|でしょ|じゃ|ばい|たい|よ${END}|ね|[?!]|${END})`,
    ),
    to: "なければならない",
  },
  // Any verb's negative ん before といかん / といけん / とならん (must): 受けんといかん, 出んといけん.
  {
    name: "ん → ない (before といかん, must)",
    pattern: rx(`(?<=[${KANJI}${I_ROW}${E_ROW}])ん(?=と\\s?(?:いか|いけ|なら))`),
    to: "ない",
  },
  // A kanji compound's する in its negative: せん is しない (無理せんで = 無理しないで, 参加せんかった).
  {
    name: "せん → しない (a compound's する)",
    pattern: rx(
      `(?<=[${KANJI}]{2})せん(?<k>かった)?(?=と|けん|けど|で|ば|か|ね|よ|もん|ごつ|ごた|じゃ|や|の|[${KANJI}${KATAKANA}]|たい|ばい|[\\s\\p{P}\\p{S}]|$)`,
    ),
    to: (m) => (m.groups.k ? "しなかった" : "しない"),
  },
  // Negative ん (= ない) after a verb's 未然形: 知らん, 行かん, 使わん, 読まん, わからん, できん.
  // Okurigana never start with a particle that follows a noun (で, に, を …): 河内でみかん農家 is
  // a kana word after 河内で, not a verb's negative.
  {
    name: "ん → ない (negative)",
    pattern: rx(
      `(?:(?<=[${KANJI}](?:(?![でにをはのへ])[${HIRAGANA}]{1,2})?[かまらわ])|(?<=(?:^|[^${HIRAGANA}]|[${PARTICLES}])(?:わから|やら|おら|いら|しら|たら|いか|でき|でけ))|(?<=[${KANJI}]{2}せ))ん(?<k>かった)?(?=と|けん|けど|で|ば|か|ね|よ|もん|ごつ|ごた|じゃ|や|の|[${KANJI}${KATAKANA}]|たい|ばい|[\\s\\p{P}\\p{S}]|$)`,
    ),
    to: (m) => (m.groups.k ? "なかった" : "ない"),
  },
  // Negative ん of a 一段 verb, after its stem's い/え-row kana: もらえん, くれん, 食べん, 忘れん,
  // 起きん (not し: 楽しんで is 楽しむ), before です, と, か, けん … — never before で (読んで-like
  // te-forms) — and not in a kana word (れんらく): a kanji or a receiving verb comes first.
  {
    name: "ん → ない (negative of a 一段 verb)",
    pattern: rx(
      `(?<=[${KANJI}][えけせてねへめれげぜべぺきにひみりぎび]|(?:くれ|もらえ|いただけ))ん(?<k>かった)?(?=と|です|でしょ|けん|けど|ば|か|ね|よ|もん|じゃ|や|たい|ばい|[\\s\\p{P}\\p{S}]|$)`,
    ),
    to: (m) => (m.groups.k ? "なかった" : "ない"),
  },
  { name: "おらない → いない", pattern: rx(`(?<=^|[^${HIRAGANA}]|[${PARTICLES}])おらない`), to: "いない" },
  {
    name: "おる → いる",
    pattern: rx(
      `(?<=^|[^${HIRAGANA}]|[${PARTICLES}])お(?<e>る(?=と|の|けん|けど|か|ね|よ|[${KANJI}]|[\\s\\p{P}\\p{S}]|$)|った|って|りなさい)`,
    ),
    // おった/おって are いた/いて (作業場におったら = 作業場にいたら), not いった (went, said).
    to: (m) => (m.groups.e === "る" ? "いる" : `い${m.groups.e!.slice(1)}`),
  },
  // The nominal と (= の) after a plain form: あると？, 知らないとです, よいとが.
  { name: "〜いと → 〜いの", pattern: rx(`(?<=い)と${NOMINAL_NEXT_AFTER_I}`), to: (m) => nominal(m.rest) },
  {
    name: "と → の",
    // Not によると (according to), ますと, ちゃんと.
    pattern: rx(
      `(?<=[${U_ROW}たかだ]|[かまらわ]ん)(?<!による|ます|です|ちゃん|きちん|何か|誰か)と${NOMINAL_NEXT}`,
    ),
    to: (m) => nominal(m.rest),
  },
  // Object ば (= を) after a noun: 子どもば, 孫ば, 話ばする, ウォーキングばしよる, 催しばやらん.
  {
    name: "ば → を",
    // Not before ら行 kana: a verb's stem in ば (がんばる, がんばります, ねばれ, しばろう).
    pattern: rx(`ば(?![いっかあーでにのはがをとへねよなれせさんうらくこりるろ]|$|[\\s\\p{P}\\p{S}])`),
    to: "を",
    when: (m) => {
      const prev = m.whole[m.at - 1];
      const prev2 = m.whole[m.at - 2];
      if (isKatakanaOrLatin(prev)) return true;
      // 飛ばす, 遊ばない: a one-kanji verb's stem, not a noun.
      if (isKanji(prev)) return !(BA_VERB_KANJI.includes(prev!) && !isKanji(prev2));
      // After kana: not a conditional (あれば, すれば, ならば, いわば) or a particle.
      return isHiragana(prev) && !`${E_ROW}らわがはをにでとへやっ`.includes(prev!);
    },
  },
  // Hearsay, quotes and conjectures.
  { name: "げな → らしい", pattern: rx(`(?<=[${U_ROW}たいん])げな(?![いくが])`), to: "らしい" },
  { name: "てみろか → てみようか", pattern: rx("(?<=[てで])みろ(?=か|う)う?"), to: "みよう" },
  {
    name: "て (quote) → と",
    pattern: rx(`(?<=[${U_ROW}たんだ]|ない|かな)て(?=聞|言|思|いう|いっ|い[わえ]|きい|き[いけ])`),
    to: "と",
  },
  {
    name: "noun + て → って",
    pattern: rx(`(?<=[${KANJI}]{2}|[${KATAKANA}])て(?=[\\s、]|あ|な|何|どこ|いつ|いくら|どう)`),
    to: "って",
  },
  // The polite twin (でしょう): the vocabulary knows it as a question form.
  {
    name: "やろか → でしょうか",
    pattern: rx(`(?<=[の${KANJI}${KATAKANA}るいたん])やろ(?:う)?か`),
    to: "でしょうか",
  },
  {
    name: "やろ → でしょう",
    pattern: rx(`(?<=[の${KANJI}${KATAKANA}るいたん])やろ(?:う)?(?![とかう])`),
    to: "でしょう",
  },
  {
    name: "やけん → だから",
    pattern: rx(`(?<=[の${KANJI}${KATAKANA}ん])(?:や|じゃ)けん`),
    to: (m) => (/^(?:[\\s、,。.!?]|$|ね|ど)/u.test(m.rest) ? "だから" : "だから、"),
  },
  {
    name: "けん → から",
    // After a plain form; not けんこう, けんさ (a kana word) or せっけん. A reason clause: から、
    // where no punctuation follows, so it is still a clause of its own (から alone is also "from").
    pattern: rx(`(?<=[${U_ROW}いたんだ]|[^っ]か)けん(?=[\\s、,。.!?]|$|ね|ど|[${KANJI}${KATAKANA}])`),
    to: (m) => (/^(?:[\\s、,。.!?]|$|ね|ど)/u.test(m.rest) ? "から" : "から、"),
  },
  // の marking a subject before a predicate of being (人の足らない, 金の出る, 場のある).
  {
    name: "の → が (subject)",
    pattern: rx(
      `(?<=[${KANJI}${KATAKANA}の])の(?=ある|あっ|あり|ない|なく|いる|いな|いっぱい|出る|出っ|出て|足ら|足り|多い|少な)`,
    ),
    to: "が",
  },
];

/** The rules' names, in the order they are read (for tests and the README). */
export const DIALECT_RULES: readonly string[] = RULES.map((r) => r.name);

/**
 * A regular expression's source without its lookarounds (`(?=…)`, `(?!…)`, `(?<=…)`,
 * `(?<!…)`): what a match consumes. Wherever the whole pattern matches, this one matches too
 * (an assertion only ever removes matches), so a text it does not match cannot match the rule.
 */
export function withoutLookarounds(source: string): string {
  /** The index just past the character class opening at `i`. */
  const classEnd = (i: number): number => {
    let j = i + 1;
    while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
    return j + 1;
  };
  let out = "";
  for (let i = 0; i < source.length;) {
    const c = source[i]!;
    if (c === "\\") {
      out += source.slice(i, i + 2);
      i += 2;
    } else if (c === "[") {
      const end = classEnd(i);
      out += source.slice(i, end);
      i = end;
    } else if (/^\(\?(?:[=!]|<[=!])/.test(source.slice(i, i + 4))) {
      // Skip to the parenthesis that closes the assertion.
      let depth = 0;
      let j = i;
      while (j < source.length) {
        const d = source[j]!;
        if (d === "\\") j += 2;
        else if (d === "[") j = classEnd(j);
        else {
          if (d === "(") depth++;
          else if (d === ")" && --depth === 0) break;
          j++;
        }
      }
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Each rule's pattern without its lookarounds ({@link withoutLookarounds}), tried before the
 * rule itself: a message holds few of the rules' morphemes, and V8 compiles a pattern on its
 * first use — those of the rules' context (\p{P}, \p{S}, long kanji classes) cost a new
 * instance 20–70 ms of CPU on its first message when all 56 were tried (docs/benchmarks.md,
 * issue 14 cold start). What is read is unchanged: a rule whose consumed part is not in the
 * text cannot match.
 */
const CONSUMED: readonly RegExp[] = RULES.map((r) => new RegExp(withoutLookarounds(r.pattern.source), "u"));

/** Each rule's pattern and the part of it a match consumes, as sources (for tests). */
export const DIALECT_PATTERNS: readonly { name: string; source: string; consumed: string }[] = RULES.map(
  (r, i) => ({ name: r.name, source: r.pattern.source, consumed: CONSUMED[i]!.source }),
);

/**
 * Builds the reader. `guard` knows the words the catalogue and the gazetteer write; without one
 * every match of the grammar is read.
 */
export function createDialectReader(guard: WordGuard = () => false): DialectReader {
  return (text) => {
    // Only text with hiragana can hold a dialect form.
    if (!/[\u3041-\u309f]/u.test(text)) return text;
    let out = text;
    for (const [i, rule] of RULES.entries()) {
      if (!CONSUMED[i]!.test(out)) continue;
      rule.pattern.lastIndex = 0;
      if (!rule.pattern.test(out)) continue;
      const whole = out;
      out = whole.replace(rule.pattern, (...args: unknown[]) => {
        const last = args[args.length - 1];
        const named = typeof last === "object" && last !== null;
        const groups = (named ? last : {}) as Record<string, string | undefined>;
        const at = args[args.length - (named ? 3 : 2)] as number;
        const text = args[0] as string;
        const m: Match = { text, groups, whole, at, rest: whole.slice(at + text.length) };
        if (rule.when && !rule.when(m)) return text;
        if (guard(whole, at, at + text.length)) return text;
        return typeof rule.to === "string" ? rule.to : rule.to(m);
      });
    }
    return out;
  };
}
