/**
 * Wiring: turns a `Config` into the running parts — the store adapter, the messenger, the
 * catalogue and the prebuilt search index, the logger, a clock. The only module that chooses
 * adapters; entry points call it, tests pass overrides (a recording messenger, a failing store).
 */
import { DEFAULT_KNOWLEDGE_DIR, loadCatalogue } from "./knowledge/load.js";
import { loadWardRegistry, WARD_REGISTRY_KEY } from "./knowledge/wards.js";
import { loadOffices } from "./knowledge/offices.js";
import { KNOWLEDGE_WARDS } from "./knowledge/known-wards.js";
import { createLineMessenger } from "./line/line-messenger.js";
import { createLogger } from "./logging.js";
import { createStore } from "./store/create-store.js";
import {
  lazySearchEngine,
  loadKnowledgeFor,
  loadPrebuiltIndex,
  loadSearchEngine,
} from "./search/load-engine.js";
import { createUserHasher } from "./user-hash.js";
import { createInflight, type Inflight } from "./http/inflight.js";
import type { BotDeps } from "./bot/context.js";
import type { Config } from "./config.js";
import type { CatalogueStores } from "./store/catalogue-port.js";
import { createEmbeddedCatalogueStore, catalogueDirFor } from "./store/catalogue-embedded.js";
import { createLiveCatalogue, type LiveCatalogue } from "./catalogue/live.js";
import { createRebuilder, type IndexBuilder, type Rebuilder } from "./catalogue/rebuild.js";
import { seedCatalogue } from "./catalogue/seed.js";
import { kuromojiIndexBuilder } from "./catalogue/kuromoji-builder.js";
import { createCatalogueService } from "./catalogue/service.js";
import type { CatalogueAdminDeps } from "./http/admin-catalogue.js";

export interface Deps extends BotDeps {
  config: Config;
  inflight: Inflight;
  /** Years, programs, indexes, vocabulary additions, staff tokens, audit log. */
  catalogueStore: CatalogueStores;
  /**
   * The catalogue and search kept current from the store; null when a test passed a fixed
   * catalogue or search engine.
   */
  live: LiveCatalogue | null;
  /** Rebuilds the search index after staff changes (kuromoji, loaded on first use). */
  rebuilder: Rebuilder;
  /** The staff side of the catalogue (admin API): service, tokens, audit log. */
  catalogueAdmin: CatalogueAdminDeps;
}

/** Overrides accepted by createDeps: any part, plus the index builder (tests pass a fast one). */
export type DepsOverrides = Partial<Deps> & {
  indexBuilder?: IndexBuilder;
  /** Where knowledge/ and the committed index are (a bundle copies them beside itself). */
  files?: { knowledgeDir: string; indexPath: string };
  /** Changes wait for the search rebuild before answering (Cloud Functions; see service.ts). */
  rebuildInline?: boolean;
};

/** The catalogue store that goes with the configured resident store. */
async function openCatalogueStore(config: Config): Promise<CatalogueStores> {
  if (config.store.kind === "memory") return createEmbeddedCatalogueStore();
  if (config.store.kind === "file")
    return createEmbeddedCatalogueStore({ dir: catalogueDirFor(config.store.path) });
  const { createCatalogueStore } = await import("./store/create-catalogue-store.js");
  return createCatalogueStore(config.store, {
    projectId: config.firestore.projectId,
    emulatorHost: config.firestore.emulatorHost,
  });
}

/** Builds every dependency from the configuration; `overrides` replace single parts (tests, CLI). */
export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const clock = overrides.clock ?? Date.now;
  const store =
    overrides.store ??
    (await createStore(config.store, {
      projectId: config.firestore.projectId,
      emulatorHost: config.firestore.emulatorHost,
    }));
  const catalogueStore = overrides.catalogueStore ?? (await openCatalogueStore(config));
  const dir = overrides.files?.knowledgeDir;
  // A test that fixes the catalogue or the engine gets exactly that; otherwise the store's
  // catalogue answers, seeded from knowledge/ (FY2020) on the first start.
  const fixed = overrides.catalogue !== undefined || overrides.search !== undefined;
  const index = fixed ? null : loadPrebuiltIndex(overrides.files?.indexPath);
  // Each knowledge file is read once: the engine, the rebuilder and the place resolver share
  // them. The files the index's build checked are not checked again (a schema check was a
  // quarter of the engine's cold start); any other bytes are.
  const { gazetteer, vocabulary } = loadKnowledgeFor(index, dir);
  // The same for the ward files, the offices and the ward registry both check against (read once).
  const checked = index?.checked ?? {};
  const registry = loadWardRegistry(dir ?? DEFAULT_KNOWLEDGE_DIR, checked[WARD_REGISTRY_KEY]);
  const engineFiles = { ...overrides.files, vocabulary, gazetteer, ...(index ? { index } : {}) };
  const wards = overrides.wards ?? KNOWLEDGE_WARDS;
  let live: LiveCatalogue | null = overrides.live ?? null;
  // Built on the first message read, not at start (load-engine.ts): one engine for both uses.
  const engine = lazySearchEngine(() => loadSearchEngine(engineFiles));
  const seed = loadCatalogue(dir, registry, checked);
  if (!fixed && live === null) {
    live = createLiveCatalogue({
      store: catalogueStore,
      fallback: { catalogue: seed, search: engine },
      gazetteer,
      clock,
      refreshMs: config.catalogueRefreshMs ?? 30_000,
      onError: (err) =>
        logger.warn(
          { event: "catalogue-refresh-failed", err: err instanceof Error ? err.message : String(err) },
          "catalogue refresh failed; the loaded version keeps answering",
        ),
    });
    await seedCatalogue(catalogueStore, seed, { now: clock(), by: "初期データ" });
    await live.refresh();
  }
  const catalogue = overrides.catalogue ?? live?.catalogue ?? seed;
  const rebuilder =
    overrides.rebuilder ??
    createRebuilder({
      store: catalogueStore,
      baseVocabulary: vocabulary,
      gazetteer,
      build: overrides.indexBuilder ?? kuromojiIndexBuilder(),
      clock,
      onError: (err) =>
        logger.error(
          { event: "search-rebuild-failed", err: err instanceof Error ? err.message : String(err) },
          "search rebuild failed; the previous index keeps answering",
        ),
    });
  const messenger =
    overrides.messenger ??
    createLineMessenger({
      channelAccessToken: config.line.channelAccessToken,
      apiBaseUrl: config.line.apiBaseUrl,
      dataApiBaseUrl: config.line.dataApiBaseUrl,
    });
  return {
    config,
    logger,
    catalogue,
    store,
    messenger,
    search: overrides.search ?? live?.search ?? engine,
    offices: overrides.offices ?? loadOffices(dir, registry, checked["offices.json"]),
    wards,
    hashUser: overrides.hashUser ?? createUserHasher(config.userHashKey),
    clock,
    inflight: overrides.inflight ?? createInflight(),
    catalogueStore,
    live,
    rebuilder,
    catalogueAdmin: overrides.catalogueAdmin ?? {
      service: createCatalogueService({
        store: catalogueStore,
        questions: store,
        rebuilder,
        clock,
        seed,
        wards,
        rebuildInline: overrides.rebuildInline === true,
      }),
      tokens: catalogueStore,
      rebuilder,
      rebuildInline: overrides.rebuildInline === true,
      clock,
    },
  };
}
