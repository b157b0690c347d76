/**
 * The first fiscal year in the store comes from `knowledge/` (FY2020): ids gain the year prefix
 * and keep the old id as `legacyId`, so postbacks already on residents' phones keep working.
 * `seedPrograms` is pure; `seedCatalogue` writes it once, on first start or from the CLI.
 */
import { randomUUID } from "node:crypto";
import type { Catalogue } from "../knowledge/load.js";
import type { Program } from "../knowledge/schema.js";
import type { CatalogueStores, CatalogueYear } from "../store/catalogue-port.js";
import { parseFiscalYear, warekiLabel, yearProgramId } from "../knowledge/fiscal-year.js";

/** The knowledge/ catalogue as one store year. Throws when the files disagree on the year. */
export function seedPrograms(
  catalogue: Catalogue,
  at: number,
  by: string,
): { year: CatalogueYear; programs: Program[] } {
  const labels = new Set(catalogue.wards.map((w) => w.fiscalYear));
  const label = [...labels][0];
  const year = label === undefined ? null : parseFiscalYear(label);
  if (labels.size !== 1 || year === null)
    throw new Error(
      `knowledge/wards: every ward file must name one fiscal year (found ${[...labels].join(", ")})`,
    );
  const programs = catalogue.programs.map((p): Program => ({
    ...p,
    id: yearProgramId(year, p.id),
    parent: p.parent === null ? null : yearProgramId(year, p.parent),
    legacyId: p.id,
    fiscalYear: year,
    fiscalYearLabel: warekiLabel(year),
    // No 最終更新日: the seed is the FY2020 sheet as published, not a staff edit.
  }));
  return {
    year: {
      year,
      label: warekiLabel(year),
      wards: catalogue.wards.map((w) => ({ ward: w.ward, source: w.source, notes: w.notes })),
      programCount: programs.length,
      source: "knowledge/（初期データ）",
      importedAt: at,
      importedBy: by,
    },
    programs,
  };
}

/**
 * Seeds the store from knowledge/ when it holds no year yet; a store that has any year is left
 * alone (staff data always wins). Safe when two instances start at once: both write the same
 * year, and only the one whose state update wins records the audit entry.
 */
export async function seedCatalogue(
  store: CatalogueStores,
  catalogue: Catalogue,
  opts: { now: number; by: string },
): Promise<{ seeded: boolean; year: number | null }> {
  if ((await store.listYears()).length > 0) return { seeded: false, year: null };
  const { year, programs } = seedPrograms(catalogue, opts.now, opts.by);
  await store.replaceYear(year, programs);
  const state = await store.updateState({ currentYear: year.year }, opts.now, 0);
  if (state === null) return { seeded: false, year: year.year };
  await store.appendAudit({
    id: randomUUID(),
    at: opts.now,
    who: opts.by,
    action: "catalogue-seed",
    target: String(year.year),
    ward: null,
    before: null,
    after: { year: year.year, label: year.label, programs: programs.length },
  });
  return { seeded: true, year: year.year };
}
