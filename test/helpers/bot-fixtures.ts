/**
 * Test wiring for the bot: a small catalogue of test programs (clearly test data, shaped like
 * knowledge/wards), the real catalogue when all five ward files are present, the real search
 * engine built over either, and `createTestDeps()` with a memory store, a recording messenger
 * and a logger whose lines the test can read.
 */
import { Writable } from "node:stream";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { loadConfig, type Config } from "../../src/config.js";
import { createDeps, type Deps } from "../../src/deps.js";
import { loadCatalogue, DEFAULT_KNOWLEDGE_DIR, type Catalogue } from "../../src/knowledge/load.js";
import { loadGazetteer } from "../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../src/knowledge/vocabulary.js";
import { STATUSES, TOPIC_TAGS, type Program, type Ward, type WardFile } from "../../src/knowledge/schema.js";
import { KNOWLEDGE_WARDS } from "../../src/knowledge/known-wards.js";
import { createLogger } from "../../src/logging.js";
import { createRecordingMessenger, type RecordingMessenger } from "../../src/line/recording-messenger.js";
import { createEmbeddedStore } from "../../src/store/embedded/index.js";
import { assembleIndex } from "../../src/search/prebuilt-index.js";
import { programToSearchDoc } from "../../src/search/program-doc.js";
import { createSearchEngine } from "../../src/search/search-engine.js";
import { loadSearchEngine } from "../../src/search/load-engine.js";
import type { SearchEngine } from "../../src/search/types.js";

const WARDS = KNOWLEDGE_WARDS.names;

const base = {
  budgetLine: "まちづくり推進経費" as const,
  parent: null,
  isNew: false,
  places: [] as string[],
  audience: [] as string[],
};

/** Test programs (not the real catalogue): each status, several topics, all five wards. */
export const TEST_PROGRAMS: Program[] = [
  {
    ...base,
    id: "chuo-f-07",
    ward: "中央区",
    budgetLine: "復興支援自治推進経費",
    no: "7",
    name: "地域防災力強化経費",
    description: "自主防災クラブの防災訓練や防災講座を支援します。地域の防災力を高めます。",
    heading: "安全安心なまちづくり",
    figures: { initial: 1500, sept: 1500, feb: 1500, settlement: 1499 },
    status: "実施",
    statusReason: "予定どおり実施しました",
    tags: ["防災"],
  },
  {
    ...base,
    id: "chuo-m-15",
    ward: "中央区",
    no: "15",
    name: "中学生と乳幼児の交流事業",
    description: "中学生が乳幼児とふれあい、命の大切さを学ぶ交流事業です。",
    heading: "子育てを支えるまちづくり",
    figures: { initial: 300, sept: 300, feb: 0, settlement: 0 },
    status: "中止",
    statusReason: "新型コロナウイルス感染症の影響により中止",
    residentNote: "新型コロナウイルスの 影響で 中止に なりました。",
    tags: ["子育て", "交流"],
    audience: ["中学生", "乳幼児"],
  },
  {
    ...base,
    id: "chuo-m-18",
    ward: "中央区",
    no: "18",
    name: "空き店舗・テナント活用事業",
    description: "空き店舗を地域の集いの場として活用します。",
    heading: "にぎわいのあるまちづくり",
    figures: { initial: null, sept: null, feb: null, settlement: null },
    status: "予算外",
    statusReason: "予算のない取組です",
    tags: ["地域活動"],
    places: ["大江"],
  },
  {
    ...base,
    id: "higashi-m-10",
    ward: "東区",
    no: "10",
    name: "あさひばみんなの防災フェスタ開催経費",
    description: "子どもから高齢者まで楽しく防災を学べるフェスタを開きます。",
    heading: "災害に強いまちづくり",
    figures: { initial: 2000, sept: 2000, feb: 2000, settlement: 1800 },
    status: "実施",
    statusReason: "予定どおり実施しました",
    tags: ["防災", "イベント"],
  },
  {
    ...base,
    id: "higashi-m-16",
    ward: "東区",
    no: "16",
    name: "東区民まつり開催経費",
    description: "区民が集うおまつりを開きます。",
    heading: "ふれあいのあるまちづくり",
    figures: { initial: 5000, sept: 5000, feb: 0, settlement: 0 },
    status: "未実施",
    statusReason: "決算額が0円のため、令和2年度は実施されていません",
    tags: ["イベント", "交流"],
  },
  {
    ...base,
    id: "higashi-m-04",
    ward: "東区",
    no: "4",
    name: "地域交流スペース活用支援事業",
    description: "地域交流スペースで高齢者の健康づくり教室を開きます。",
    heading: "健やかなまちづくり",
    figures: { initial: 800, sept: 800, feb: 800, settlement: 400 },
    status: "一部実施",
    statusReason: "一部の教室だけ実施しました",
    tags: ["健康", "介護・高齢者"],
    audience: ["高齢者"],
  },
  {
    ...base,
    id: "nishi-m-06",
    ward: "西区",
    no: "6",
    name: "西区農水産チャレンジプログラム",
    description: "農業や水産業の体験を通して地域の魅力を伝えます。",
    heading: "魅力あるまちづくり",
    figures: { initial: 1200, sept: 1200, feb: 1200, settlement: 1150 },
    status: "実施",
    statusReason: "予定どおり実施しました",
    tags: ["農業・産業", "魅力発信"],
  },
  {
    ...base,
    id: "nishi-f-09",
    ward: "西区",
    budgetLine: "復興支援自治推進経費",
    no: "9",
    name: "西区防災講座開催経費",
    description: "地域の防災講座を開きます。",
    heading: "災害に強いまちづくり",
    figures: { initial: 600, sept: 600, feb: 600, settlement: 590 },
    status: "実施",
    statusReason: "予定どおり実施しました",
    tags: ["防災", "学び・講座"],
  },
  {
    ...base,
    id: "minami-m-08",
    ward: "南区",
    no: "8",
    name: "南区防災バスツアー開催経費",
    description: "防災施設をバスでめぐるツアーです。",
    heading: "安全なまちづくり",
    figures: { initial: 700, sept: 700, feb: 700, settlement: 0 },
    status: "未実施",
    statusReason: "決算額が0円のため、令和2年度は実施されていません",
    tags: ["防災"],
  },
  {
    ...base,
    id: "minami-m-14-1",
    ward: "南区",
    no: "14",
    parent: "minami-m-14",
    name: "【幸田】花のまちづくり事業",
    description: "幸田校区で花を植えて、まちを明るくします。",
    heading: "緑のまちづくり",
    figures: { initial: 100, sept: 100, feb: 100, settlement: 100 },
    status: "実施",
    statusReason: "予定どおり実施しました",
    tags: ["環境", "地域活動"],
    places: ["幸田"],
  },
  {
    ...base,
    id: "kita-m-01",
    ward: "北区",
    no: "1",
    name: "北区笑顔交流プロジェクト",
    description: "こどもまつりなど、世代をこえた交流の場をつくります。",
    heading: "ふれあいのまちづくり",
    isNew: true,
    figures: { initial: 2500, sept: 2500, feb: 2500, settlement: 2400 },
    status: "実施",
    statusReason: "予定どおり実施しました",
    tags: ["交流", "子育て", "イベント"],
  },
  {
    ...base,
    id: "kita-f-06",
    ward: "北区",
    budgetLine: "復興支援自治推進経費",
    no: "6",
    name: "避難所運営委員会設立及び活動助成経費",
    description: "避難所運営委員会の設立と活動に助成金を出します。",
    heading: "災害に強いまちづくり",
    figures: { initial: 900, sept: 900, feb: 900, settlement: 880 },
    status: "実施",
    statusReason: "予定どおり実施しました",
    tags: ["防災", "補助金"],
  },
];

function wardFile(ward: Ward, programs: Program[]): WardFile {
  const zero = { initial: 0, sept: 0, feb: 0, settlement: 0 };
  return {
    ward,
    slug: KNOWLEDGE_WARDS.slugOf(ward),
    fiscalYear: "令和2年度",
    source: `テスト用データ（${ward}）`,
    vision: "テスト",
    basicPolicies: [],
    headings: [],
    totals: { まちづくり推進経費: zero, 復興支援自治推進経費: zero },
    notes: [],
    programs,
  };
}

/** A catalogue over the given programs (test data). */
export function catalogueOf(programs: Program[]): Catalogue {
  const wards = WARDS.map((w) =>
    wardFile(
      w,
      programs.filter((p) => p.ward === w),
    ),
  );
  return { wards, programs, byId: new Map(programs.map((p) => [p.id, p])) };
}

/** The real catalogue when every ward file exists; otherwise null. */
export function realCatalogue(): Catalogue | null {
  let files: string[] = [];
  try {
    files = readdirSync(join(DEFAULT_KNOWLEDGE_DIR, "wards")).filter((f) => f.endsWith(".json"));
  } catch {
    return null;
  }
  if (files.length < WARDS.length) return null;
  return loadCatalogue();
}

/** The real engine over a catalogue, indexed at test time (readings from the vocabulary lexicon only). */
export function searchOver(catalogue: Catalogue): SearchEngine {
  const index = assembleIndex(
    catalogue.programs.map(programToSearchDoc),
    { words: {}, stop: [] },
    () => "",
    "test",
  );
  return createSearchEngine(index, loadVocabulary(), loadGazetteer());
}

/** The production engine: the committed prebuilt index over the real catalogue. */
export function realSearch(): SearchEngine {
  return loadSearchEngine();
}

/** A writable that keeps every JSON log line, for privacy and log-shape checks. */
export function logSink(): {
  stream: Writable;
  lines: () => Array<Record<string, unknown>>;
  raw: () => string;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  const raw = () => chunks.join("");
  return {
    stream,
    raw,
    lines: () =>
      raw()
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** A local instance's configuration on the memory store, quiet, for tests that call createDeps themselves. */
export function memoryStoreConfig(): Config {
  return loadConfig(
    {
      APP_MODE: "local",
      STORE: "memory",
      LOG_LEVEL: "silent",
      USER_HASH_KEY: "test-user-hash-key-0123456789",
    },
    { defaultMode: "local" },
  );
}

export interface TestDeps extends Deps {
  messenger: RecordingMessenger;
  logs: ReturnType<typeof logSink>;
}

/** Deps for tests: memory store, recording messenger, captured logs, test catalogue (or overrides). */
export async function createTestDeps(
  overrides: Partial<Deps> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<TestDeps> {
  const config = loadConfig({ APP_MODE: "local", USER_HASH_KEY: "test-user-hash-key-0123456789", ...env });
  const logs = logSink();
  const catalogue = overrides.catalogue ?? catalogueOf(TEST_PROGRAMS);
  const messenger = createRecordingMessenger();
  const deps = await createDeps(config, {
    store: createEmbeddedStore(),
    messenger,
    logger: createLogger({ level: "info", destination: logs.stream }),
    catalogue,
    search: overrides.search ?? searchOver(catalogue),
    ...overrides,
  });
  return { ...deps, messenger: deps.messenger as RecordingMessenger, logs };
}

/** An arbitrary catalogue-shaped program, for property tests of the builders. */
export const programArb: fc.Arbitrary<Program> = fc
  .record({
    ward: fc.constantFrom(...WARDS),
    m: fc.constantFrom("m", "f"),
    no: fc.integer({ min: 1, max: 99 }),
    sub: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
    name: fc.string({ minLength: 1, maxLength: 80, unit: "grapheme" }),
    description: fc.string({ minLength: 1, maxLength: 600, unit: "grapheme" }),
    heading: fc.string({ minLength: 1, maxLength: 60, unit: "grapheme" }),
    isNew: fc.boolean(),
    figures: fc.record({
      initial: fc.option(fc.integer({ min: 0, max: 99_999_999 }), { nil: null }),
      sept: fc.option(fc.integer({ min: 0, max: 99_999_999 }), { nil: null }),
      feb: fc.option(fc.integer({ min: 0, max: 99_999_999 }), { nil: null }),
      settlement: fc.option(fc.integer({ min: 0, max: 99_999_999 }), { nil: null }),
    }),
    figureNotes: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
    status: fc.constantFrom(...STATUSES),
    statusReason: fc.string({ minLength: 1, maxLength: 300, unit: "grapheme" }),
    tags: fc.uniqueArray(fc.constantFrom(...TOPIC_TAGS), { minLength: 1, maxLength: 5 }),
    places: fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 8 }),
    audience: fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 8 }),
  })
  .map((r): Program => {
    const id = `${KNOWLEDGE_WARDS.slugOf(r.ward)}-${r.m}-${String(r.no).padStart(2, "0")}${r.sub ? `-${r.sub}` : ""}`;
    const p: Program = {
      id,
      ward: r.ward,
      budgetLine: r.m === "m" ? "まちづくり推進経費" : "復興支援自治推進経費",
      no: String(r.no),
      parent: null,
      name: r.name,
      description: r.description,
      heading: r.heading,
      isNew: r.isNew,
      figures: r.figures,
      status: r.status,
      statusReason: r.statusReason,
      tags: r.tags,
      places: r.places,
      audience: r.audience,
    };
    if (r.figureNotes !== undefined) p.figureNotes = r.figureNotes;
    return p;
  });
