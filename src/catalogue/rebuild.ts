/**
 * The search rebuild job: after an import, an edit or a vocabulary change, the index is built
 * again from the store's current year (kuromoji readings — this admin/job path is the only place
 * outside `npm run build:index` that loads the tokenizer, never the webhook), stored under a new
 * version, and only then named in the state document, so instances switch to a complete index
 * and the old one answers until then. Requests made while a build runs are coalesced into one
 * more build after it.
 */
import { randomUUID } from "node:crypto";
import type { Gazetteer } from "../knowledge/gazetteer.js";
import type { Program } from "../knowledge/schema.js";
import type { Vocabulary } from "../knowledge/vocabulary.js";
import type { PrebuiltIndex } from "../search/prebuilt-index.js";
import { programToSearchDoc } from "../search/program-doc.js";
import type { SearchDoc } from "../search/types.js";
import type { CatalogueState, CatalogueStores } from "../store/catalogue-port.js";
import { currentPrograms, serialiseStoredIndex, type StoredIndex } from "./live.js";
import { mergeVocabulary } from "./vocabulary-additions.js";

/** Builds an index from documents, vocabulary and gazetteer (kuromoji behind it). */
export type IndexBuilder = (inputs: {
  docs: SearchDoc[];
  vocabulary: Vocabulary;
  gazetteer: Gazetteer;
}) => Promise<PrebuiltIndex>;

/** A program as a search document, with the resident phrasings staff attached. */
export function catalogueSearchDoc(p: Program): SearchDoc {
  const doc = programToSearchDoc(p);
  return { ...doc, extra: [...(doc.extra ?? []), ...(p.alsoAskedAs ?? [])] };
}

export interface RebuildStatus {
  running: boolean;
  /** A change arrived during the running build: one more build follows. */
  queued: boolean;
  lastVersion: string | null;
  lastFinishedAt: number | null;
  lastMs: number | null;
  lastError: string | null;
}

export interface Rebuilder {
  /** Asks for a build; returns at once (the build runs in the background). */
  request(by: string): void;
  /** Builds now (or waits for the running build and the one queued after it); resolves with the version. */
  run(by: string): Promise<string | null>;
  /**
   * Builds only when the stored index misses a change (indexIsStale), else resolves null: the
   * scheduled job's safety net for a build that an instance could not finish.
   */
  runIfStale(by: string): Promise<string | null>;
  status(): RebuildStatus;
  /** Resolves when no build is running or queued. */
  idle(): Promise<void>;
}

export interface RebuilderOptions {
  store: CatalogueStores;
  baseVocabulary: Vocabulary;
  gazetteer: Gazetteer;
  /** The kuromoji builder, loaded lazily (see deps.ts). */
  build: IndexBuilder;
  clock: () => number;
  onError?: (err: unknown) => void;
}

/** One build: returns the new version, or null when there is no current year. */
export async function rebuildOnce(o: RebuilderOptions, by: string): Promise<string | null> {
  const { store, clock } = o;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const state = await store.getState();
    if (state.currentYear === null) return null;
    const year = state.currentYear;
    const years = (await store.listYears()).map((y) => y.year).filter((y) => y <= year);
    const perYear = await Promise.all(years.map((y) => store.listPrograms(y)));
    const programs = currentPrograms(new Map(years.map((y, i) => [y, perYear[i] ?? []])), year);
    const additions = await store.listVocabulary();
    const vocabulary = mergeVocabulary(o.baseVocabulary, additions);
    const t0 = clock();
    const index = await o.build({
      docs: programs.map(catalogueSearchDoc),
      vocabulary,
      gazetteer: o.gazetteer,
    });
    // The version names the state revision it was built from, so a job can tell later whether
    // anything changed since (indexIsStale) from the state document alone.
    const version = `${year}-r${state.revision}-${clock().toString(36)}-${randomUUID().slice(0, 8)}`;
    const stored: StoredIndex = { index, vocabulary, year, builtAt: clock() };
    await store.putSearchIndex(version, serialiseStoredIndex(stored));
    // Name the new index only if the year did not change while it was built.
    const now = await store.getState();
    if (now.currentYear !== year) continue;
    const next = await store.updateState({ indexVersion: version }, clock(), now.revision);
    if (next === null) continue;
    await store.pruneSearchIndexes([version, ...(state.indexVersion ? [state.indexVersion] : [])]);
    await store.appendAudit({
      id: randomUUID(),
      at: clock(),
      who: by,
      action: "search-rebuild",
      target: version,
      ward: null,
      before: { indexVersion: state.indexVersion },
      after: { indexVersion: version, year, documents: index.docs.length, ms: clock() - t0 },
    });
    return version;
  }
  throw new Error("the catalogue kept changing during three search rebuilds; try again");
}

/**
 * Whether the named index misses a change: it was built from revision R, and naming it made the
 * state R+1, so any later change (import, edit, vocabulary) leaves the revision above R+1. With
 * no stored index, the index committed with the code matches only the seeded FY2020 year (the
 * seed is revision 1). A version in an older format counts as stale: one rebuild renames it.
 */
export function indexIsStale(
  state: Pick<CatalogueState, "currentYear" | "indexVersion" | "revision">,
): boolean {
  if (state.currentYear === null) return false;
  if (state.indexVersion === null) return state.revision > 1;
  const builtFrom = /^[0-9]{4}-r([0-9]+)-/.exec(state.indexVersion)?.[1];
  return builtFrom === undefined || state.revision > Number(builtFrom) + 1;
}

/**
 * The scheduled job's step: rebuilds only when the stored index misses a change (an admin
 * instance that stopped before its build finished, or a change made by the CLI with
 * --no-rebuild). Returns the new version, or null when the index was current.
 */
export async function rebuildIfStale(o: RebuilderOptions, by: string): Promise<string | null> {
  if (!indexIsStale(await o.store.getState())) return null;
  return rebuildOnce(o, by);
}

/** Creates the coalescing background rebuilder. */
export function createRebuilder(o: RebuilderOptions): Rebuilder {
  const status: RebuildStatus = {
    running: false,
    queued: false,
    lastVersion: null,
    lastFinishedAt: null,
    lastMs: null,
    lastError: null,
  };
  let current: Promise<void> | null = null;
  let queuedBy: string | null = null;

  function start(by: string): Promise<void> {
    status.running = true;
    const t0 = o.clock();
    current = rebuildOnce(o, by)
      .then(
        (v) => {
          status.lastVersion = v;
          status.lastError = null;
        },
        (e: unknown) => {
          status.lastError = e instanceof Error ? e.message : String(e);
          (o.onError ?? (() => undefined))(e);
        },
      )
      .finally(() => {
        status.lastFinishedAt = o.clock();
        status.lastMs = o.clock() - t0;
        status.running = false;
        current = null;
        if (queuedBy !== null) {
          const next = queuedBy;
          queuedBy = null;
          status.queued = false;
          void start(next);
        }
      });
    return current;
  }

  async function idle(): Promise<void> {
    while (current) await current;
  }

  async function run(by: string): Promise<string | null> {
    if (current) {
      queuedBy = by;
      status.queued = true;
    } else void start(by);
    await idle();
    if (status.lastError) throw new Error(status.lastError);
    return status.lastVersion;
  }

  return {
    request(by) {
      if (current) {
        queuedBy = by;
        status.queued = true;
        return;
      }
      void start(by);
    },
    run,
    async runIfStale(by) {
      if (!current && !indexIsStale(await o.store.getState())) return null;
      return run(by);
    },
    status: () => ({ ...status }),
    idle,
  };
}
