/** The search and eval CLI commands: documented JSON, stdin batches, usage errors. */
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import type { CliIo } from "../../../src/cli/io.js";

function io(stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  input.end(stdin);
  const cli: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), stdin: input, env: {} };
  return { cli, out, err };
}

describe("search CLI", () => {
  it("prints the documented JSON for one query", async () => {
    const t = io();
    expect(await main(["search", "--json", "--ward", "東区", "--limit", "2", "子育て"], t.cli)).toBe(0);
    const r = JSON.parse(t.out.join(""));
    expect(Object.keys(r)).toEqual(expect.arrayContaining(["query", "ward", "abstained", "results"]));
    expect(r).toMatchObject({ query: "子育て", ward: "東区", abstained: false });
    expect(r.results).toHaveLength(2);
    for (const h of r.results) {
      expect(Object.keys(h).sort()).toEqual(["id", "matched", "name", "score", "ward"]);
      expect(h.ward).toBe("東区");
    }
  });

  it("answers one JSON line per stdin line, in order", async () => {
    const queries = ["ぼうさい", "粗大ごみの出し方", "ｳｫｰｷﾝｸﾞ", ""];
    const t = io(`${queries.join("\n")}\n`);
    expect(await main(["search", "--json", "--stdin", "--limit", "3"], t.cli)).toBe(0);
    const lines = t.out.map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(queries);
    expect(lines[1].abstained).toBe(true);
    expect(lines[2].results[0].id).toBe("minami-m-10");
  });

  it("rejects bad arguments with usage and exit 2", async () => {
    for (const args of [
      ["search"],
      ["search", "--ward", "火星区", "x"],
      ["search", "--limit", "0", "x"],
      ["search", "--bogus"],
    ]) {
      const t = io();
      expect(await main(args, t.cli)).toBe(2);
      expect(t.err.join("")).toMatch(/usage: search/);
    }
  });
});

describe("eval CLI", () => {
  it("reports quality on a query set", async () => {
    const t = io();
    expect(await main(["eval", "--queries", "test/fixtures/search/calibration.json", "--json"], t.cli)).toBe(
      0,
    );
    const r = JSON.parse(t.out.join(""));
    const file = JSON.parse(readFileSync("test/fixtures/search/calibration.json", "utf8")) as {
      queries: { type: string }[];
    };
    expect(r.overall.n).toBe(file.queries.length);
    expect(Object.keys(r.byType).sort()).toEqual([...new Set(file.queries.map((q) => q.type))].sort());
  });

  it("reports Recall@10, nDCG@10 and MRR@10 on a BEIR-like corpus", async () => {
    const dir = "test/fixtures/search/faq";
    const t = io();
    const args = [
      "eval",
      "--corpus",
      `${dir}/corpus.json`,
      "--queries",
      `${dir}/queries.json`,
      "--qrels",
      `${dir}/qrels.json`,
    ];
    expect(await main([...args, "--json"], t.cli)).toBe(0);
    const r = JSON.parse(t.out.join(""));
    expect(r.queries).toBe(40);
    expect(r.recall10).toBeGreaterThan(0.8);
  });

  it("rejects bad arguments with usage and exit 2", async () => {
    for (const args of [
      ["eval"],
      ["eval", "--corpus", "x.json", "--queries", "y.json"],
      ["eval", "--what"],
    ]) {
      const t = io();
      expect(await main(args, t.cli)).toBe(2);
      expect(t.err.join("")).toMatch(/usage: eval/);
    }
  });
});
