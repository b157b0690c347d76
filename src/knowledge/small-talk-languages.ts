/**
 * Greetings, thanks and goodbyes in the languages of Kumamoto's foreign residents, in their own
 * scripts and in the Latin spellings people type on a Japanese phone: a message made only of
 * these (「Terima kasih 😊」, 「Cảm ơn!」, 「감사합니다」) is small talk — a short kind reply and the
 * menu, never programs, never an unanswered question. A message that also asks something is
 * still answered: only a clause that holds nothing else is small talk (src/search/analysis.ts).
 * Vocabulary, not rules: general words of each language, none taken from an evaluation set.
 * Written lower case (messages are read NFKC and lower case); Latin phrases match whole words.
 */
import type { SMALL_TALK_KINDS } from "./vocabulary.js";
import { stripVietnameseMarks } from "../text/vietnamese-marks.js";

/** The kinds a foreign-language phrase can be (the vocabulary's kinds, emoji aside). */
export type ForeignSmallTalkKind = Exclude<(typeof SMALL_TALK_KINDS)[number], "emoji">;

/** One language's small talk, by kind. */
export interface SmallTalkLanguage {
  /** BCP 47 code. */
  code: string;
  /** The language's English name (for whoever maintains the table). */
  name: string;
  phrases: Partial<Record<ForeignSmallTalkKind, readonly string[]>>;
  /**
   * Words of the language that carry no topic next to a greeting or thanks: pronouns, "very",
   * "much", polite particles (你, 很, 정말, rất, ạ, banyak). They never make a message small talk
   * on their own: only a clause that holds a phrase of the table may be made of them too.
   */
  fillers?: readonly string[];
  /**
   * Words that, right after thanks, introduce what the thanks is for (for, por, atas, vì):
   * 「Thanks for your help yesterday」 asks nothing, whatever the help was. `true`: the language
   * puts what it thanks for right after the thanks, with no word between (谢谢你的帮助).
   */
  thanksFor?: readonly string[] | true;
}

/**
 * The languages, roughly by how many residents of Kumamoto City speak them (Vietnamese, Chinese,
 * Filipino, Korean, Nepali, Indonesian, Myanmar …), then others residents and visitors use.
 * English lives in knowledge/vocabulary.json with the Japanese phrases.
 */
export const SMALL_TALK_LANGUAGES: readonly SmallTalkLanguage[] = [
  {
    code: "vi",
    name: "Vietnamese",
    phrases: {
      greeting: ["xin chào", "chào bạn", "chào anh", "chào chị", "chào em", "chào", "xin chao", "chao ban"],
      thanks: ["cảm ơn", "cám ơn", "xin cảm ơn", "cảm ơn nhiều", "cảm ơn bạn", "cam on", "cam ơn", "camon"],
      farewell: ["tạm biệt", "tam biet", "hẹn gặp lại", "trân trọng", "tran trong"],
      apology: ["xin lỗi", "xin loi"],
      yes: ["vâng", "dạ", "có"],
      ack: ["được rồi", "ok ạ", "rất hữu ích", "hữu ích"],
    },
    fillers: ["bạn", "anh", "chị", "em", "rất", "nhiều", "lắm", "ạ", "nhé", "nha", "quá", "thật"],
    thanksFor: ["vì", "về"],
  },
  {
    code: "zh",
    name: "Chinese",
    phrases: {
      greeting: ["你好", "您好", "大家好", "早上好", "晚上好", "ni hao", "nihao", "nin hao"],
      thanks: ["谢谢你", "谢谢", "謝謝", "多谢", "多謝", "感谢", "xie xie", "xiexie"],
      farewell: ["再见", "再見", "zaijian", "zai jian", "祝好", "此致敬礼", "此致"],
      apology: ["对不起", "對不起", "不好意思"],
      ack: ["好的", "明白了", "知道了", "有帮助", "帮了大忙", "太好了"],
    },
    fillers: [
      "你们",
      "你",
      "您",
      "大家",
      "非常",
      "真的",
      "很",
      "真",
      "太",
      "了",
      "的",
      "啊",
      "呀",
      "哦",
      "吧",
      "呢",
    ],
    thanksFor: true,
  },
  {
    code: "ko",
    name: "Korean",
    phrases: {
      greeting: ["안녕하세요", "안녕", "annyeonghaseyo", "annyeong haseyo", "annyeong"],
      thanks: ["감사합니다", "고맙습니다", "고마워요", "고마워", "kamsahamnida", "gamsahamnida"],
      farewell: ["안녕히 계세요", "안녕히 가세요", "또 봐요"],
      apology: ["죄송합니다", "미안합니다"],
      yes: ["네", "예"],
      ack: [
        "알겠습니다",
        "알겠어요",
        "도움이 됐어요",
        "도움이 되었어요",
        "도움이 됐습니다",
        "도움이 되었습니다",
      ],
    },
    fillers: ["정말", "너무", "진짜", "많이", "대단히", "요"],
  },
  {
    code: "tl",
    name: "Filipino (Tagalog)",
    phrases: {
      greeting: ["kumusta", "kamusta", "magandang umaga", "magandang hapon", "magandang gabi", "mabuhay"],
      thanks: ["maraming salamat", "salamat"],
      farewell: ["paalam", "ingat", "ingat kayo", "ingat po"],
      apology: ["pasensya na", "pasensya"],
      yes: ["opo", "oo"],
    },
    fillers: ["po", "din", "rin", "talaga", "sa inyo", "sa iyo"],
    thanksFor: ["sa"],
  },
  {
    code: "ne",
    name: "Nepali",
    phrases: {
      greeting: ["नमस्ते", "नमस्कार", "namaste", "namaskar"],
      thanks: ["धन्यवाद", "dhanyabad", "dhanyawad", "dhanyavad", "dhanyabaad"],
      farewell: ["फेरि भेटौंला", "pheri bhetaula"],
    },
  },
  {
    code: "id",
    name: "Indonesian",
    phrases: {
      greeting: ["selamat pagi", "selamat siang", "selamat sore", "selamat malam", "halo", "hai"],
      thanks: ["terima kasih banyak", "terima kasih", "terimakasih", "makasih", "trims"],
      farewell: ["sampai jumpa", "selamat tinggal", "dadah", "salam hangat", "hormat saya", "salam"],
      apology: ["maaf"],
      ack: ["baik", "oke", "sangat membantu", "membantu"],
    },
    fillers: ["banyak", "sekali", "ya", "kak", "pak", "bu"],
    thanksFor: ["atas", "untuk", "karena"],
  },
  {
    code: "my",
    name: "Burmese",
    phrases: {
      greeting: ["မင်္ဂလာပါ", "mingalaba", "mingalarbar", "mingalar par"],
      thanks: ["ကျေးဇူးတင်ပါတယ်", "ကျေးဇူးပါ", "kyay zu tin ba de", "kyeizu tinbade", "kyay zu par"],
    },
  },
  {
    code: "th",
    name: "Thai",
    phrases: {
      greeting: ["สวัสดีครับ", "สวัสดีค่ะ", "สวัสดี", "sawasdee", "sawatdee", "sawadee"],
      thanks: ["ขอบคุณครับ", "ขอบคุณค่ะ", "ขอบคุณ", "khob khun", "khop khun", "kob kun"],
    },
  },
  {
    code: "pt",
    name: "Portuguese",
    phrases: {
      greeting: ["bom dia", "boa tarde", "boa noite", "olá", "ola", "oi"],
      thanks: ["muito obrigado", "muito obrigada", "obrigado", "obrigada"],
      farewell: [
        "tchau",
        "até logo",
        "ate logo",
        "atenciosamente",
        "cumprimentos",
        "saudações",
        "abraços",
        "um abraço",
      ],
      apology: ["desculpa", "desculpe"],
    },
    thanksFor: ["por", "pela", "pelo"],
  },
  {
    code: "es",
    name: "Spanish",
    phrases: {
      greeting: ["buenos días", "buenos dias", "buenas tardes", "buenas noches", "hola"],
      thanks: ["muchas gracias", "gracias"],
      farewell: [
        "adiós",
        "adios",
        "hasta luego",
        "saludos cordiales",
        "un saludo",
        "saludos",
        "atentamente",
        "cordialmente",
        "un abrazo",
        "abrazos",
      ],
      apology: ["perdón", "perdon", "lo siento"],
    },
    // "desde" (from): a closing's place or name after it (Saludos desde Chuo-ku).
    fillers: ["desde", "a todos"],
    thanksFor: ["por"],
  },
  {
    code: "si",
    name: "Sinhala",
    phrases: {
      greeting: ["ආයුබෝවන්", "ayubowan"],
      thanks: ["ස්තූතියි", "bohoma sthuthi", "sthuthi"],
    },
  },
  {
    code: "mn",
    name: "Mongolian",
    phrases: {
      greeting: ["сайн байна уу", "сайн уу", "sain baina uu"],
      thanks: ["баярлалаа", "bayarlalaa"],
    },
  },
  {
    code: "bn",
    name: "Bengali",
    phrases: {
      greeting: ["নমস্কার", "আসসালামু আলাইকুম", "assalamu alaikum", "assalamualaikum"],
      thanks: ["ধন্যবাদ", "dhonnobad"],
    },
  },
  {
    code: "fr",
    name: "French",
    phrases: {
      greeting: ["bonjour", "bonsoir", "salut"],
      thanks: ["merci beaucoup", "merci"],
      farewell: ["au revoir", "cordialement", "bien à vous", "amitiés", "bien cordialement"],
    },
    thanksFor: ["pour"],
  },
  {
    code: "de",
    name: "German",
    phrases: {
      greeting: ["guten tag", "hallo"],
      thanks: ["vielen dank", "danke schön", "danke"],
      farewell: ["tschüss", "mit freundlichen grüßen", "viele grüße", "liebe grüße", "beste grüße", "grüße"],
    },
    thanksFor: ["für"],
  },
];

/**
 * Chinese is written in simplified characters (mainland residents) and traditional ones (Taiwan,
 * Hong Kong): every Chinese phrase and filler of the table is matched in both, so the table
 * writes each once. Pairs of simplified and traditional characters the table's words use, and
 * the common ones residents add (说/說, 请/請).
 */
const SIMPLIFIED_TRADITIONAL = "谢謝见見对對帮幫们們说說请請问問这這欢歡过過会會还還气氣个個么麼时時间間";
const TO_TRADITIONAL = new Map<string, string>();
const TO_SIMPLIFIED = new Map<string, string>();
for (let i = 0; i < SIMPLIFIED_TRADITIONAL.length; i += 2) {
  TO_TRADITIONAL.set(SIMPLIFIED_TRADITIONAL[i]!, SIMPLIFIED_TRADITIONAL[i + 1]!);
  TO_SIMPLIFIED.set(SIMPLIFIED_TRADITIONAL[i + 1]!, SIMPLIFIED_TRADITIONAL[i]!);
}

/** A Chinese word in both scripts (谢谢你 → 谢谢你, 謝謝你); other words as given. */
export function bothChineseScripts(word: string): string[] {
  const map = (table: Map<string, string>) => [...word].map((c) => table.get(c) ?? c).join("");
  return [...new Set([word, map(TO_TRADITIONAL), map(TO_SIMPLIFIED)])];
}

/**
 * A Vietnamese word as typed without its diacritics (cảm ơn nhiều → cam on nhieu, được rồi →
 * duoc roi): many residents type on a keyboard without a Vietnamese layout. Only forms of three
 * letters or more: shorter ones (dạ → da, có → co) are romaji syllables and English words.
 */
export function withoutVietnameseMarks(word: string): string | null {
  const bare = stripVietnameseMarks(word);
  return bare !== word && bare.replace(/\s/gu, "").length >= 3 ? bare : null;
}

const spellings = (l: SmallTalkLanguage, word: string): string[] => {
  const w = word.normalize("NFKC").toLowerCase();
  if (l.code === "zh") return bothChineseScripts(w);
  const bare = l.code === "vi" ? withoutVietnameseMarks(w) : null;
  return bare === null ? [w] : [w, bare];
};

/** Every phrase of the table with its kind (Chinese in both scripts). */
export function smallTalkLanguagePhrases(
  languages: readonly SmallTalkLanguage[] = SMALL_TALK_LANGUAGES,
): { phrase: string; kind: ForeignSmallTalkKind }[] {
  const seen = new Set<string>();
  return languages.flatMap((l) =>
    Object.entries(l.phrases).flatMap(([kind, phrases]) =>
      (phrases ?? [])
        .flatMap((phrase) => spellings(l, phrase))
        .filter((phrase) => !seen.has(phrase) && seen.add(phrase))
        .map((phrase) => ({ phrase, kind: kind as ForeignSmallTalkKind })),
    ),
  );
}

/** Every filler of the table (Chinese in both scripts). */
export function smallTalkLanguageFillers(
  languages: readonly SmallTalkLanguage[] = SMALL_TALK_LANGUAGES,
): string[] {
  return [...new Set(languages.flatMap((l) => (l.fillers ?? []).flatMap((f) => spellings(l, f))))];
}

/** English says what it thanks for after "for" (its phrases are in knowledge/vocabulary.json). */
const ENGLISH_THANKS_FOR = ["for"];

/**
 * How a clause says what its thanks is for, after the thanks: the words that introduce it in
 * Latin script (for, por, atas, vì), and the thanks phrases after which whatever follows is
 * what they are for (Chinese 谢谢你的帮助). Languages that say it before the thanks (Japanese
 * 教えてくれてありがとう, Korean 도와주셔서 감사합니다) are read by their conjunctive endings in the
 * message reader.
 */
export function thanksReasons(languages: readonly SmallTalkLanguage[] = SMALL_TALK_LANGUAGES): {
  markers: string[];
  objectAfter: string[];
} {
  const markers = new Set(ENGLISH_THANKS_FOR);
  const objectAfter = new Set<string>();
  for (const l of languages) {
    if (l.thanksFor === true)
      for (const p of l.phrases.thanks ?? []) for (const w of spellings(l, p)) objectAfter.add(w);
    else for (const m of l.thanksFor ?? []) markers.add(m.normalize("NFKC").toLowerCase());
  }
  return { markers: [...markers], objectAfter: [...objectAfter] };
}
