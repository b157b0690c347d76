/**
 * The shape of the ward-program catalogue in `knowledge/`. Every data file is validated
 * against these schemas at build and test time, so a transcription slip fails loudly.
 */
import * as z from "zod";
import { lazySchema } from "../lazy-schema.js";
import { KNOWLEDGE_WARDS } from "./known-wards.js";
import type { Ward } from "./wards.js";

/**
 * A ward name as staff input gives it: one of the shipped registry's wards (knowledge/gazetteer.json,
 * see known-wards.ts for why this schema uses the shipped registry).
 */
export const WardSchema = lazySchema(() =>
  z.string().refine((w) => KNOWLEDGE_WARDS.has(w), { error: "その区は ありません。" }),
);
export type { Ward };
/**
 * The ward field of catalogue data: any name (files and sheets are checked against the registry
 * they are loaded with, src/knowledge/load.ts and src/catalogue/sheet.ts).
 */
const WardName = lazySchema(() => z.string().min(1));
/**
 * Program ids with or without the fiscal-year prefix. The ward part is any lower-case slug, so a
 * new ward needs no code change here.
 */
export const PROGRAM_ID_PATTERN = /^(fy[0-9]{4}-)?[a-z]+-(m|f)-[0-9a-z]+(-[0-9a-z]+)?$/;

export const BUDGET_LINES = ["まちづくり推進経費", "復興支援自治推進経費"] as const;
export const BudgetLineSchema = lazySchema(() => z.enum(BUDGET_LINES));
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

/** Thousand yen; null where the sheet's figure cannot be determined (see `figureNotes`). */
const Amount = lazySchema(() => z.number().int().nonnegative().nullable());

/** Figures in thousand yen, as printed: 当初予算, 9月補正後, 2月補正後, 決算額. */
export const FiguresSchema = lazySchema(() =>
  z.object({
    initial: Amount,
    sept: Amount,
    feb: Amount,
    settlement: Amount,
  }),
);
export type Figures = z.infer<typeof FiguresSchema>;

/**
 * 実施: ran; 一部実施: ran in part (settlement well below budget, or the sheet says so);
 * 中止: cancelled per the sheet; 未実施: settlement 0; 予算外: the row is dashes (no budget);
 * 予定: planned — a year in progress whose settlement is not known yet (imported sheets).
 */
export const STATUSES = ["実施", "一部実施", "中止", "未実施", "予算外", "予定"] as const;
export const StatusSchema = lazySchema(() => z.enum(STATUSES));
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
export const TopicTagSchema = lazySchema(() => z.enum(TOPIC_TAGS));
export type TopicTag = z.infer<typeof TopicTagSchema>;

export const ProgramSchema = lazySchema(() =>
  z
    .object({
      /**
       * Stable id: `[fy<year>-]<wardSlug>-<m|f>-<no>[-<sub no>]`, e.g. `fy2021-minami-m-16-4`. The
       * files in knowledge/ carry the FY2020 ids without the prefix (`minami-m-16-4`); the store's
       * catalogue prefixes the fiscal year and keeps the old id as `legacyId`.
       */
      id: z.string().regex(PROGRAM_ID_PATTERN),
      ward: WardName,
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
      // Fields below are set by the store's catalogue (src/catalogue), never in knowledge/ files.
      /** The fiscal year (2020 for 令和2年度). */
      fiscalYear: z.number().int().min(2000).max(2100).optional(),
      /** Its 和暦 label, e.g. 「令和3年度」. */
      fiscalYearLabel: z.string().min(1).optional(),
      /** The id the program had before ids carried the year (FY2020 only): old postbacks use it. */
      legacyId: z.string().optional(),
      /** 担当課: the section in charge, as staff wrote it. */
      department: z.string().optional(),
      /** How to reach the section (a phone number or a desk), as staff wrote it. */
      contact: z.string().optional(),
      /** A page about the program (https only). */
      url: z.string().url().startsWith("https://").optional(),
      /** Resident phrasings staff attached ("also asked as"): searched, never shown. */
      alsoAskedAs: z.array(z.string().min(1)).optional(),
      /** 最終更新日: epoch ms of the last import or edit, and who made it. */
      updatedAt: z.number().int().optional(),
      updatedBy: z.string().optional(),
    })
    .strict(),
);
export type Program = z.infer<typeof ProgramSchema>;

const LineTotalsSchema = lazySchema(() =>
  z.object({ initial: Amount, sept: Amount, feb: Amount, settlement: Amount }),
);

export const WardFileSchema = lazySchema(() =>
  z
    .object({
      ward: WardName,
      slug: z.string().regex(/^[a-z]+$/),
      /** The 和暦 label of the fiscal year, e.g. 「令和2年度」. */
      fiscalYear: z.string().regex(/^(令和|平成)(元|[0-9]+)年度$/),
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
    .strict(),
);
export type WardFile = z.infer<typeof WardFileSchema>;
