/**
 * `search --json [--ward 東区] [--limit N] "<query>"` and `search --json --stdin [--limit N]`:
 * runs the search engine over the committed prebuilt index. With --stdin, one query per line in,
 * one JSON object per line out, in order, from a single process.
 */
import { createInterface } from "node:readline";
import { KNOWLEDGE_WARDS } from "../../knowledge/known-wards.js";
import type { Ward, WardRegistry } from "../../knowledge/wards.js";
import { loadSearchEngine } from "../../search/load-engine.js";
import type { SearchResult } from "../../search/types.js";
import { usageError, type Command } from "../io.js";

const USAGE = 'usage: search --json [--ward 東区] [--limit N] "<query>" | search --json --stdin [--limit N]';
/** 東区, higashi or ひがしく (the registry's slug, reading or alias, from the gazetteer) → 東区. */
export function parseWard(text: string, wards: WardRegistry = KNOWLEDGE_WARDS): Ward | undefined {
  return wards.parse(text);
}

function format(r: SearchResult, json: boolean): string {
  if (json) return JSON.stringify(r);
  if (r.abstained)
    return `「${r.query}」: 該当する取組みは見つかりませんでした。${r.suggestions.map((s) => ` もしかして: ${s}`).join("")}`;
  const head = `「${r.query}」${r.ward ? ` (${r.ward})` : ""}: ${r.total}件`;
  return [
    head,
    ...r.results.map((h, i) => `${i + 1}. [${h.id}] ${h.name} (${h.ward ?? "-"}) ${h.matched.join("・")}`),
  ].join("\n");
}

const run: Command = async (args, io) => {
  let json = false;
  let stdin = false;
  let ward: Ward | undefined;
  let limit: number | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--json") json = true;
    else if (a === "--stdin") stdin = true;
    else if (a === "--ward") {
      ward = parseWard(args[++i] ?? "");
      if (!ward)
        return usageError(
          io,
          `unknown ward: ${args[i] ?? "(missing)"} (one of ${KNOWLEDGE_WARDS.names.join(", ")})\n${USAGE}`,
        );
    } else if (a === "--limit") {
      limit = Number(args[++i]);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        return usageError(io, `--limit takes 1..100\n${USAGE}`);
    } else if (a.startsWith("--")) return usageError(io, `unknown option: ${a}\n${USAGE}`);
    else rest.push(a);
  }
  if (stdin === rest.length > 0) return usageError(io, USAGE);
  const query = rest.join(" ").trim();
  if (!stdin && !query) return usageError(io, `empty query\n${USAGE}`);

  const engine = loadSearchEngine();
  const opts = { ...(ward ? { ward } : {}), ...(limit ? { limit } : {}) };
  if (!stdin) {
    io.out(format(engine.search(query, opts), json));
    return 0;
  }
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) io.out(format(engine.search(line, opts), json));
  return 0;
};
export default run;
