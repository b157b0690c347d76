/**
 * `npm run bench:search`: the search engine side by side with its baselines, in one run.
 * - quality on the dev set: plain fuse.js (default options, keys name + description) vs the engine;
 * - latency p50/p99 per query on the catalogue and on synthetic 1,000 / 10,000-document corpora
 *   (engine vs fuse.js over the same documents);
 * - index build time (kuromoji, build time) and engine construction from the prebuilt index;
 * - load time and RSS of a fresh process that answers queries (engine vs fuse.js over the catalogue);
 * - Recall@10 on the municipal FAQ corpus vs BM25 over kuromoji tokens;
 * - the childcare FAQ (dev and holdout, both corpus forms): the engine beside BM25 over kuromoji
 *   tokens and character 2–4-gram TF-IDF (src/cli/faq-baselines.ts).
 * Prints a table and rewrites the "Search" section of docs/benchmarks.md.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Fuse from "fuse.js";
import { loadGazetteer } from "../src/knowledge/gazetteer.js";
import { loadCatalogue } from "../src/knowledge/load.js";
import { loadVocabulary } from "../src/knowledge/vocabulary.js";
import { evaluateFaqSet, readFaqSet } from "../src/cli/faq-eval.js";
import { compareOnFaqSet, kuromojiBm25Rankings } from "../src/cli/faq-baselines.js";
import { kuromojiIndexBuilder } from "../src/catalogue/kuromoji-builder.js";
import { DevSetSchema, evaluateDevSet, evaluateRankings } from "../src/search/evaluate.js";
import { loadPrebuiltIndex } from "../src/search/load-engine.js";
import { buildRuntimeIndex } from "../src/search/runtime-index.js";
import { createSearchEngine } from "../src/search/search-engine.js";
import { createMessageReader, type MessageReader } from "../src/search/analysis.js";
import type { SearchDoc, SearchEngine, SearchHit } from "../src/search/types.js";
import { buildSearchIndex, createTokenizer } from "./build-search-index.js";
import { syntheticDocs } from "./synthetic-docs.js";
import { SERVER_NODE_OPTIONS } from "../src/node-options.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const devPath = process.env.DEV_QUERIES ?? resolve(root, "test/fixtures/queries/dev-queries.json");
const faqDir = join(root, "test/fixtures/search/faq");
const readJson = (p: string): unknown => JSON.parse(readFileSync(p, "utf8"));

/** The obvious build: fuse.js with default options over name + description. */
function fuseEngine(docs: SearchDoc[], read: MessageReader): SearchEngine {
  const fuse = new Fuse(docs, { keys: ["name", "description"] });
  return {
    analyseMessage: read,
    analysePart: read.part,
    search(query, options = {}) {
      const found = fuse.search(query, { limit: options.limit ?? 10 });
      const results: SearchHit[] = found.map((r) => ({
        id: r.item.id,
        ward: r.item.ward,
        name: r.item.name,
        score: 1 - (r.score ?? 0),
        matched: [],
      }));
      return {
        query,
        analysis: read(query),
        decision: results.length === 0 ? { kind: "refuse", reason: "no-match" } : { kind: "answer" },
        ward: null,
        wards: [],
        wardSource: null,
        place: null,
        abstained: results.length === 0,
        confidence: "high",
        asksFor: [],
        total: results.length,
        results,
        suggestions: [],
      };
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function latency(engine: SearchEngine, queries: string[], rounds: number): { p50: number; p99: number } {
  // Warm-up: steady-state latency, after the JIT has compiled the hot paths.
  for (let r = 0; r < 5; r++) for (const q of queries) engine.search(q);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      engine.search(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main() {
  const vocabulary = loadVocabulary();
  const gazetteer = loadGazetteer();
  const catalogue = loadCatalogue();
  const prebuilt = loadPrebuiltIndex();
  const dev = DevSetSchema.parse(readJson(devPath));
  const devQueries = dev.queries.map((q) => q.query);
  const calibration = DevSetSchema.parse(readJson(join(root, "test/fixtures/search/calibration.json")));
  const allQueries = [...devQueries, ...calibration.queries.map((q) => q.query)];

  // Quality on the dev set.
  const engine = createSearchEngine(prebuilt, vocabulary, gazetteer);
  const read = createMessageReader(vocabulary, gazetteer);
  const baseline = fuseEngine(prebuilt.docs, read);
  const qe = evaluateDevSet(engine, dev.queries).overall;
  const qb = evaluateDevSet(baseline, dev.queries).overall;
  const ce = evaluateDevSet(engine, calibration.queries).overall;
  const cb = evaluateDevSet(baseline, calibration.queries).overall;
  // The holdout set was written by another engineer without looking at the engine: the honest measure.
  const holdoutPath = join(root, "test/fixtures/search/holdout.json");
  const holdout = existsSync(holdoutPath) ? DevSetSchema.parse(readJson(holdoutPath)) : null;
  const he = holdout && evaluateDevSet(engine, holdout.queries).overall;
  const hb = holdout && evaluateDevSet(baseline, holdout.queries).overall;
  // The second holdout was measured unseen once; SEARCH-4 then fixed its failure classes, so its
  // numbers are "seen" from then on and printed as such.
  const holdout2Path = join(root, "test/fixtures/search/holdout2.json");
  const holdout2 = existsSync(holdout2Path) ? DevSetSchema.parse(readJson(holdout2Path)) : null;
  const h2e = holdout2 && evaluateDevSet(engine, holdout2.queries).overall;
  const h2b = holdout2 && evaluateDevSet(baseline, holdout2.queries).overall;

  // Construction time from the prebuilt index.
  let t = performance.now();
  createSearchEngine(prebuilt, vocabulary, gazetteer);
  const constructMs = performance.now() - t;

  // Latency: catalogue, 1,000 and 10,000 synthetic documents.
  const lat: {
    corpus: string;
    docs: number;
    indexMs: number;
    engine: { p50: number; p99: number };
    fuse: { p50: number; p99: number };
  }[] = [];
  lat.push({
    corpus: "catalogue",
    docs: prebuilt.docs.length,
    indexMs: constructMs,
    engine: latency(engine, allQueries, 20),
    fuse: latency(baseline, allQueries, 5),
  });
  for (const n of [1000, 10000]) {
    const docs = syntheticDocs(prebuilt.docs, n);
    const t0 = performance.now();
    const e = createSearchEngine(buildRuntimeIndex(docs, prebuilt.lexicon), vocabulary, gazetteer);
    const indexMs = performance.now() - t0;
    lat.push({
      corpus: `synthetic ${n}`,
      docs: n,
      indexMs,
      engine: latency(e, allQueries, n > 1000 ? 3 : 5),
      fuse: latency(fuseEngine(docs, read), allQueries.slice(0, n > 1000 ? 30 : 119), 1),
    });
  }

  // Build time with kuromoji, last: its large heap would otherwise be collected during the
  // latency loops and show up as pauses that the service never has.
  t = performance.now();
  await buildSearchIndex();
  const buildMs = performance.now() - t;

  // Fresh-process load time and RSS.
  const dir = mkdtempSync(join(tmpdir(), "bench-search-"));
  const qfile = join(dir, "queries.json");
  writeFileSync(qfile, JSON.stringify(allQueries));
  const child = (mode: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        // With the Node options the server runs with in production (src/node-options.ts).
        [...SERVER_NODE_OPTIONS, "--import", "tsx", join(root, "scripts/bench-search-child.ts"), mode, qfile],
        {
          cwd: root,
          encoding: "utf8",
        },
      ),
    ) as { importMs: number; loadMs: number; loadCpuMs: number; rssMb: number };
  // Three fresh processes each, the median: one start-up is at the mercy of the machine.
  const median = (mode: string) => {
    const runs = [child(mode), child(mode), child(mode)];
    const mid = <K extends keyof (typeof runs)[number]>(k: K) =>
      runs.map((r) => r[k]).sort((a, b) => a - b)[1]!;
    return {
      importMs: mid("importMs"),
      loadMs: mid("loadMs"),
      loadCpuMs: mid("loadCpuMs"),
      rssMb: mid("rssMb"),
    };
  };
  const loadEngine = median("engine");
  const loadFuse = median("fuse");

  // Generality: the municipal FAQ corpus vs BM25 over kuromoji tokens.
  const faq = readFaqSet({
    corpus: join(faqDir, "corpus.json"),
    queries: join(faqDir, "queries.json"),
    qrels: join(faqDir, "qrels.json"),
  });
  const { corpus } = faq;
  const build = kuromojiIndexBuilder();
  const faqE = await evaluateFaqSet(faq, { build, vocabulary, gazetteer });
  const tokenizer = await createTokenizer();
  const faqB = evaluateRankings(kuromojiBm25Rankings(tokenizer, corpus, faq.queries), faq.qrels);

  // Generality on a public FAQ set (../shared/datasets/childcare-faq): the engine beside plain
  // BM25 over kuromoji tokens and character 2–4-gram TF-IDF, on both corpus forms and both
  // splits, same run. The dev questions are the ones choices may be made on; the holdout is
  // the measure.
  const childDir = resolve(root, "../shared/datasets/childcare-faq");
  const childRows: {
    split: string;
    corpus: string;
    method: string;
    r: ReturnType<typeof evaluateRankings>;
  }[] = [];
  if (existsSync(childDir)) {
    for (const split of ["dev", "holdout"]) {
      for (const form of ["corpus-questions", "corpus"]) {
        const set = readFaqSet({
          corpus: join(childDir, `${form}.json`),
          queries: join(childDir, `${split}-queries.json`),
          qrels: join(childDir, `${split}-qrels.json`),
        });
        const c = await compareOnFaqSet(set, { build, vocabulary, gazetteer, tokenizer });
        childRows.push(
          { split, corpus: form, method: "BM25 over kuromoji tokens", r: c.bm25 },
          { split, corpus: form, method: "character 2–4-gram TF-IDF", r: c.charTfidf },
          { split, corpus: form, method: "engine", r: c.engine },
        );
      }
    }
  }

  const f = (x: number, d = 3) => x.toFixed(d);
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : "∞");
  const ok = (c: boolean) => (c ? "✅" : "❌");
  const lines = [
    "## Search",
    "",
    `\`npm run bench:search\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores, ${catalogue.programs.length} programs, dev set ${dev.queries.length} queries (${dev.queries.filter((q) => Object.keys(q.relevant).length === 0).length} no-answer). ` +
      "Baseline: fuse.js 7 with default options over name + description. A hit is a grade-2 program; an abstention on an answerable query counts as a miss.",
    "",
    "| quality (dev set) | baseline | engine | ratio | target |",
    "|---|---|---|---|---|",
    `| hit@1 | ${f(qb.hit1)} | ${f(qe.hit1)} | ${ratio(qe.hit1, qb.hit1)} ${ok(qe.hit1 >= 3 * qb.hit1)} | ≥ 3× baseline |`,
    `| hit@3 | ${f(qb.hit3)} | ${f(qe.hit3)} | ${ratio(qe.hit3, qb.hit3)} | ≥ 0.95 ${ok(qe.hit3 >= 0.95)} |`,
    `| MRR | ${f(qb.mrr)} | ${f(qe.mrr)} | ${ratio(qe.mrr, qb.mrr)} | ≥ 0.90 ${ok(qe.mrr >= 0.9)} |`,
    `| nDCG@10 | ${f(qb.ndcg10)} | ${f(qe.ndcg10)} | ${ratio(qe.ndcg10, qb.ndcg10)} | |`,
    `| abstain accuracy (no-answer) | ${f(qb.abstainAccuracy ?? 0)} | ${f(qe.abstainAccuracy ?? 0)} | | ≥ 0.90 ${ok((qe.abstainAccuracy ?? 0) >= 0.9)} |`,
    `| false abstains (answerable) | ${f(qb.falseAbstainRate)} | ${f(qe.falseAbstainRate)} | | ≤ 0.03 ${ok(qe.falseAbstainRate <= 0.03)} |`,
    "",
    `Calibration set (test/fixtures/search/calibration.json, ${calibration.queries.length} queries written apart from the dev set: ${ce.n - ce.answerable} out-of-scope municipal questions, ${ce.answerable} in-scope paraphrases and 〜の取組/事業/活動/催し questions):`,
    "",
    "| quality (calibration set) | baseline | engine | target |",
    "|---|---|---|---|",
    `| hit@1 | ${f(cb.hit1)} | ${f(ce.hit1)} | |`,
    `| hit@3 | ${f(cb.hit3)} | ${f(ce.hit3)} | |`,
    `| MRR | ${f(cb.mrr)} | ${f(ce.mrr)} | |`,
    `| abstain accuracy (out-of-scope) | ${f(cb.abstainAccuracy ?? 0)} | ${f(ce.abstainAccuracy ?? 0)} | ≥ 0.90 ${ok((ce.abstainAccuracy ?? 0) >= 0.9)} |`,
    `| false abstains (in-scope) | ${f(cb.falseAbstainRate)} | ${f(ce.falseAbstainRate)} | ≤ 0.03 ${ok(ce.falseAbstainRate <= 0.03)} |`,
    "",
    ...(holdout && he && hb
      ? [
          `Holdout set (test/fixtures/search/holdout.json, ${holdout.queries.length} queries written by another engineer without looking at the engine: ${he.n - he.answerable} no-answer, ${he.answerable} answerable):`,
          "",
          "| quality (holdout set) | baseline | engine |",
          "|---|---|---|",
          `| hit@1 | ${f(hb.hit1)} | ${f(he.hit1)} |`,
          `| hit@3 | ${f(hb.hit3)} | ${f(he.hit3)} |`,
          `| MRR | ${f(hb.mrr)} | ${f(he.mrr)} |`,
          `| abstain accuracy (no-answer) | ${f(hb.abstainAccuracy ?? 0)} | ${f(he.abstainAccuracy ?? 0)} |`,
          `| false abstains (answerable) | ${f(hb.falseAbstainRate)} | ${f(he.falseAbstainRate)} |`,
          "",
          // A fixed record: the first measurement is the only one no change had seen.
          "First measured (2026-11-30) before any change informed by it: hit@1 0.762, hit@3 0.798, MRR 0.778, abstain accuracy 0.885, false abstains 0.167. " +
            "Since then general vocabulary (synonyms such as 住人~住民, 健診~検診, 勉強~講座; needs such as 孫, 登下校) was added after reading its failures, so the current numbers are optimistic; a fresh unseen set is the next honest measure.",
          "",
          // A fixed record of the structural abstention change (task SEARCH-3).
          'Structural abstention (2026-11-30): the engine abstains only when a question names an out-of-scope municipal topic (knowledge/vocabulary.json `outOfScope`), names nothing matched, or — for a short question that names a thing — covers less than half of it; a long, descriptive question whose words the catalogue mostly knows is answered with `confidence: "low"`. ' +
            "Its two remaining holdout no-answer misses (東区の防災フェスタは何月何日？, 北区の避難所運営委員会の電話番号) are answered on purpose: the program is the right card, and the reply says the date or phone number is not known here. " +
            "Before the change: holdout hit@3 0.905, abstain accuracy 0.962, false abstains 0.060; calibration s001–s036 (fresh, written for this change) false abstains 0.375, abstain accuracy 0.917.",
          "",
        ]
      : []),
    ...(holdout2 && h2e && h2b
      ? [
          `Holdout 2 — **seen** (test/fixtures/search/holdout2.json, ${holdout2.queries.length} queries: ${h2e.n - h2e.answerable} no-answer, ${h2e.answerable} answerable). Measured unseen once (see "Hidden holdout" below); the SEARCH-4 changes were made after reading its failures, so these numbers are optimistic and say nothing about unseen questions:`,
          "",
          "| quality (holdout 2, seen) | baseline | engine |",
          "|---|---|---|",
          `| hit@1 | ${f(h2b.hit1)} | ${f(h2e.hit1)} |`,
          `| hit@3 | ${f(h2b.hit3)} | ${f(h2e.hit3)} |`,
          `| MRR | ${f(h2b.mrr)} | ${f(h2e.mrr)} |`,
          `| abstain accuracy (no-answer) | ${f(h2b.abstainAccuracy ?? 0)} | ${f(h2e.abstainAccuracy ?? 0)} |`,
          `| false abstains (answerable) | ${f(h2b.falseAbstainRate)} | ${f(h2e.falseAbstainRate)} |`,
          "",
          // A fixed record of task SEARCH-4 (the failure classes of holdout 2).
          "SEARCH-4 (2026-11-30), general mechanisms for the classes holdout 2 refused falsely: a compound's reading matches up to sequential voicing (ひなんじょ → 避難所: readings are joined per part at build time); a kana word must match whole (ひなん no longer matches ひなまつり + なんでも); dialect and colloquial endings are intent words (〜ばい, 〜けん, 〜っちゃけど, 〜とですか, 〜かな, 〜なかね, 〜とこないかな); loanwords and everyday words the catalogue never spells map to its topics as needs (ダイエット, ヨガ, フィットネス → 健康・運動; クッキング → 料理; マスコット → シンボルマーク・グッズ; 寝泊まり, サバイバル → キャンプ …); 体験 counts as a generic word; a question about a procedure (申請, 手続き: vocabulary `procedureWords`) must have the thing it applies for covered, however long it is. " +
            "Before → after: holdout 2 hit@3 0.876 → 1.000, MRR 0.852 → 0.953, no-answer accuracy 0.880 → 0.960, false abstains 0.090 → 0.000; calibration k001–k018 (written from the failure classes before the engine was run on them) hit@3 0.46 → 1.00, false abstains 0.54 → 0.00; dev set, the rest of the calibration set, holdout 1 and the FAQ corpus no worse.",
          "",
        ]
      : []),
    "| latency per query (ms) | docs | index build (ms) | engine p50 | engine p99 | fuse p50 | fuse p99 | p99 engine / fuse | target |",
    "|---|---|---|---|---|---|---|---|---|",
    ...lat.map(
      (l) =>
        `| ${l.corpus} | ${l.docs} | ${f(l.indexMs, 1)} | ${f(l.engine.p50)} | ${f(l.engine.p99)} | ${f(l.fuse.p50)} | ${f(l.fuse.p99)} | ${ratio(l.engine.p99, l.fuse.p99)} | ` +
        (l.docs <= 200
          ? `p99 ≤ 1 ms ${ok(l.engine.p99 <= 1)}`
          : l.docs >= 10000
            ? `p99 ≤ 10 ms ${ok(l.engine.p99 <= 10)}`
            : "") +
        " |",
    ),
    "",
    `Index build with kuromoji (\`npm run build:index\`, in process): ${f(buildMs, 0)} ms. Engine construction from the prebuilt index: ${f(constructMs, 1)} ms. Synthetic corpora are built at run time with the prebuilt lexicon (no kuromoji).`,
    "",
    `| fresh process (node ${SERVER_NODE_OPTIONS.join(" ")} --import tsx; median of 3) | load (ms) | load CPU (ms) | module import (ms) | RSS after answering (MB) | target |`,
    "|---|---|---|---|---|---|",
    `| engine: prebuilt index → engine | ${f(loadEngine.loadMs, 1)} | ${f(loadEngine.loadCpuMs, 1)} | ${f(loadEngine.importMs, 1)} | ${f(loadEngine.rssMb, 1)} | load ≤ 100 ms ${ok(loadEngine.loadMs <= 100)}, RSS < 150 MB ${ok(loadEngine.rssMb < 150)} |`,
    `| baseline: catalogue → fuse.js | ${f(loadFuse.loadMs, 1)} | ${f(loadFuse.loadCpuMs, 1)} | ${f(loadFuse.importMs, 1)} | ${f(loadFuse.rssMb, 1)} | |`,
    `| ratio engine / baseline | ${ratio(loadEngine.loadMs, loadFuse.loadMs)} | ${ratio(loadEngine.loadCpuMs, loadFuse.loadCpuMs)} | | ${ratio(loadEngine.rssMb, loadFuse.rssMb)} | |`,
    "",
    `Prebuilt index: ${(statSync(join(root, "src/search/prebuilt/index.bin")).size / 1024).toFixed(0)} KB on disk (the packed form: integer columns read in place, JSON sections parsed on first use).`,
    "",
    `| municipal FAQ corpus (${Object.keys(corpus).length} docs, ${faqE.queries} queries; test/fixtures/search/faq) | Recall@10 | nDCG@10 | MRR@10 |`,
    "|---|---|---|---|",
    `| BM25 over kuromoji tokens (baseline) | ${f(faqB.recall10)} | ${f(faqB.ndcg10)} | ${f(faqB.mrr10)} |`,
    `| engine | ${f(faqE.recall10)} | ${f(faqE.ndcg10)} | ${f(faqE.mrr10)} |`,
    `| ratio | ${ratio(faqE.recall10, faqB.recall10)} ${ok(faqE.recall10 >= faqB.recall10)} | ${ratio(faqE.ndcg10, faqB.ndcg10)} | ${ratio(faqE.mrr10, faqB.mrr10)} |`,
    "",
    ...(childRows.length > 0
      ? [
          "Childcare FAQ (../shared/datasets/childcare-faq, 661 FAQs; 90 dev questions, on which choices may be made, and 360 holdout questions, the measure; all rows one run; target: the engine at or above the better baseline on MRR@10 and hit@1, on both corpus forms). " +
            "Reproduce one engine row: `npm run --silent cli -- eval --corpus ../shared/datasets/childcare-faq/corpus-questions.json --queries ../shared/datasets/childcare-faq/holdout-queries.json --qrels ../shared/datasets/childcare-faq/holdout-qrels.json` (dev: `dev-queries.json`, `dev-qrels.json`). " +
            "`test/unit/search/childcare-faq-dev.test.ts` fails when the engine falls below either baseline on the dev split or on the 480 tuning questions of `test/fixtures/search/childcare-faq-tune` (written from 160 other FAQs; choices are made on dev + tune).",
          "",
          "| split | corpus | method | hit@1 | MRR@10 | Recall@10 | nDCG@10 |",
          "|---|---|---|---|---|---|---|",
          ...childRows.map(
            (c) =>
              `| ${c.split} | ${c.corpus} | ${c.method} | ${f(c.r.hit1)} | ${f(c.r.mrr10)} | ${f(c.r.recall10)} | ${f(c.r.ndcg10)} |`,
          ),
          ...["dev", "holdout"].flatMap((split) =>
            ["corpus-questions", "corpus"].map((form) => {
              const rows = childRows.filter((c) => c.corpus === form && c.split === split);
              const e = rows.find((c) => c.method === "engine")!.r;
              const base = rows.filter((c) => c.method !== "engine").map((c) => c.r);
              const bestMrr = Math.max(...base.map((b) => b.mrr10));
              const bestHit = Math.max(...base.map((b) => b.hit1));
              return `| ${split} | ${form} | engine vs better baseline | ${ratio(e.hit1, bestHit)} ${ok(e.hit1 >= bestHit)} | ${ratio(e.mrr10, bestMrr)} ${ok(e.mrr10 >= bestMrr)} | | |`;
            }),
          ),
          "",
        ]
      : []),
  ];
  const section = lines.join("\n");
  process.stdout.write(`${section}\n`);
  const docPath = join(root, "docs/benchmarks.md");
  let doc = "";
  try {
    doc = readFileSync(docPath, "utf8");
  } catch {
    doc = "# Benchmarks\n";
  }
  const start = doc.indexOf("\n## Search\n");
  if (start >= 0) {
    const next = doc.indexOf("\n## ", start + 1);
    const end = next >= 0 ? next : doc.length;
    // Hand-written subsections (### …, such as the lead's hidden-holdout record) are not
    // generated here: keep them after the regenerated tables.
    const old = doc.slice(start + 1, end);
    const sub = old.indexOf("\n### ");
    const kept = sub >= 0 ? `\n${old.slice(sub + 1).trimEnd()}\n` : "";
    doc = doc.slice(0, start + 1) + section + kept + (next >= 0 ? doc.slice(next) : "");
  } else doc = `${doc.trimEnd()}\n\n${section}`;
  writeFileSync(docPath, doc.endsWith("\n") ? doc : `${doc}\n`);
}

await main();
