/**
 * `eval --queries FILE [--json]`: quality of the search engine on a query set — the dev-set
 * format or a blind set (`[{text, type, expect[], smallTalk?}]`) — per kind (the set's `type`):
 * hit@1, hit@3, MRR, nDCG@10, answerable refused, no-answer refused, small talk recognised,
 * answers with a choice of topics; and the failures.
 * `eval --corpus C --queries Q --qrels R [--json]`: Recall@10, nDCG@10, MRR@10 on a BEIR-like
 * FAQ corpus, indexed with the build-time (kuromoji) builder as the catalogue is.
 */
import { readFileSync } from "node:fs";
import { loadGazetteer } from "../../knowledge/gazetteer.js";
import { loadVocabulary } from "../../knowledge/vocabulary.js";
import { evaluateDevSet, parseQuerySet, type QualityRow } from "../../search/evaluate.js";
import { kuromojiIndexBuilder } from "../../catalogue/kuromoji-builder.js";
import { loadSearchEngine } from "../../search/load-engine.js";
import { evaluateFaqSet, readFaqSet } from "../faq-eval.js";
import { usageError, type Command } from "../io.js";

const USAGE =
  "usage: eval --queries FILE [--json] | eval --corpus C.json --queries Q.json --qrels R.json [--json]";

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
const opt = (x: number | null) => (x === null ? "    -" : pct(x));
const line = (name: string, r: QualityRow) =>
  `${name.padEnd(12)} ${String(r.n).padStart(3)}  ${pct(r.hit1)}  ${pct(r.hit3)}  ${r.mrr.toFixed(3)}  ${r.ndcg10.toFixed(3)}  ` +
  `${opt(r.abstainAccuracy)}     ${pct(r.falseAbstainRate)}     ${opt(r.smallTalkAccuracy)}   ${pct(r.choiceRate)}`;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

const run: Command = async (args, io) => {
  const opts: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--json") json = true;
    else if (["--queries", "--corpus", "--qrels"].includes(a) && args[i + 1] !== undefined)
      opts[a.slice(2)] = args[++i]!;
    else return usageError(io, `unexpected argument: ${a}\n${USAGE}`);
  }
  if (!opts.queries) return usageError(io, USAGE);
  if ((opts.corpus === undefined) !== (opts.qrels === undefined)) return usageError(io, USAGE);

  if (opts.corpus && opts.qrels) {
    const set = readFaqSet({ corpus: opts.corpus, queries: opts.queries, qrels: opts.qrels });
    const r = await evaluateFaqSet(set, {
      build: kuromojiIndexBuilder(),
      vocabulary: loadVocabulary(),
      gazetteer: loadGazetteer(),
    });
    if (json) io.out(JSON.stringify(r));
    else
      io.out(
        `queries ${r.queries}  hit@1 ${r.hit1.toFixed(3)}  Recall@10 ${r.recall10.toFixed(3)}  nDCG@10 ${r.ndcg10.toFixed(3)}  MRR@10 ${r.mrr10.toFixed(3)}`,
      );
    return 0;
  }

  const set = parseQuerySet(readJson(opts.queries));
  if (!set.ok) return usageError(io, `${opts.queries}: not a query set (${set.error})`);
  const report = evaluateDevSet(loadSearchEngine(), set.queries);
  if (json) {
    io.out(JSON.stringify(report));
    return 0;
  }
  io.out(
    `hit = a grade-${report.hitGrade} program; refused answerable queries count as misses. ` +
      "no-ans = no-answer refused; refused = answerable refused; talk = small talk recognised; choice = answers offering topics",
  );
  io.out(`${"type".padEnd(12)}   n  hit@1  hit@3    MRR  nDCG10  no-ans  refused   talk  choice`);
  io.out(line("all", report.overall));
  for (const [t, r] of Object.entries(report.byType)) io.out(line(t, r));
  io.out(report.failures.length ? "\nfailures:" : "\nno failures");
  for (const f of report.failures)
    io.out(`  ${f.id} [${f.type}] ${f.query} — ${f.reason}; top: ${f.top.join(", ") || "-"}`);
  return 0;
};
export default run;
