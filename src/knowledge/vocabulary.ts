/**
 * The municipal search vocabulary in `knowledge/vocabulary.json`: synonym groups, words that
 * only signal intent, and everyday needs mapped to the catalogue's topics and audiences. The
 * schema is pure; `loadVocabulary` is the edge that reads the file.
 */
import { join } from "node:path";
import * as z from "zod";
import { lazySchema } from "../lazy-schema.js";
import { readKnowledgeJson } from "./checked-file.js";
import { DEFAULT_KNOWLEDGE_DIR } from "./load.js";

/** A group of words that expand to each other. */
export const SynonymGroupSchema = lazySchema(() =>
  z
    .object({
      /** Words that mean the same thing to a resident; each expands to the others. */
      terms: z.array(z.string().min(1)).min(2),
      source: z.string().min(1),
    })
    .strict(),
);

/** An everyday need: cue phrases → catalogue words and audiences. */
export const NeedSchema = lazySchema(() =>
  z
    .object({
      /** Phrases a resident uses to describe the situation (any one present triggers the need). */
      cues: z.array(z.string().min(1)).min(1),
      /** Catalogue words (topics, activities) that answer the need. */
      expand: z.array(z.string().min(1)).min(1),
      /** Who the need points to (高齢者, 子育て世帯, 外国人, 学生 …). */
      audience: z.array(z.string()),
      source: z.string().min(1),
    })
    .strict(),
);

/**
 * A municipal service topic the catalogue of まちづくり programs does not cover (ごみ, 戸籍, 税 …):
 * a question naming one is answered by another desk, so the engine abstains.
 */
export const OutOfScopeSchema = lazySchema(() =>
  z
    .object({
      topic: z.string().min(1),
      /** Phrases that name the topic (粗大ごみ, 住民票 …). */
      terms: z.array(z.string().min(1)).min(1),
      /** Longer phrases containing a term that describe the asker, not the topic (年金暮らし). */
      except: z.array(z.string().min(1)).default([]),
      source: z.string().min(1),
      /** Where to ask instead (a desk or a page), when staff said; the bot passes it on. */
      where: z.string().min(1).optional(),
    })
    .strict(),
);

/**
 * Words that ask for a detail of a program the catalogue does not hold: when, what time, whom to
 * call, where it is held, what it costs to take part, how to take part.
 */
export const DETAIL_KINDS = ["date", "time", "contact", "place", "cost", "join"] as const;

/** Words that ask for a detail of a program the catalogue does not hold (a date, a phone number). */
export const DetailQuestionSchema = lazySchema(() =>
  z
    .object({
      kind: z.enum(DETAIL_KINDS),
      cues: z.array(z.string().min(1)).min(1),
    })
    .strict(),
);

/** Every kind of small talk, for validation and tests. */
export const SMALL_TALK_KINDS = [
  "greeting",
  "thanks",
  "ack",
  "yes",
  "no",
  "weather",
  "farewell",
  "emoji",
  "chat",
  "apology",
] as const;

/** Small talk: phrases per kind, and the fillers that may surround them (今日は, ですね). */
export const SmallTalkSchema = lazySchema(() =>
  z
    .object({
      about: z.string(),
      kinds: z.array(
        z
          .object({
            kind: z.enum(SMALL_TALK_KINDS),
            phrases: z.array(z.string().min(1)).min(1),
          })
          .strict(),
      ),
      /**
       * A letter's closing wish for the reader (お体 大切に, ご自愛ください): objects (their body,
       * their health) and wishes, read in every combination as a farewell.
       */
      wellWishes: z
        .object({
          about: z.string(),
          objects: z.array(z.string().min(1)),
          wishes: z.array(z.string().min(1)),
          /**
           * Whom a wish is addressed to (皆様, 皆さん, 職員, スタッフ, あなた): with a noun and の
           * before it (区役所の皆さんも) and a particle after it, the one the wish is for.
           */
          addressees: z.array(z.string().min(1)).default([]),
        })
        .strict()
        .optional(),
      /**
       * A closing promise of a later act of the writer's own (また聞きます, 何かあったら連絡します,
       * 今度行ってみます, I'll ask again): read by grammar in src/search/promise.ts.
       */
      promises: z
        .object({
          about: z.string(),
          /** Verbs of asking, contacting and visiting, in their dictionary form. */
          acts: z
            .array(z.object({ verb: z.string().min(1), ichidan: z.boolean().optional() }).strict())
            .min(1),
          /** Words that put the act later (また, 今度, 改めて, その時は). */
          times: z.array(z.string().min(1)).min(1),
          /** A condition on an indefinite thing: 分からない + 事 + が + あったら. */
          condition: z
            .object({
              modifiers: z.array(z.string().min(1)),
              nouns: z.array(z.string().min(1)),
              predicates: z.array(z.string().min(1)).min(1),
            })
            .strict(),
          /** The English class: (ok,) I'll + act + tails (you, again, later) + a condition. */
          english: z
            .object({
              openers: z.array(z.string().min(1)),
              adverbs: z.array(z.string().min(1)),
              acts: z.array(z.string().min(1)).min(1),
              tails: z.array(z.string().min(1)),
              conditions: z.array(z.string().min(1)),
            })
            .strict()
            .optional(),
        })
        .strict()
        .optional(),
      /**
       * The closing words of a letter or a message, read as a farewell: Japanese 結語 (敬具,
       * かしこ) and 〜を込めて, English valedictions (Kind regards, Cheers, All the best), and the
       * dialects' "well then" said as goodbye (北海道 したっけ, 関西 ほな).
       */
      closings: z
        .object({ about: z.string(), phrases: z.array(z.string().min(1)).min(1) })
        .strict()
        .optional(),
      fillers: z.array(z.string().min(1)),
    })
    .strict(),
);

/**
 * A live status (what is open, running or issued right now): a yearly catalogue of programs never
 * holds one, so an asking clause that asks for it is answered with where to ask instead.
 */
export const LiveStatusSchema = lazySchema(() =>
  z
    .object({
      about: z.string(),
      /** What the refusal names (resident-facing, やさしい日本語). */
      topic: z.string().min(1),
      /** Words for this very moment (今日, 今夜, 現在); 今 alone counts unless it starts a compound (今年). */
      moments: z.array(z.string().min(1)).min(1),
      /** Operational states asked about (開いている, 受付している, 発令, 出ている). */
      states: z.array(z.string().min(1)).min(1),
    })
    .strict(),
);

/**
 * What a procedure question (申請, 手続き) needs of a program: that residents apply to it. A
 * question for a procedure whose best programs offer nothing to apply for (小学校の手続き against
 * programs held at schools) asks a service the catalogue does not give: refused with where to ask.
 */
export const ApplicationsSchema = lazySchema(() =>
  z
    .object({
      about: z.string(),
      /** What the refusal names (resident-facing, やさしい日本語). */
      topic: z.string().min(1),
      /** Words in a program's own text that say residents apply to it (助成, 補助, 募集 …). */
      offers: z.array(z.string().min(1)).min(1),
      /** Words that make a procedure one for joining a program (参加, 入会): the program's own. */
      joins: z.array(z.string().min(1)).default([]),
    })
    .strict(),
);

/**
 * A relation a resident asks to have with a thing — buy it, get money for oneself, move into
 * housing, reach a consultation desk — that a catalogue of community programs gives only when a
 * program offers it: the asked part must say one phrase of every group of `asks` (the relation,
 * and when it needs one, who asks: 個人で, 一般の人), and when none of the best programs' own text
 * says one of `offers`, the catalogue shares the words but not the thing (田崎市場 is a program's
 * field trip, not a shop; 補助金 are the groups'): refused with where to ask instead.
 */
export const RelationSchema = lazySchema(() =>
  z
    .object({
      /** What the refusal names (resident-facing, やさしい日本語). */
      topic: z.string().min(1),
      /** Phrase groups; the asked part must say one phrase of each. */
      asks: z.array(z.array(z.string().min(1)).min(1)).min(1),
      /** Words in a program's own text that say it gives this relation (販売, 相談, 入居者募集). */
      offers: z.array(z.string().min(1)).default([]),
      /**
       * How many of the best programs are read for the offer (default three, as a resident reads
       * the first cards); one for a relation any program may offer about something else (a
       * consultation desk: the health consultations are no desk for an empty house).
       */
      from: z.number().int().min(1).optional(),
      /**
       * A phrase that begins with a kanji counts only where a word begins (家が, not 専門家が or
       * 空き家が): for groups whose phrases are a short noun with its particle.
       */
      wordStart: z.boolean().optional(),
      source: z.string().optional(),
    })
    .strict(),
);

/**
 * A detail of a service that a yearly catalogue of programs does not record (the age a benefit
 * stops at, which days a room is free): asked in the clause that asks, it is refused with where
 * to ask instead, unless one of the best programs' own text gives such a detail (`givenBy`: 歳
 * in 「65歳以上の方」).
 */
export const UnheldDetailSchema = lazySchema(() =>
  z
    .object({
      /** What the refusal names (resident-facing, やさしい日本語). */
      topic: z.string().min(1),
      /** Phrases that ask for the detail (何歳まで, 空いている日). */
      cues: z.array(z.string().min(1)).min(1),
      /** Words in a program's own text that give the detail; none: no program gives it. */
      givenBy: z.array(z.string().min(1)).default([]),
    })
    .strict(),
);

/** Who a message is about: cue phrases, and for 高齢者 the age from which a stated age counts. */
export const AudienceCueSchema = lazySchema(() =>
  z
    .object({
      audience: z.string().min(1),
      cues: z.array(z.string().min(1)).min(1),
      /** 「80歳」「70代」 at or above this age name the audience. */
      ageFrom: z.number().int().positive().optional(),
      /**
       * Audiences a resident who names this one in the context of a message also belongs to: one who
       * writes of a child (うちの子ども, 孫) is a family raising it (子育て世帯).
       */
      implies: z.array(z.string().min(1)).optional(),
    })
    .strict(),
);

/**
 * A foreign language's section: its words (under the language's own key: `en`, `zh`, `vi`) mapped
 * to the catalogue's Japanese words, the words that carry no topic (pronouns, particles, question
 * forms: they also mark a message as that language), and the words or phrases that make a
 * sentence the asking part. One shape for every language, so a new language is one key.
 */
function languageSection<K extends string>(key: K) {
  const entry = { [key]: z.array(z.string().min(1)).min(1), ja: z.string().min(1) } as {
    [P in K]: z.ZodArray<z.ZodString>;
  } & { ja: z.ZodString };
  return z
    .object({
      about: z.string(),
      words: z.array(z.object(entry).strict()),
      stopWords: z.array(z.string().min(1)),
      askCues: z.array(z.string().min(1)),
    })
    .strict();
}

/** English words foreign residents use (stop words: is, there, any, my …; ask cues: ?, is there, i want …). */
export const EnglishSchema = lazySchema(() => languageSection("en"));

/**
 * Chinese (simplified and traditional) words residents from Taiwan, Hong Kong and China use; read
 * after the characters are folded to Japanese forms (src/search/chinese.ts), so an entry written in
 * either script matches both (stop words: 我, 的, 请问 …; ask cues: 请问, 有没有, 哪里, 怎么, 想 …;
 * 吗 and 呢 at a sentence's end always ask).
 */
export const ChineseSchema = lazySchema(() => languageSection("zh"));

/**
 * Vietnamese words residents use; read with the tone marks and đ folded on both sides
 * (src/search/vietnamese.ts), so an entry matches a message typed with or without them (stop
 * words: tôi, của, ạ, xin hỏi …; ask cues: không, ở đâu, khi nào, muốn …; a question mark always asks).
 */
export const VietnameseSchema = lazySchema(() => languageSection("vi"));

/** The whole vocabulary file. */
export const VocabularySchema = lazySchema(() =>
  z
    .object({
      about: z.string(),
      synonyms: z.array(SynonymGroupSchema),
      /** Phrases that only signal intent (教えて, ありますか, したい …): not counted as content. */
      intentWords: z.array(z.string().min(1)),
      /** Function words and fillers (の, で, って, なんか …). */
      stopWords: z.array(z.string().min(1)),
      /**
       * Words that only say "a program" in this domain (取組, 事業, 活動, 催し …): they count for
       * coverage and score, but weakly, so they never outweigh the topic of a question.
       */
      genericWords: z.array(z.string().min(1)).default([]),
      needs: z.array(NeedSchema),
      /** Municipal topics outside the catalogue: questions about them abstain. */
      outOfScope: z.array(OutOfScopeSchema).default([]),
      /** Questions for a program's date, time, contact or place: answered with the cards, minus the detail. */
      detailQuestions: z.array(DetailQuestionSchema).default([]),
      /**
       * Words that ask how to apply for something (申請, 手続き …): such a question names the thing it
       * applies for, so the best program must cover that thing, however long the question.
       */
      procedureWords: z.array(z.string().min(1)).default([]),
      /**
       * Nouns that are about another thing (補助, 料金, 相談先, 予約 …): a question that asks for one
       * of them asks about its object, so an out-of-scope object named before it (耐震診断を受けたい。
       * 補助は？) is still what is asked.
       */
      relationalNouns: z.array(z.string().min(1)).default([]),
      /** Phrases that make a clause the part of a message that asks (ありますか, 教えて, 〜なかと). */
      askCues: z.array(z.string().min(1)).default([]),
      /** Conjunctions that end a clause inside a sentence (けど, ので, ばってん): voice input has no 。. */
      clauseBreaks: z.array(z.string().min(1)).default([]),
      smallTalk: SmallTalkSchema.optional(),
      liveStatus: LiveStatusSchema.optional(),
      applications: ApplicationsSchema.optional(),
      relations: z.array(RelationSchema).default([]),
      unheldDetails: z.array(UnheldDetailSchema).default([]),
      audiences: z.array(AudienceCueSchema).default([]),
      english: EnglishSchema.optional(),
      chinese: ChineseSchema.optional(),
      vietnamese: VietnameseSchema.optional(),
    })
    .strict(),
);
/** The vocabulary. */
export type Vocabulary = z.infer<typeof VocabularySchema>;
/** An out-of-scope topic. */
export type OutOfScope = z.infer<typeof OutOfScopeSchema>;
/** What a detail question asks for. */
export type DetailKind = z.infer<typeof DetailQuestionSchema>["kind"];
/** A need. */
export type Need = z.infer<typeof NeedSchema>;

/**
 * Reads and validates `knowledge/vocabulary.json`. Throws naming the file on error. `checked`:
 * the digest of the file as checked at build time (src/knowledge/checked-file.ts); bytes with
 * that digest are read without checking them again.
 */
export function loadVocabulary(dir: string = DEFAULT_KNOWLEDGE_DIR, checked?: string): Vocabulary {
  return readKnowledgeJson(
    join(dir, "vocabulary.json"),
    "knowledge/vocabulary.json",
    VocabularySchema,
    checked,
  );
}
