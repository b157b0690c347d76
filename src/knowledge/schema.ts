/**
 * The shape of the ward-program catalogue in `knowledge/`. Every data file is validated
 * against these schemas at build and test time, so a transcription slip fails loudly.
 */
import { z } from "zod";

export const WARDS = ["中央区", "東区", "西区", "南区", "北区"] as const;
export const WardSchema = z.enum(WARDS);
export type Ward = z.infer<typeof WardSchema>;

/** URL-safe slugs used in ids, postback data and file names. */
export const WARD_SLUGS = {
  中央区: "chuo",
  東区: "higashi",
  西区: "nishi",
  南区: "minami",
  北区: "kita",
} as const satisfies Record<Ward, string>;
export type WardSlug = (typeof WARD_SLUGS)[Ward];
export const wardFromSlug = (slug: string): Ward | undefined => WARDS.find((w) => WARD_SLUGS[w] === slug);

export const BUDGET_LINES = ["まちづくり推進経費", "復興支援自治推進経費"] as const;
export const BudgetLineSchema = z.enum(BUDGET_LINES);
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

/** Thousand yen; null where the sheet's figure cannot be determined (see `figureNotes`). */
const Amount = z.number().int().nonnegative().nullable();

/** Figures in thousand yen, as printed: 当初予算, 9月補正後, 2月補正後, 決算額. */
export const FiguresSchema = z.object({
  initial: Amount,
  sept: Amount,
  feb: Amount,
  settlement: Amount,
});
export type Figures = z.infer<typeof FiguresSchema>;

/**
 * 実施: ran; 一部実施: ran in part (settlement well below budget, or the sheet says so);
 * 中止: cancelled per the sheet; 未実施: settlement 0; 予算外: the row is dashes (no budget).
 */
export const STATUSES = ["実施", "一部実施", "中止", "未実施", "予算外"] as const;
export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

export const TOPIC_TAGS = [
  "防災",
  "ICT",
  "補助金",
  "子育て",
  "健康",
  "介護・高齢者",
  "交流",
  "多文化共生",
  "スポーツ",
  "魅力発信",
  "担い手育成",
  "復興・被災者支援",
  "防犯・交通安全",
  "地域活動",
  "環境",
  "文化・歴史",
  "イベント",
  "調査・研究",
  "情報発信",
  "学び・講座",
  "福祉",
  "まちなみ・景観",
  "農業・産業",
] as const;
export const TopicTagSchema = z.enum(TOPIC_TAGS);
export type TopicTag = z.infer<typeof TopicTagSchema>;

export const ProgramSchema = z
  .object({
    /** Stable id: `<wardSlug>-<m|f>-<no, 2 digits>[-<sub no>]`, e.g. `minami-m-16-4`. */
    id: z.string().regex(/^(chuo|higashi|nishi|minami|kita)-(m|f)-[0-9a-z]+(-[0-9a-z]+)?$/),
    ward: WardSchema,
    budgetLine: BudgetLineSchema,
    /** The number as printed (e.g. "16", "③"); null when the sheet prints none. */
    no: z.string().nullable(),
    /** Id of the parent program for sub-items (南区 ①…⑥), else null. */
    parent: z.string().nullable(),
    name: z.string().min(1),
    description: z.string().min(1),
    /** The policy heading the program sits under, as printed. */
    heading: z.string().min(1),
    isNew: z.boolean(),
    figures: FiguresSchema,
    /** Why a figure is null or odd, in a short sentence. */
    figureNotes: z.string().optional(),
    status: StatusSchema,
    /**
     * How the status was decided, for staff (the catalogue, `knowledge show`, the console): it
     * may cite the sheet's rows and totals. Residents see `residentNote` or plain words derived
     * from the status instead (src/replies/program-words.ts).
     */
    statusReason: z.string().min(1),
    /**
     * Why the status is what it is, in plain words for residents (やさしい日本語), where the
     * status alone does not say it: e.g. a cancelled program that still spent money. Facts from
     * the sheet only, never row numbers or analysts' reasoning.
     */
    residentNote: z.string().min(1).max(120).optional(),
    tags: z.array(TopicTagSchema).min(1),
    places: z.array(z.string()),
    /** Who it is for, where the text says (e.g. 高齢者, 子育て世帯, 外国人, 中学生). */
    audience: z.array(z.string()),
  })
  .strict();
export type Program = z.infer<typeof ProgramSchema>;

const LineTotalsSchema = z.object({ initial: Amount, sept: Amount, feb: Amount, settlement: Amount });

export const WardFileSchema = z
  .object({
    ward: WardSchema,
    slug: z.enum(["chuo", "higashi", "nishi", "minami", "kita"]),
    fiscalYear: z.literal("令和2年度"),
    source: z.string(),
    vision: z.string(),
    basicPolicies: z.array(z.string()),
    headings: z.array(z.string()),
    /** Printed totals (計/合計) per budget line. */
    totals: z.object({
      まちづくり推進経費: LineTotalsSchema,
      復興支援自治推進経費: LineTotalsSchema,
    }),
    /** Notes on how the scrambled extraction was reconstructed, and any unexplained figures. */
    notes: z.array(z.string()),
    programs: z.array(ProgramSchema),
  })
  .strict();
export type WardFile = z.infer<typeof WardFileSchema>;
