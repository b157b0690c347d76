/**
 * The search follows staff changes without a deploy: two app instances share one store; staff
 * import the sample FY2021 sheet through instance A (preview → confirm → kuromoji rebuild), and
 * instance B — which never restarts — answers a resident from FY2021 within its refresh interval,
 * answering with the old index until the new one is stored. Old FY2020 postbacks keep working.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalogueService } from "../../src/catalogue/service.js";
import { cityStaff } from "../../src/catalogue/staff.js";
import { loadConfig } from "../../src/config.js";
import { createDeps, type Deps } from "../../src/deps.js";
import { loadCatalogue } from "../../src/knowledge/load.js";
import { createRecordingMessenger, type RecordingMessenger } from "../../src/line/recording-messenger.js";
import { createEmbeddedCatalogueStore } from "../../src/store/catalogue-embedded.js";
import { createEmbeddedStore } from "../../src/store/embedded/index.js";
import { startApp, type RunningApp } from "../helpers/app-server.js";
import { postbackEvent, textEvent } from "../helpers/line-events.js";
import { createLogger } from "../../src/logging.js";

const SAMPLE = readFileSync(new URL("../fixtures/catalogue/sample-fy2021-higashi.csv", import.meta.url));
const QUESTION = "東区のスマホの安全教室はありますか";
const NEW_PROGRAM = "スマホ・SNS安全教室開催経費";
const REFRESH_SECONDS = 1;

interface Instance {
  deps: Deps;
  app: RunningApp;
  messenger: RecordingMessenger;
}

describe("two app instances on one store", () => {
  const catalogueStore = createEmbeddedCatalogueStore();
  const store = createEmbeddedStore();
  let a: Instance;
  let b: Instance;

  async function instance(): Promise<Instance> {
    const config = loadConfig({ APP_MODE: "local", CATALOGUE_REFRESH_SECONDS: String(REFRESH_SECONDS) });
    const messenger = createRecordingMessenger();
    const deps = await createDeps(config, {
      store,
      catalogueStore,
      messenger,
      logger: createLogger({ level: "silent" }),
    });
    return { deps, app: await startApp(deps), messenger };
  }

  /** What instance B replies to a text, as JSON text. */
  async function ask(i: Instance, event: Record<string, unknown>): Promise<string> {
    const before = i.messenger.replies().length;
    expect((await i.app.postEvents([event])).status).toBe(200);
    await i.deps.inflight.drain();
    return JSON.stringify(i.messenger.replies().slice(before));
  }

  beforeAll(async () => {
    a = await instance();
    b = await instance();
  });
  afterAll(async () => {
    await a.app.close();
    await b.app.close();
  });

  it("seeds FY2020 once and answers from it with year ids", async () => {
    expect((await catalogueStore.listYears()).map((y) => y.year)).toEqual([2020]);
    const audit = await catalogueStore.listAudit(10);
    expect(audit.filter((e) => e.action === "catalogue-seed")).toHaveLength(1);
    expect(b.deps.catalogue.programs).toHaveLength(loadCatalogue().programs.length);
    expect(b.deps.catalogue.programs[0]!.id).toMatch(/^fy2020-/);
    const reply = await ask(b, textEvent(QUESTION));
    expect(reply).not.toContain(NEW_PROGRAM);
  });

  it("picks up an import made through the other instance within the refresh interval", async () => {
    const service = createCatalogueService({
      store: catalogueStore,
      questions: store,
      rebuilder: a.deps.rebuilder,
      clock: Date.now,
      seed: loadCatalogue(),
    });
    const staff = cityStaff("東区 職員");
    const input = { fileName: "sample-fy2021-higashi.csv", bytes: SAMPLE, year: 2021, staff };
    const preview = await service.previewImport(input);
    expect(preview.diff.added.map((x) => x.name)).toEqual([NEW_PROGRAM]);
    await service.confirmImport({ ...input, digest: preview.digest });

    // While the index is rebuilt, B keeps answering (with the old index): never an error.
    expect(a.deps.rebuilder.status().running).toBe(true);
    expect(await ask(b, textEvent(QUESTION))).not.toContain(NEW_PROGRAM);
    const during = await ask(b, textEvent("東区の防災訓練"));
    expect(during).toContain("地域防災合同訓練事業");
    expect(during).toContain("令和2年度");

    await a.deps.rebuilder.idle();
    expect(a.deps.rebuilder.status().lastError).toBeNull();
    const flippedAt = Date.now();
    let reply = "";
    while (Date.now() - flippedAt < 20_000) {
      reply = await ask(b, textEvent(QUESTION));
      if (reply.includes(NEW_PROGRAM)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const pickupMs = Date.now() - flippedAt;
    expect(reply).toContain(NEW_PROGRAM);
    expect(reply).toContain("令和3年度");
    // One refresh interval plus loading the stored index (which takes well under a second).
    expect(pickupMs).toBeLessThan(REFRESH_SECONDS * 1000 + 3000);
    expect(b.deps.live?.indexVersion()).toBe((await catalogueStore.getState()).indexVersion);

    // Other wards keep their FY2020 programs; FY2020 stays readable by its old ids.
    expect(
      b.deps.catalogue.programs.filter((p) => p.ward === "東区").every((p) => p.fiscalYear === 2021),
    ).toBe(true);
    expect(
      b.deps.catalogue.programs.filter((p) => p.ward === "中央区").every((p) => p.fiscalYear === 2020),
    ).toBe(true);
    const old = await ask(b, postbackEvent("v1:detail:higashi-m-09"));
    expect(old).toContain("地域防災合同訓練事業");
    expect(old).toContain("令和2年度");
  }, 120_000);
});
