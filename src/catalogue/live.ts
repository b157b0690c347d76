/**
 * The catalogue and search engine a running instance answers with, kept current from the store
 * without a restart. Every read goes through `catalogue` and `search`, which first `poke()`: at
 * most once per `refreshMs` that starts a background check of the store's small state document,
 * and when its revision moved, loads the new programs and index in the background and swaps them
 * in at once. A resident's request never waits for the store here, and until the new version is
 * loaded the old one answers. `refresh()` does the same check now and waits (start-up, tests).
 */
import type { Catalogue } from "../knowledge/load.js";
import type { Gazetteer } from "../knowledge/gazetteer.js";
import type { Program, WardFile } from "../knowledge/schema.js";
import { KNOWLEDGE_WARDS } from "../knowledge/known-wards.js";
import type { Vocabulary } from "../knowledge/vocabulary.js";
import { packIndex, unpackIndex } from "../search/packed-index.js";
import { INDEX_FORMAT, type PrebuiltIndex } from "../search/prebuilt-index.js";
import { createSearchEngine } from "../search/search-engine.js";
import type { SearchEngine } from "../search/types.js";
import type {
  CatalogueState,
  CatalogueStore,
  CatalogueYear,
  SearchIndexStore,
} from "../store/catalogue-port.js";

/** What a stored index version holds: the index and the vocabulary it was built with. */
export interface StoredIndex {
  index: PrebuiltIndex;
  vocabulary: Vocabulary;
  /** The fiscal year whose programs it indexes. */
  year: number;
  builtAt: number;
}

/** A catalogue plus what the live copy adds: the year's label and where to ask about out-of-scope topics. */
export interface LiveCatalogueView extends Catalogue {
  /** The fiscal year residents are shown, or null while the committed FY2020 files answer. */
  year: number | null;
  /** Where to ask about an out-of-scope topic staff marked, if they said. */
  whereToAsk(topic: string): string | null;
}

export interface LiveCatalogue {
  catalogue: LiveCatalogueView;
  search: SearchEngine;
  /** Starts a background check when the last one is older than refreshMs; never waits. */
  poke(): void;
  /** Checks the store now and loads a new version if there is one; resolves when done. */
  refresh(): Promise<void>;
  /** The revision of the state currently answering (-1: the committed files). */
  revision(): number;
  /** The index version currently answering (null: the committed index). */
  indexVersion(): string | null;
}

export interface LiveCatalogueOptions {
  store: CatalogueStore & SearchIndexStore;
  /** The committed FY2020 catalogue and index: they answer until the store has a year. */
  fallback: { catalogue: Catalogue; search: SearchEngine };
  gazetteer: Gazetteer;
  clock: () => number;
  /** How often the state document is checked (default 30 s: a change is live within a minute). */
  refreshMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * A stored index as the store keeps it (text): the index in its packed form (packed-index.ts)
 * as base64, so an instance switching to a rebuilt index loads it as fast as the committed one.
 */
export function serialiseStoredIndex(stored: StoredIndex): string {
  const { index, ...rest } = stored;
  return JSON.stringify({ ...rest, packed: Buffer.from(packIndex(index)).toString("base64") });
}

/**
 * Parses a stored index (the packed form, or the JSON form stored before it); throws on another
 * format, so a half-migrated store fails loudly.
 */
export function parseStoredIndex(payload: string): StoredIndex {
  const raw = JSON.parse(payload) as Omit<StoredIndex, "index"> & { index?: PrebuiltIndex; packed?: unknown };
  const { packed, ...rest } = raw;
  const index = typeof packed === "string" ? unpackIndex(Buffer.from(packed, "base64")) : raw.index;
  // Typed as the current format, but read from the store: check it as the unknown it may be.
  const format: unknown = index?.format;
  if (format !== INDEX_FORMAT)
    throw new Error(`stored search index has format ${String(format)}, expected ${INDEX_FORMAT}`);
  return { ...rest, index: index! };
}

/**
 * The programs residents are shown: for each ward, its programs of the latest year up to
 * `currentYear` that has any (wards publish their sheets at different times, so a ward whose
 * new sheet is not in yet keeps its previous year's programs, labelled with that year).
 */
export function currentPrograms(
  byYear: ReadonlyMap<number, readonly Program[]>,
  currentYear: number,
): Program[] {
  const years = [...byYear.keys()].filter((y) => y <= currentYear).sort((a, b) => b - a);
  const done = new Set<string>();
  const out: Program[] = [];
  for (const y of years) {
    const programs = byYear.get(y) ?? [];
    const wards = new Set(programs.map((p) => p.ward));
    for (const p of programs) if (!done.has(p.ward)) out.push(p);
    for (const w of wards) done.add(w);
  }
  return out;
}

/** A Catalogue over one year's programs, resolving ids of every year and the old FY2020 ids. */
export function catalogueView(
  current: CatalogueYear | null,
  programs: Program[],
  everyYear: Program[],
  whereToAsk: Map<string, string> = new Map(),
  years: readonly CatalogueYear[] = current ? [current] : [],
): LiveCatalogueView {
  const byId = new Map<string, Program>();
  for (const p of everyYear) {
    byId.set(p.id, p);
    if (p.legacyId) byId.set(p.legacyId, p);
  }
  for (const p of programs) byId.set(p.id, p);
  // Each ward's sheet note comes from the year its shown programs belong to.
  const wards: WardFile[] = KNOWLEDGE_WARDS.names.flatMap((ward) => {
    const mine = programs.filter((p) => p.ward === ward);
    const year = years.find((y) => y.year === mine[0]?.fiscalYear);
    const meta = year?.wards.find((w) => w.ward === ward);
    if (!year || !meta) return [];
    return [
      {
        ward,
        slug: KNOWLEDGE_WARDS.slugOf(ward),
        fiscalYear: year.label,
        source: meta.source,
        vision: "",
        basicPolicies: [],
        headings: [],
        totals: {
          まちづくり推進経費: { initial: null, sept: null, feb: null, settlement: null },
          復興支援自治推進経費: { initial: null, sept: null, feb: null, settlement: null },
        },
        notes: meta.notes,
        programs: mine,
      },
    ];
  });
  return {
    year: current?.year ?? null,
    wards,
    programs,
    byId,
    whereToAsk: (topic) => whereToAsk.get(topic) ?? null,
  };
}

interface Loaded {
  revision: number;
  indexVersion: string | null;
  catalogue: LiveCatalogueView;
  search: SearchEngine;
  /** Out-of-scope topic → where to ask, from the vocabulary the index was built with. */
  where: Map<string, string>;
}

/** Creates the live catalogue over a store; it answers with `fallback` until the first load. */
export function createLiveCatalogue(options: LiveCatalogueOptions): LiveCatalogue {
  const { store, fallback, gazetteer, clock, refreshMs = 30_000, onError = () => undefined } = options;
  const fallbackView: LiveCatalogueView = {
    wards: fallback.catalogue.wards,
    programs: fallback.catalogue.programs,
    byId: fallback.catalogue.byId,
    year: null,
    whereToAsk: () => null,
  };
  let loaded: Loaded = {
    revision: -1,
    indexVersion: null,
    catalogue: fallbackView,
    search: fallback.search,
    where: new Map(),
  };
  let lastCheck = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;

  async function load(state: CatalogueState): Promise<void> {
    if (state.revision === loaded.revision) return;
    let search = loaded.search;
    let where = loaded.where;
    if (state.indexVersion !== loaded.indexVersion) {
      if (state.indexVersion === null) {
        search = fallback.search;
        where = new Map();
      } else {
        const payload = await store.getSearchIndex(state.indexVersion);
        // The state names an index that is not readable (yet): keep answering with the old one.
        if (payload === null) throw new Error(`search index ${state.indexVersion} is missing from the store`);
        const stored = parseStoredIndex(payload);
        search = createSearchEngine(stored.index, stored.vocabulary, gazetteer);
        where = whereMap(stored.vocabulary);
      }
    }
    const next = { revision: state.revision, indexVersion: state.indexVersion, search, where };
    if (state.currentYear === null) {
      loaded = { ...next, catalogue: fallbackView };
      return;
    }
    const years = await store.listYears();
    const current = years.find((y) => y.year === state.currentYear) ?? null;
    const perYear = await Promise.all(years.map((y) => store.listPrograms(y.year)));
    const byYear = new Map(years.map((y, i) => [y.year, perYear[i] ?? []]));
    const programs = currentPrograms(byYear, state.currentYear);
    loaded = { ...next, catalogue: catalogueView(current, programs, perYear.flat(), where, years) };
  }

  function check(): Promise<void> {
    running ??= (async () => {
      try {
        await load(await store.getState());
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function poke(): void {
    const now = clock();
    if (now - lastCheck < refreshMs || running) return;
    lastCheck = now;
    check().catch(onError);
  }

  const catalogue: LiveCatalogueView = {
    get year() {
      poke();
      return loaded.catalogue.year;
    },
    get wards() {
      poke();
      return loaded.catalogue.wards;
    },
    get programs() {
      poke();
      return loaded.catalogue.programs;
    },
    get byId() {
      poke();
      return loaded.catalogue.byId;
    },
    whereToAsk: (topic) => loaded.where.get(topic) ?? null,
  };

  return {
    catalogue,
    search: {
      search(query, opts) {
        poke();
        return loaded.search.search(query, opts);
      },
      analyseMessage(text) {
        poke();
        return loaded.search.analyseMessage(text);
      },
      analysePart(of, text, clauses) {
        return loaded.search.analysePart(of, text, clauses);
      },
    },
    poke,
    refresh: async () => {
      lastCheck = clock();
      if (running) await running.catch(() => undefined);
      await check();
    },
    revision: () => loaded.revision,
    indexVersion: () => loaded.indexVersion,
  };
}

/** Out-of-scope topics staff marked, with where to ask instead. */
function whereMap(vocabulary: Vocabulary): Map<string, string> {
  const m = new Map<string, string>();
  for (const o of vocabulary.outOfScope) if (o.where) m.set(o.topic, o.where);
  return m;
}
