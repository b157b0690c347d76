/**
 * Sums the engine's quality over every seen question set, the figure docs/benchmarks.md calls
 * "all seen sets": `npx tsx scripts/eval-all-sets.ts [--except blind-s.json,…]`. The sets are the
 * dev set (../shared/queries/dev-queries.json) and every set in test/fixtures/search/ that parses
 * as one (the FAQ fixtures do not). Prints the sets read and one JSON line: answerable questions,
 * hit@3 and MRR over them, answerable refused, no-answer refused of no-answer, small talk
 * recognised of small talk — each set's `evaluateDevSet` figures turned back into counts.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { evaluateDevSet, parseQuerySet } from "../src/search/evaluate.js";
import { loadSearchEngine } from "../src/search/load-engine.js";
import { runIfMain } from "./run-if-main.js";

export async function main(argv: readonly string[]): Promise<number> {
  const at = argv.indexOf("--except");
  const except = new Set(at >= 0 ? (argv[at + 1] ?? "").split(",") : []);
  const dir = "test/fixtures/search";
  const files = [
    "../shared/queries/dev-queries.json",
    ...readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => join(dir, f)),
  ].filter((f) => existsSync(f) && !except.has(basename(f)));
  const engine = loadSearchEngine();
  const sum = {
    answerable: 0,
    hit3: 0,
    mrr: 0,
    refused: 0,
    noAnswer: 0,
    noAnswerRefused: 0,
    smallTalk: 0,
    smallTalkOk: 0,
  };
  const read: string[] = [];
  for (const f of files) {
    const parsed = parseQuerySet(JSON.parse(readFileSync(f, "utf8")));
    if (!parsed.ok) continue;
    read.push(basename(f));
    const o = evaluateDevSet(engine, parsed.queries).overall;
    const talk = o.smallTalk ?? 0;
    const noAnswer = o.n - o.answerable - talk;
    sum.answerable += o.answerable;
    sum.hit3 += Math.round(o.hit3 * o.answerable);
    sum.mrr += o.mrr * o.answerable;
    sum.refused += Math.round(o.falseAbstainRate * o.answerable);
    sum.noAnswer += noAnswer;
    sum.noAnswerRefused += Math.round((o.abstainAccuracy ?? 0) * noAnswer);
    sum.smallTalk += talk;
    sum.smallTalkOk += Math.round((o.smallTalkAccuracy ?? 0) * talk);
  }
  console.log(read.join(" "));
  console.log(JSON.stringify({ ...sum, mrr: Number((sum.mrr / sum.answerable).toFixed(4)) }));
  return 0;
}

runIfMain(import.meta.url, main);
