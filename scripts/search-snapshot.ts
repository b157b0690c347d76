/**
 * The engine's answers to every seen query set, for checking that a change meant to be
 * behaviour-neutral (speed, memory, refactoring) is: `npx tsx scripts/search-snapshot.ts OUT.json`
 * writes every query's decision, ward, coverage, suggestions and ranked page (ids, scores,
 * matched words) over the committed index, a synthetic 10,000-document corpus and the childcare
 * FAQ dev questions on both corpus forms; `--compare A.json B.json` lists the queries whose
 * answers differ and exits 1 when any does. Run it before and after the change.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadGazetteer } from "../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../src/knowledge/vocabulary.js";
import { kuromojiIndexBuilder } from "../src/catalogue/kuromoji-builder.js";
import { parseQuerySet } from "../src/search/evaluate.js";
import { faqToSearchDoc } from "../src/search/faq-doc.js";
import { loadPrebuiltIndex } from "../src/search/load-engine.js";
import { buildRuntimeIndex } from "../src/search/runtime-index.js";
import { createSearchEngine } from "../src/search/search-engine.js";
import type { SearchEngine } from "../src/search/types.js";
import { syntheticDocs } from "./synthetic-docs.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const readJson = (p: string): unknown => JSON.parse(readFileSync(p, "utf8"));

type Snapshot = Record<string, unknown>;

/** What a search answered, in a form that compares as JSON. */
function answer(engine: SearchEngine, q: string): unknown {
  const r = engine.search(q, { limit: 10 });
  return {
    decision: r.decision,
    ward: r.ward,
    coverage: r.coverage,
    total: r.total,
    suggestions: r.suggestions,
    results: r.results.map((h) => [h.id, h.score, h.matched.join(",")]),
  };
}

async function snapshot(): Promise<Snapshot> {
  const vocabulary = loadVocabulary();
  const gazetteer = loadGazetteer();
  const prebuilt = loadPrebuiltIndex();
  const engine = createSearchEngine(prebuilt, vocabulary, gazetteer);
  const sets = [
    join(root, "test/fixtures/queries/dev-queries.json"),
    resolve(root, "../shared/queries/dev-queries.json"),
    ...readdirSync(join(root, "test/fixtures/search"))
      .filter((f) => f.endsWith(".json"))
      .map((f) => join(root, "test/fixtures/search", f)),
  ].filter(existsSync);
  const out: Snapshot = {};
  const all: string[] = [];
  for (const path of sets) {
    const parsed = parseQuerySet(readJson(path));
    if (!parsed.ok) continue;
    for (const q of parsed.queries) {
      out[`${relative(root, path)}#${q.id}`] = answer(engine, q.query);
      all.push(q.query);
    }
  }
  const synthetic = createSearchEngine(
    buildRuntimeIndex(syntheticDocs(prebuilt.docs, 10000), prebuilt.lexicon),
    vocabulary,
    gazetteer,
  );
  for (const [i, q] of all.entries()) if (i % 3 === 0) out[`synthetic-10000#${i}`] = answer(synthetic, q);
  const childDir = resolve(root, "../shared/datasets/childcare-faq");
  if (existsSync(childDir)) {
    const build = kuromojiIndexBuilder();
    const queries = readJson(join(childDir, "dev-queries.json")) as Record<string, string>;
    for (const form of ["corpus-questions", "corpus"]) {
      const corpus = readJson(join(childDir, `${form}.json`)) as Record<string, string>;
      const index = await build({
        docs: Object.entries(corpus).map(([id, text]) => faqToSearchDoc(id, text)),
        vocabulary,
        gazetteer,
      });
      const faq = createSearchEngine(index, vocabulary, gazetteer, { abstain: false });
      for (const [id, q] of Object.entries(queries)) out[`childcare-${form}#${id}`] = answer(faq, q);
    }
  }
  return out;
}

async function main(args: string[]): Promise<number> {
  if (args[0] === "--compare") {
    const [a, b] = [readJson(args[1]!) as Snapshot, readJson(args[2]!) as Snapshot];
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    const differ = keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    for (const k of differ.slice(0, 20))
      process.stdout.write(`${k}\n  before ${JSON.stringify(a[k])}\n  after  ${JSON.stringify(b[k])}\n`);
    const bySet = new Map<string, number>();
    for (const k of differ) bySet.set(k.split("#")[0]!, (bySet.get(k.split("#")[0]!) ?? 0) + 1);
    process.stdout.write(
      `${keys.length} queries compared, ${differ.length} differ${differ.length ? `: ${JSON.stringify(Object.fromEntries(bySet))}` : ""}\n`,
    );
    return differ.length === 0 ? 0 : 1;
  }
  if (!args[0]) throw new Error("usage: search-snapshot.ts OUT.json | --compare A.json B.json");
  const snap = await snapshot();
  writeFileSync(args[0], JSON.stringify(snap));
  process.stdout.write(`${Object.keys(snap).length} answers written to ${args[0]}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (c) => (process.exitCode = c),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
