/**
 * `catalogue import|export|years|show|seed|rebuild`: the staff's yearly routine from a terminal,
 * over the configured store (default file:.data/store.jsonl, shared with the server; or
 * firestore; `memory` forgets everything on exit).
 * Every subcommand seeds FY2020 from knowledge/ first when the store has no year yet.
 *
 *   catalogue import FILE.(csv|xlsx) --year 2021 [--dry-run] [--json] [--no-rebuild]
 *   catalogue export --year 2020 FILE.xlsx [--ward 東区]
 *   catalogue years [--json]
 *   catalogue show ID [--json]
 *   catalogue rebuild [--json]
 *
 * An import prints the diff; with --dry-run nothing is written. Without it the year is replaced
 * at once and the search index rebuilt (kuromoji, a few seconds) unless --no-rebuild.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { loadConfig } from "../../config.js";
import { createRebuilder } from "../../catalogue/rebuild.js";
import { kuromojiIndexBuilder } from "../../catalogue/kuromoji-builder.js";
import { createCatalogueService } from "../../catalogue/service.js";
import { CatalogueError, cityStaff } from "../../catalogue/staff.js";
import type { CatalogueDiff } from "../../catalogue/diff.js";
import { parseFiscalYear, baseProgramId, yearProgramId } from "../../knowledge/fiscal-year.js";
import { loadGazetteer } from "../../knowledge/gazetteer.js";
import { loadCatalogue } from "../../knowledge/load.js";
import { formatProgram } from "../../knowledge/format.js";
import { KNOWLEDGE_WARDS } from "../../knowledge/known-wards.js";
import type { Ward } from "../../knowledge/wards.js";
import { loadVocabulary } from "../../knowledge/vocabulary.js";
import { createCatalogueStore } from "../../store/create-catalogue-store.js";
import { createStore } from "../../store/create-store.js";
import { usageError, type CliIo, type Command } from "../io.js";
import { DEFAULT_CLI_STORE } from "../staff-store.js";

const USAGE = [
  "usage:",
  "  catalogue import FILE.(csv|xlsx) --year 2021 [--dry-run] [--json] [--no-rebuild]",
  "  catalogue export --year 2020 FILE.xlsx [--ward 東区]",
  "  catalogue years [--json]",
  "  catalogue show ID [--json]",
  "  catalogue seed | rebuild [--json]",
].join("\n");

interface Parsed {
  sub: string | undefined;
  positional: string[];
  flags: Set<string>;
  year: number | null;
  ward: Ward | null;
  bad: string | null;
}

function parseArgs(args: string[]): Parsed {
  const [sub, ...rest] = args;
  const p: Parsed = { sub, positional: [], flags: new Set(), year: null, ward: null, bad: null };
  for (let i = 0; i < rest.length; i += 1) {
    const a = rest[i]!;
    if (a === "--year" || a === "--ward") {
      const v = rest[i + 1];
      i += 1;
      if (v === undefined) p.bad = `${a} needs a value`;
      else if (a === "--year") {
        p.year = parseFiscalYear(v);
        if (p.year === null) p.bad = `--year: ${v} is not a fiscal year (2021 or 令和3年度)`;
      } else {
        const w = KNOWLEDGE_WARDS.parse(v);
        if (!w) p.bad = `--ward: ${v} is not one of ${KNOWLEDGE_WARDS.names.join(" ")}`;
        else p.ward = w;
      }
    } else if (["--dry-run", "--json", "--no-rebuild"].includes(a)) p.flags.add(a);
    else if (a.startsWith("--")) p.bad = `unknown option ${a}`;
    else p.positional.push(a);
  }
  return p;
}

function printDiff(io: CliIo, d: CatalogueDiff): void {
  io.out(`比べた年度: ${d.baseYear ?? "なし（はじめての年度）"}`);
  io.out(
    `追加 ${d.added.length}件 / 変更 ${d.changed.length}件 / 削除 ${d.removed.length}件 / 変更なし ${d.unchanged}件`,
  );
  for (const a of d.added) io.out(`  + ${a.ward} ${a.name}（${a.id}）`);
  for (const c of d.changed) {
    io.out(`  ~ ${c.ward} ${c.name}（${c.id}）`);
    for (const f of c.changes)
      io.out(`      ${f.field}: ${f.before ?? "（なし）"} → ${f.after ?? "（なし）"}`);
  }
  for (const r of d.removed) io.out(`  - ${r.ward} ${r.name}（${r.id}）`);
}

const run: Command = async (args, io) => {
  const a = parseArgs(args);
  if (a.bad) return usageError(io, `${a.bad}\n${USAGE}`);
  const json = a.flags.has("--json");
  const need = (ok: boolean) => (ok ? null : usageError(io, USAGE));
  const check =
    a.sub === "import"
      ? need(a.positional.length === 1 && a.year !== null)
      : a.sub === "export"
        ? need(a.positional.length === 1 && a.year !== null)
        : a.sub === "show"
          ? need(a.positional.length === 1)
          : a.sub === "years" || a.sub === "seed" || a.sub === "rebuild"
            ? need(a.positional.length === 0)
            : usageError(io, USAGE);
  if (check !== null) return check;

  // Each call is a new process: like the other staff commands, the default store is the file
  // store the server shares (an import, then `show` in the next call, must find the year).
  const config = loadConfig(io.env, { defaultMode: "local", defaultStore: `file:${DEFAULT_CLI_STORE}` });
  if (config.store.kind === "memory")
    io.err("note: STORE is memory, so nothing is kept after this command (set STORE=file:.data/store.jsonl)");
  const conn = { projectId: config.firestore.projectId, emulatorHost: config.firestore.emulatorHost };
  const catalogueStore = await createCatalogueStore(config.store, conn);
  const questions = await createStore(config.store, conn);
  const staff = cityStaff("CLI");
  const rebuilder = createRebuilder({
    store: catalogueStore,
    baseVocabulary: loadVocabulary(),
    gazetteer: loadGazetteer(),
    build: kuromojiIndexBuilder(),
    clock: Date.now,
  });
  const service = createCatalogueService({
    store: catalogueStore,
    questions,
    rebuilder: null,
    clock: Date.now,
    seed: loadCatalogue(),
  });
  try {
    const seeded = await service.seed(staff);
    if (seeded.seeded && !json) io.err(`knowledge/ から ${seeded.year}年度を登録しました。`);
    switch (a.sub) {
      case "seed": {
        if (json) io.out(JSON.stringify(seeded));
        else if (!seeded.seeded) io.out("すでに年度が登録されています（何もしませんでした）。");
        return 0;
      }
      case "years": {
        const y = await service.years();
        if (json) io.out(JSON.stringify(y, null, 2));
        else
          for (const x of y.years)
            io.out(
              `${x.year} ${x.label}  ${x.programCount}件  ${x.year === y.currentYear ? "（いま案内している年度）" : ""}  ${x.source}`,
            );
        return 0;
      }
      case "show": {
        const id = a.positional[0]!;
        // An old id (chuo-m-01) is the FY2020 program.
        const p = await service
          .program(id)
          .catch(() => service.program(yearProgramId(2020, baseProgramId(id))));
        if (json) io.out(JSON.stringify(p, null, 2));
        else {
          io.out(formatProgram(p));
          io.out(`担当課: ${p.department ?? "（未入力）"} ／ 連絡先: ${p.contact ?? "（未入力）"}`);
          if (p.updatedAt)
            io.out(`最終更新: ${new Date(p.updatedAt).toISOString().slice(0, 10)}（${p.updatedBy ?? ""}）`);
        }
        return 0;
      }
      case "export": {
        const file = a.positional[0]!;
        const bytes = await service.exportYear(a.year!, a.ward);
        writeFileSync(file, bytes);
        io.out(
          json
            ? JSON.stringify({ file, bytes: bytes.length })
            : `${file} に書き出しました（${bytes.length} バイト）。`,
        );
        return 0;
      }
      case "import": {
        const file = a.positional[0]!;
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch {
          io.err(`${file} を読めません。`);
          return 1;
        }
        const input = { fileName: basename(file), bytes, year: a.year!, staff };
        const preview = await service.previewImport(input);
        if (a.flags.has("--dry-run")) {
          if (json) io.out(JSON.stringify({ dryRun: true, ...preview }, null, 2));
          else {
            io.out(
              `${preview.label}（${preview.wards.join("・")}）${preview.programs}件 — 確認のみ、何も変えていません。`,
            );
            printDiff(io, preview.diff);
          }
          return 0;
        }
        const done = await service.confirmImport({ ...input, digest: preview.digest });
        const version = a.flags.has("--no-rebuild") ? null : await rebuilder.run(staff.name);
        if (json) io.out(JSON.stringify({ dryRun: false, ...done, indexVersion: version }, null, 2));
        else {
          io.out(`${done.label}（${done.wards.join("・")}）${done.programs}件を取りこみました。`);
          printDiff(io, done.diff);
          io.out(
            version
              ? `検索をつくりなおしました（${version}）。`
              : "検索はまだつくりなおしていません（catalogue rebuild）。",
          );
        }
        return 0;
      }
      case "rebuild": {
        const version = await rebuilder.run(staff.name);
        io.out(
          json
            ? JSON.stringify({ indexVersion: version })
            : `検索をつくりなおしました（${version ?? "年度なし"}）。`,
        );
        return 0;
      }
    }
    return 2;
  } catch (e) {
    if (e instanceof CatalogueError) {
      if (json) io.out(JSON.stringify({ error: e.code, message: e.message, issues: e.issues }, null, 2));
      else {
        io.err(e.message);
        for (const i of e.issues) io.err(`  ${i.message}`);
      }
      return 1;
    }
    throw e;
  } finally {
    await catalogueStore.close();
    await questions.close();
  }
};

export default run;
