/**
 * The dev-set quality gate of issue 3. It needs the whole catalogue: while ward files are
 * missing it fails (naming the missing programs) rather than skipping.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../../src/knowledge/load.js";
import { DevSetSchema, evaluateDevSet } from "../../../src/search/evaluate.js";
import { loadSearchEngine } from "../../../src/search/load-engine.js";

const devRaw = JSON.parse(
  readFileSync(new URL("../../fixtures/queries/dev-queries.json", import.meta.url), "utf8"),
);
const dev = DevSetSchema.parse(devRaw);
const calibration = DevSetSchema.parse(
  JSON.parse(readFileSync(new URL("../../fixtures/search/calibration.json", import.meta.url), "utf8")),
);
const engine = loadSearchEngine();

describe("search quality gate", () => {
  it("runs against the complete catalogue", () => {
    const ids = new Set(loadCatalogue().programs.map((p) => p.id));
    const missing = Object.keys(devRaw.programIndex as Record<string, unknown>).filter((id) => !ids.has(id));
    expect(missing, "programs of the dev set missing from knowledge/wards").toEqual([]);
  });

  it("meets the targets on the dev set", () => {
    const r = evaluateDevSet(engine, dev.queries);
    const why = r.failures.map((f) => `${f.id} ${f.query}: ${f.reason}`).join("\n");
    expect(r.overall.hit3, why).toBeGreaterThanOrEqual(0.95);
    expect(r.overall.mrr, why).toBeGreaterThanOrEqual(0.9);
    expect(r.overall.abstainAccuracy, why).toBeGreaterThanOrEqual(0.9);
    expect(r.overall.falseAbstainRate, why).toBeLessThanOrEqual(0.03);
  });

  it("abstains well on the larger calibration set too", () => {
    const r = evaluateDevSet(engine, calibration.queries);
    const why = r.failures.map((f) => `${f.id} ${f.query}: ${f.reason}`).join("\n");
    expect(r.overall.abstainAccuracy, why).toBeGreaterThanOrEqual(0.9);
    expect(r.overall.falseAbstainRate, why).toBeLessThanOrEqual(0.03);
    expect(r.overall.hit3, why).toBeGreaterThanOrEqual(0.9);
  });
});
