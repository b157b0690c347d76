/**
 * `knowledge --json | check [--json] | show <id>` (all accept `--dir <knowledge dir>`): the
 * catalogue as data, its reconciliation against the printed totals, and one program in Japanese.
 * Other tools and checks call this, so the output shapes are a stable interface.
 */
import { loadCatalogue, type Catalogue } from "../../knowledge/load.js";
import {
  FIGURE_LABELS,
  checkSubItems,
  reconcileCatalogue,
  type ReconcileCell,
  type ReconcileRow,
  type SubItemMismatch,
} from "../../knowledge/reconcile.js";
import { formatProgram } from "../../knowledge/format.js";
import { usageError, type CliIo, type Command } from "../io.js";

export const KNOWLEDGE_USAGE = [
  "usage: npm run --silent cli -- knowledge <subcommand> [--dir DIR]",
  "",
  "  knowledge --json       the whole catalogue as a JSON array of programs",
  "  knowledge check        reconciliation table (printed totals vs sums); exit 1 on an unexplained difference",
  "  knowledge check --json the same as JSON",
  "  knowledge show <id>    one program in Japanese, e.g. knowledge show chuo-m-01",
  "",
  "  --dir DIR              read DIR/wards/*.json (wards as DIR/gazetteer.json lists them) instead of knowledge/",
].join("\n");

type Parsed =
  | { kind: "json"; dir?: string }
  | { kind: "check"; json: boolean; dir?: string }
  | { kind: "show"; id: string; dir?: string }
  | { kind: "bad"; message: string };

function parseArgs(args: readonly string[]): Parsed {
  const rest: string[] = [];
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--dir") {
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--"))
        return { kind: "bad", message: "--dir needs a directory" };
      dir = next;
      i++;
    } else {
      rest.push(a);
    }
  }
  const withDir = <T extends object>(p: T): T & { dir?: string } => (dir === undefined ? p : { ...p, dir });
  const [first, ...others] = rest;
  if (first === "--json" && others.length === 0) return withDir({ kind: "json" as const });
  if (first === "check") {
    if (others.length === 0) return withDir({ kind: "check" as const, json: false });
    if (others.length === 1 && others[0] === "--json") return withDir({ kind: "check" as const, json: true });
    return { kind: "bad", message: `unexpected arguments for check: ${others.join(" ")}` };
  }
  if (first === "show") {
    const [id, ...extra] = others;
    if (id === undefined || id.startsWith("--")) return { kind: "bad", message: "show needs a program id" };
    if (extra.length > 0)
      return { kind: "bad", message: `unexpected arguments for show: ${extra.join(" ")}` };
    return withDir({ kind: "show" as const, id });
  }
  if (first === undefined) return { kind: "bad", message: "missing subcommand" };
  return { kind: "bad", message: `unknown subcommand: ${first}` };
}

const num = (v: number | null): string => (v === null ? "（印刷なし）" : v.toLocaleString("en-US"));

function explain(cell: ReconcileCell): string {
  const dash = cell.dashes.length > 0 ? `（―として0: ${cell.dashes.join(", ")}）` : "";
  switch (cell.verdict) {
    case "match":
      return `一致${dash}`;
    case "explained":
      return `不明の値で説明: ${cell.unknown.join(", ")}${dash}`;
    case "unprinted":
      return `合計の印刷なし${dash}`;
    case "unexplained":
      return cell.unknown.length > 0
        ? `説明できない差（合計が印刷より大きい。不明: ${cell.unknown.join(", ")}）${dash}`
        : `説明できない差${dash}`;
  }
}

function renderTable(
  rows: readonly ReconcileRow[],
  subItems: readonly SubItemMismatch[],
  orphans: readonly string[],
): string {
  const out: string[] = [];
  out.push("区\t経費\t列\t印刷の合計\t事業の合計\t差\t説明");
  for (const row of rows) {
    for (const cell of row.cells) {
      out.push(
        [
          row.ward,
          row.budgetLine,
          FIGURE_LABELS[cell.column],
          num(cell.printed),
          cell.sum.toLocaleString("en-US"),
          cell.difference === null ? "-" : cell.difference.toLocaleString("en-US"),
          explain(cell),
        ].join("\t"),
      );
    }
  }
  for (const m of subItems) {
    out.push(
      `sub-items: ${m.parent} ${FIGURE_LABELS[m.column]}: parent ${m.parentFigure} ≠ sum of ${m.children.join(", ")} = ${m.childSum}`,
    );
  }
  for (const o of orphans) out.push(`sub-items: ${o} names a parent that does not exist`);
  const bad = rows.filter((r) => !r.ok).length;
  const problems = bad + subItems.length + orphans.length;
  out.push(
    problems === 0
      ? `OK: ${rows.length} ward/line rows reconcile (単位: 千円)`
      : `NG: ${bad} ward/line rows with an unexplained difference, ${subItems.length + orphans.length} sub-item problems (単位: 千円)`,
  );
  return out.join("\n");
}

function load(io: CliIo, dir: string | undefined): Catalogue | undefined {
  try {
    return dir === undefined ? loadCatalogue() : loadCatalogue(dir);
  } catch (e) {
    io.err(`knowledge: cannot load the catalogue: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

const run: Command = async (args, io) => {
  const parsed = parseArgs(args);
  if (parsed.kind === "bad") return usageError(io, `knowledge: ${parsed.message}\n\n${KNOWLEDGE_USAGE}`);
  const catalogue = load(io, parsed.dir);
  if (!catalogue) return 1;

  switch (parsed.kind) {
    case "json":
      io.out(JSON.stringify(catalogue.programs, null, 2));
      return 0;
    case "check": {
      const rows = reconcileCatalogue(catalogue.wards);
      const { mismatches, orphans } = checkSubItems(catalogue.programs);
      const ok = rows.every((r) => r.ok) && mismatches.length === 0 && orphans.length === 0;
      if (parsed.json) io.out(JSON.stringify({ ok, rows, subItemMismatches: mismatches, orphans }, null, 2));
      else io.out(renderTable(rows, mismatches, orphans));
      return ok ? 0 : 1;
    }
    case "show": {
      const program = catalogue.byId.get(parsed.id);
      if (!program) {
        const prefix = `${parsed.id.split("-")[0] ?? ""}-`;
        const near = catalogue.programs
          .map((p) => p.id)
          .filter((id) => id.startsWith(prefix))
          .slice(0, 10);
        io.err(
          `knowledge: no program with id "${parsed.id}".` +
            (near.length > 0
              ? ` Ids starting with ${prefix}: ${near.join(", ")}`
              : " See `knowledge --json` for all ids."),
        );
        return 1;
      }
      const parent = program.parent === null ? undefined : catalogue.byId.get(program.parent);
      const children = catalogue.programs.filter((p) => p.parent === program.id);
      io.out(formatProgram(program, parent ? { parent, children } : { children }));
      return 0;
    }
  }
};
export default run;
