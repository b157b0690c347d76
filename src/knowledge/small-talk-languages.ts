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

/** The kinds a foreign-language phrase can be (the vocabulary's kinds, emoji aside). */
export type ForeignSmallTalkKind = Exclude<(typeof SMALL_TALK_KINDS)[number], "emoji">;

/** One language's small talk, by kind. */
export interface SmallTalkLanguage {
  /** BCP 47 code. */
  code: string;
  /** The language's English name (for whoever maintains the table). */
  name: string;
  phrases: Partial<Record<ForeignSmallTalkKind, readonly string[]>>;
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
      farewell: ["tạm biệt", "tam biet", "hẹn gặp lại"],
      apology: ["xin lỗi", "xin loi"],
      yes: ["vâng", "dạ", "có"],
      ack: ["được rồi", "ok ạ"],
    },
  },
  {
    code: "zh",
    name: "Chinese",
    phrases: {
      greeting: ["你好", "您好", "大家好", "早上好", "晚上好", "ni hao", "nihao", "nin hao"],
      thanks: ["谢谢你", "谢谢", "謝謝", "多谢", "多謝", "感谢", "xie xie", "xiexie"],
      farewell: ["再见", "再見", "zaijian", "zai jian"],
      apology: ["对不起", "對不起", "不好意思"],
      ack: ["好的", "明白了", "知道了"],
    },
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
      ack: ["알겠습니다", "알겠어요"],
    },
  },
  {
    code: "tl",
    name: "Filipino (Tagalog)",
    phrases: {
      greeting: ["kumusta", "kamusta", "magandang umaga", "magandang hapon", "magandang gabi", "mabuhay"],
      thanks: ["maraming salamat", "salamat"],
      farewell: ["paalam", "ingat"],
      apology: ["pasensya na", "pasensya"],
      yes: ["opo", "oo"],
    },
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
      farewell: ["sampai jumpa", "selamat tinggal", "dadah"],
      apology: ["maaf"],
      ack: ["baik", "oke"],
    },
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
      farewell: ["tchau", "até logo", "ate logo"],
      apology: ["desculpa", "desculpe"],
    },
  },
  {
    code: "es",
    name: "Spanish",
    phrases: {
      greeting: ["buenos días", "buenos dias", "buenas tardes", "buenas noches", "hola"],
      thanks: ["muchas gracias", "gracias"],
      farewell: ["adiós", "adios", "hasta luego"],
      apology: ["perdón", "perdon", "lo siento"],
    },
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
      farewell: ["au revoir"],
    },
  },
  {
    code: "de",
    name: "German",
    phrases: {
      greeting: ["guten tag", "hallo"],
      thanks: ["vielen dank", "danke schön", "danke"],
      farewell: ["tschüss"],
    },
  },
];

/** Every phrase of the table with its kind. */
export function smallTalkLanguagePhrases(
  languages: readonly SmallTalkLanguage[] = SMALL_TALK_LANGUAGES,
): { phrase: string; kind: ForeignSmallTalkKind }[] {
  return languages.flatMap((l) =>
    Object.entries(l.phrases).flatMap(([kind, phrases]) =>
      (phrases ?? []).map((phrase) => ({
        phrase: phrase.normalize("NFKC").toLowerCase(),
        kind: kind as ForeignSmallTalkKind,
      })),
    ),
  );
}
