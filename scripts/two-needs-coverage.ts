/**
 * How often a message that asks two things gets a program for each in the top 3, over the
 * seen query sets: `npx tsx scripts/two-needs-coverage.ts test/fixtures/search/blind-[a-i].json`.
 * A message counts when the distinct grade-2 programs in its top 3 number at least
 * min(2, its grade-2 count) — both needs' programs, or the only one. It also prints how many
 * have any grade-2 program in the top 3. The figure docs/benchmarks.md reports for two needs.
 */
import { readFileSync } from "node:fs";
import { parseQuerySet } from "../src/search/evaluate.js";
import { loadSearchEngine } from "../src/search/load-engine.js";

const files = process.argv.slice(2);
if (files.length === 0) throw new Error("usage: two-needs-coverage.ts SET.json …");
const engine = loadSearchEngine();
let n = 0;
let both = 0;
let any = 0;
const missed: string[] = [];
for (const file of files) {
  const parsed = parseQuerySet(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  for (const q of parsed.queries.filter((x) => x.type === "two-needs")) {
    const grade2 = new Set(Object.entries(q.relevant).flatMap(([id, g]) => (g >= 2 ? [id] : [])));
    if (grade2.size === 0) continue;
    const top = engine
      .search(q.query, { limit: 10 })
      .results.slice(0, 3)
      .map((h) => h.id);
    const hits = new Set(top.filter((id) => grade2.has(id)));
    n++;
    if (hits.size > 0) any++;
    if (hits.size >= Math.min(2, grade2.size)) both++;
    else missed.push(q.id);
  }
}
const share = (k: number) => (n === 0 ? "-" : (k / n).toFixed(3));
console.log(
  `two-needs messages: ${n}; both needs in the top 3: ${both} (${share(both)}); any grade-2 in the top 3: ${any} (${share(any)})`,
);
if (missed.length > 0) console.log(`not both: ${missed.join(", ")}`);
