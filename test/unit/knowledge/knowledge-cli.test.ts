/**
 * The `knowledge` command through the real dispatcher (`main`) with a capturing io, and once as
 * a real child process the way other tools call it.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { DEFAULT_KNOWLEDGE_DIR, loadCatalogue } from "../../../src/knowledge/load.js";
import { ProgramSchema, type WardFile } from "../../../src/knowledge/schema.js";

const REPO = resolve(DEFAULT_KNOWLEDGE_DIR, "..");

const run = (...argv: string[]) => runCli(["knowledge", ...argv]);

const REQUIRED = [
  "id",
  "ward",
  "budgetLine",
  "no",
  "parent",
  "name",
  "description",
  "heading",
  "isNew",
  "figures",
  "status",
  "tags",
  "places",
];

describe("knowledge --json", () => {
  it("prints every program as a JSON array of full schema objects", async () => {
    const { code, out, err } = await run("--json");
    expect(code).toBe(0);
    expect(err).toBe("");
    const arr = JSON.parse(out) as unknown[];
    expect(arr.length).toBe(loadCatalogue().programs.length);
    for (const item of arr) {
      expect(Object.keys(item as object)).toEqual(expect.arrayContaining(REQUIRED));
      expect(ProgramSchema.safeParse(item).success).toBe(true);
      expect(Object.keys((item as { figures: object }).figures)).toEqual([
        "initial",
        "sept",
        "feb",
        "settlement",
      ]);
    }
  });
});

describe("knowledge check", () => {
  it("prints the reconciliation table and exits 0 when everything reconciles", async () => {
    const { code, out } = await run("check");
    expect(out).toContain(
      "中央区\tまちづくり推進経費\t決算額\t7,088\t6,356\t732\t不明の値で説明: chuo-m-12, chuo-m-13, chuo-m-14, chuo-m-15",
    );
    expect(out).toContain("東区\t復興支援自治推進経費\t決算額\t8,069\t8,069\t0\t一致");
    expect(out).toMatch(/^OK: \d+ ward\/line rows reconcile/m);
    expect(code).toBe(0);
  });

  it("--json gives the same rows as data", async () => {
    const { code, out } = await run("check", "--json");
    const report = JSON.parse(out) as {
      ok: boolean;
      rows: { ward: string; budgetLine: string; ok: boolean }[];
    };
    expect(report.ok).toBe(true);
    expect(code).toBe(0);
    expect(report.rows.length).toBe(loadCatalogue().wards.length * 2);
  });

  describe("on a copied catalogue", () => {
    const dir = mkdtempSync(join(tmpdir(), "knowledge-cli-"));
    // A knowledge folder names its wards in gazetteer.json (the ward registry).
    cpSync(join(DEFAULT_KNOWLEDGE_DIR, "gazetteer.json"), join(dir, "gazetteer.json"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const copy = (mutate: (w: WardFile) => void, name = "chuo.json"): void => {
      rmSync(join(dir, "wards"), { recursive: true, force: true });
      cpSync(join(DEFAULT_KNOWLEDGE_DIR, "wards", "higashi.json"), join(dir, "wards", "higashi.json"), {
        recursive: true,
      });
      const w = JSON.parse(
        readFileSync(join(DEFAULT_KNOWLEDGE_DIR, "wards", "chuo.json"), "utf8"),
      ) as WardFile;
      mutate(w);
      writeFileSync(join(dir, "wards", name), JSON.stringify(w));
    };

    it("exits 1 and says where, when a printed total no longer reconciles", async () => {
      copy((w) => {
        w.totals.まちづくり推進経費.initial = 17001;
      });
      const { code, out } = await run("check", "--dir", dir);
      expect(code).toBe(1);
      expect(out).toContain("中央区\tまちづくり推進経費\t当初予算\t17,001\t17,000\t1\t説明できない差");
      expect(out).toMatch(/^NG: 1 ward\/line rows/m);
    });

    it("exits 1 with the file name when a ward file breaks the schema", async () => {
      copy((w) => {
        (w.programs[0] as { status: string }).status = "たぶん実施";
      });
      const { code, err } = await run("check", "--dir", dir);
      expect(code).toBe(1);
      expect(err).toContain("knowledge/wards/chuo.json");
    });
  });
});

describe("knowledge show", () => {
  it("prints one program in Japanese", async () => {
    const { code, out } = await run("show", "higashi-m-04");
    expect(code).toBe(0);
    expect(out).toContain("【東区】あさひばリビング(地域交流スペース）活用支援事業");
    expect(out).toContain("場所: 秋津、秋津まちづくりセンター");
    expect(out).toContain("決算額: 69.8万円（698千円）");
  });

  it("unknown id → a message naming similar ids, exit 1", async () => {
    const { code, out, err } = await run("show", "higashi-m-99");
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toContain('no program with id "higashi-m-99"');
    expect(err).toContain("higashi-m-01");
  });
});

describe("bad arguments → usage and exit 2", () => {
  it.each([
    [[]],
    [["--yaml"]],
    [["show"]],
    [["show", "a", "b"]],
    [["check", "--all"]],
    [["--json", "extra"]],
    [["check", "--dir"]],
  ])("knowledge %j", async (argv) => {
    const { code, err, out } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("usage: npm run --silent cli -- knowledge");
  });
});

describe("as a child process", () => {
  it("npx tsx src/cli/main.ts knowledge --json prints the catalogue", async () => {
    const { stdout } = await promisify(execFile)("npx", ["tsx", "src/cli/main.ts", "knowledge", "--json"], {
      cwd: REPO,
      maxBuffer: 32 * 1024 * 1024,
      timeout: 60_000,
    });
    const arr = JSON.parse(stdout) as { id: string }[];
    expect(arr.map((p) => p.id)).toEqual(loadCatalogue().programs.map((p) => p.id));
  });
});
