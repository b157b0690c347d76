/**
 * Wiring: turns a `Config` into the running parts — the store adapter, the messenger, the
 * catalogue and the prebuilt search index, the logger, a clock. The only module that chooses
 * adapters; entry points call it, tests pass overrides (a recording messenger, a failing store).
 */
import { loadCatalogue } from "./knowledge/load.js";
import { loadGazetteer, resolveWard } from "./knowledge/gazetteer.js";
import { loadOffices } from "./knowledge/offices.js";
import { createLineMessenger } from "./line/line-messenger.js";
import { createLogger } from "./logging.js";
import { createStore } from "./store/create-store.js";
import { loadSearchEngine } from "./search/load-engine.js";
import { createUserHasher } from "./user-hash.js";
import { createInflight, type Inflight } from "./http/inflight.js";
import type { BotDeps } from "./bot/context.js";
import type { PlaceResolver } from "./bot/ward-from-text.js";
import type { Config } from "./config.js";

export interface Deps extends BotDeps {
  config: Config;
  inflight: Inflight;
}

/** The gazetteer's resolver as the bot's PlaceResolver (places only; ward names are handled by the bot). */
export function gazetteerResolver(dir?: string): PlaceResolver {
  const gazetteer = loadGazetteer(dir);
  return (text) => {
    const r = resolveWard(gazetteer, text);
    return r ? { ward: r.ward, place: r.place ?? r.ward } : null;
  };
}

/** Builds every dependency from the configuration; `overrides` replace single parts (tests, CLI). */
export async function createDeps(config: Config, overrides: Partial<Deps> = {}): Promise<Deps> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const catalogue = overrides.catalogue ?? loadCatalogue();
  const store =
    overrides.store ??
    (await createStore(config.store, {
      projectId: config.firestore.projectId,
      emulatorHost: config.firestore.emulatorHost,
    }));
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
    search: overrides.search ?? loadSearchEngine(),
    offices: overrides.offices ?? loadOffices(),
    places: overrides.places !== undefined ? overrides.places : gazetteerResolver(),
    hashUser: overrides.hashUser ?? createUserHasher(config.userHashKey),
    clock: overrides.clock ?? Date.now,
    inflight: overrides.inflight ?? createInflight(),
  };
}
