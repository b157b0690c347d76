/**
 * `npm run cli -- catalogue …` through the real dispatcher (`main`) against the embedded file
 * store, each call a fresh command as from a terminal: years, a dry-run import that changes
 * nothing, an import that rebuilds the search index, show (year ids and old FY2020 ids), an XLSX
 * export that imports back with no change, and bad input (unknown year, bad option, a bad row
 * named by row and column in Japanese) with a non-zero exit code. Once as a child process too.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { DEFAULT_KNOWLEDGE_DIR, loadCatalogue } from "../../src/knowledge/load.js";

const REPO = resolve(DEFAULT_KNOWLEDGE_DIR, "..");
const SAMPLE = join(REPO, "test/fixtures/catalogue/sample-fy2021-higashi.csv");

const dir = mkdtempSync(join(tmpdir(), "catalogue-cli-"));
const STORE = `file:${join(dir, "store.jsonl")}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli(["catalogue", ...argv], { STORE });

interface YearsJson {
  currentYear: number | null;
  years: Array<{ year: number; label: string; programCount: number }>;
}

describe("catalogue CLI on the embedded store", () => {
  const fy2020 = loadCatalogue().programs.length;

  it("years --json: seeds FY2020 from knowledge/ on first use", async () => {
    const r = await cli("years", "--json");
    expect(r.code).toBe(0);
    const y = JSON.parse(r.out) as YearsJson;
    expect(y.currentYear).toBe(2020);
    expect(y.years).toEqual([
      expect.objectContaining({ year: 2020, label: "令和2年度", programCount: fy2020 }),
    ]);
  });

  it("import --dry-run --json previews the diff and changes nothing", async () => {
    const r = await cli("import", SAMPLE, "--year", "2021", "--dry-run", "--json");
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as {
      dryRun: boolean;
      label: string;
      wards: string[];
      diff: { added: Array<{ name: string }>; changed: unknown[] };
    };
    expect(d).toMatchObject({ dryRun: true, label: "令和3年度", wards: ["東区"] });
    expect(d.diff.added.map((a) => a.name)).toContain("スマホ・SNS安全教室開催経費");
    const y = JSON.parse((await cli("years", "--json")).out) as YearsJson;
    expect(y.years.map((x) => x.year)).toEqual([2020]);
  });

  it("import --json applies the year and rebuilds the search index", async () => {
    const r = await cli("import", SAMPLE, "--year", "2021", "--json");
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out) as { dryRun: boolean; label: string; indexVersion: string | null };
    expect(d.dryRun).toBe(false);
    expect(d.label).toBe("令和3年度");
    expect(d.indexVersion).toEqual(expect.any(String));
    const y = JSON.parse((await cli("years", "--json")).out) as YearsJson;
    expect(y.currentYear).toBe(2021);
    expect(y.years.map((x) => x.year).sort()).toEqual([2020, 2021]);
  }, 180_000);

  it("show ID: a FY2021 program with its year, and an old FY2020 id still found", async () => {
    const r = await cli("show", "fy2021-higashi-m-01");
    expect(r.code).toBe(0);
    expect(r.out).toContain("地域活動理解促進事業");
    expect(r.out).toContain("令和3年度の予算と決算");
    expect(r.out).toContain("担当課: 東区 総務企画課（サンプル）");
    const old = await cli("show", "higashi-m-09", "--json");
    expect(old.code).toBe(0);
    expect(JSON.parse(old.out)).toMatchObject({ id: "fy2020-higashi-m-09", fiscalYear: 2020 });
  });

  it("export --year 2020 FILE.xlsx writes a sheet that imports back with no change", async () => {
    const file = join(dir, "fy2020.xlsx");
    const r = await cli("export", "--year", "2020", file);
    expect(r.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const back = await cli("import", file, "--year", "2020", "--dry-run", "--json");
    expect(back.code, back.out).toBe(0);
    const d = JSON.parse(back.out) as { diff: { added: unknown[]; changed: unknown[]; removed: unknown[] } };
    expect([d.diff.added, d.diff.changed, d.diff.removed]).toEqual([[], [], []]);
  });

  it("bad input: unknown year, bad option, missing file, unknown id → a clear message and exit ≠ 0", async () => {
    const none = await cli("export", "--year", "2019", join(dir, "x.xlsx"));
    expect(none.code).toBe(1);
    expect(none.err).toContain("2019年度の事業はありません");
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);

    const notYear = await cli("import", SAMPLE, "--year", "来年");
    expect(notYear.code).toBe(2);
    expect(notYear.err).toMatch(/--year: 来年 is not a fiscal year/);

    expect((await cli("import", SAMPLE)).code).toBe(2);
    expect((await cli("frobnicate")).code).toBe(2);
    expect((await cli("years", "--force")).code).toBe(2);

    const missing = await cli("import", join(dir, "nope.csv"), "--year", "2021");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("nope.csv を読めません");

    const unknown = await cli("show", "fy2021-higashi-m-99");
    expect(unknown.code).toBe(1);
    expect(unknown.err).not.toBe("");
  });

  it("a bad row is named by row and column in Japanese, and nothing is applied", async () => {
    const lines = readFileSync(SAMPLE, "utf8").split("\n");
    // Row 3 of the sheet (the first program): a ward that is not Kumamoto's, and a word as an amount.
    lines[2] = lines[2]!.replace(/^東区,/, "博多区,").replace(",300,", ",たくさん,");
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, lines.join("\n"));
    const before = JSON.parse((await cli("years", "--json")).out) as YearsJson;

    const text = await cli("import", bad, "--year", "2022");
    expect(text.code).toBe(1);
    expect(text.err).toContain("3行目「区」");
    expect(text.err).toContain("博多区");
    expect(text.err).toContain("3行目「当初予算」");

    const json = await cli("import", bad, "--year", "2022", "--json");
    expect(json.code).toBe(1);
    const e = JSON.parse(json.out) as { error: string; issues: Array<{ path: string; message: string }> };
    expect(e.error).toBe("invalid-sheet");
    expect(e.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("3行目「区」"),
        expect.stringContaining("3行目「当初予算」"),
      ]),
    );
    expect(JSON.parse((await cli("years", "--json")).out)).toEqual(before);
  });

  it("runs as a child process the way staff call it (npm run cli -- catalogue years --json)", async () => {
    const { stdout } = await promisify(execFile)(
      "npx",
      ["tsx", "src/cli/main.ts", "catalogue", "years", "--json"],
      {
        cwd: REPO,
        env: { ...process.env, STORE },
        timeout: 60_000,
      },
    );
    const y = JSON.parse(stdout) as YearsJson;
    expect(y.currentYear).toBe(2021);
  }, 90_000);
});
