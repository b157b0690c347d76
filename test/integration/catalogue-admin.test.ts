/**
 * The catalogue's staff API on a real server: import preview → confirm (with Japanese row and
 * column errors first), program edits that stamp 最終更新日 and who, ward-scoped and city-wide
 * tokens (stored hashed, revoked at once), and the audit log with before and after.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createDeps, type Deps } from "../../src/deps.js";
import { createRecordingMessenger } from "../../src/line/recording-messenger.js";
import { createLogger } from "../../src/logging.js";
import { loadPrebuiltIndex } from "../../src/search/load-engine.js";
import { startApp, type RunningApp } from "../helpers/app-server.js";

const ADMIN = "city-admin-token-0123456789";
const SAMPLE = readFileSync(new URL("../fixtures/catalogue/sample-fy2021-higashi.csv", import.meta.url));

describe("catalogue admin API", () => {
  let deps: Deps;
  let app: RunningApp;

  beforeAll(async () => {
    const config = loadConfig({ APP_MODE: "local", ADMIN_TOKENS: ADMIN, CATALOGUE_REFRESH_SECONDS: "0" });
    deps = await createDeps(config, {
      messenger: createRecordingMessenger(),
      logger: createLogger({ level: "silent" }),
      // The committed index stands in for kuromoji here: this file tests the API, not the build.
      indexBuilder: async () => loadPrebuiltIndex(),
    });
    app = await startApp(deps);
  });
  afterAll(async () => {
    await deps.rebuilder.idle();
    await app.close();
  });

  async function call(
    path: string,
    init: { method?: string; body?: unknown; raw?: Buffer; token?: string } = {},
  ) {
    const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? ADMIN}` };
    let body: string | Blob | undefined;
    if (init.raw) {
      headers["content-type"] = "application/octet-stream";
      body = new Blob([new Uint8Array(init.raw)]);
    } else if (init.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.body);
    }
    const res = await fetch(`${app.url}/admin/api${path}`, {
      method: init.method ?? (body !== undefined ? "POST" : "GET"),
      headers,
      body,
    });
    const type = res.headers.get("content-type") ?? "";
    return {
      status: res.status,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
      json: (type.includes("json") ? await res.json() : {}) as Record<string, any>,
      res,
    };
  }

  it("imports a sheet only after a preview, naming bad rows and columns in Japanese", async () => {
    const bad = Buffer.from(
      "区,経費区分,番号,事業名,事業内容,当初予算,9月補正後,2月補正後,決算額,備考\n中部区,まちづくり推進経費,1,,説明,abc,,,,\n",
    );
    const rejected = await call("/catalogue/import/preview?year=2021&name=bad.csv", { raw: bad });
    expect(rejected.status).toBe(400);
    expect(rejected.json.issues.map((i: { message: string }) => i.message)).toEqual([
      "2行目「区」: 「中部区」は熊本市の区ではありません（中央区・東区・西区・南区・北区）。",
      "2行目「事業名」: 空です。入力してください。",
      expect.stringMatching(/^2行目「当初予算」: 「abc」は金額として読めません/),
    ]);

    const preview = await call("/catalogue/import/preview?year=2021&name=sample.csv", { raw: SAMPLE });
    expect(preview.status).toBe(200);
    expect(preview.json.diff.added).toHaveLength(1);
    expect((await deps.catalogueStore.listYears()).map((y) => y.year)).toEqual([2020]);

    const wrong = await call(`/catalogue/import/confirm?year=2021&name=sample.csv&digest=${"0".repeat(32)}`, {
      raw: SAMPLE,
    });
    expect(wrong.status).toBe(409);
    const done = await call(
      `/catalogue/import/confirm?year=2021&name=sample.csv&digest=${preview.json.digest}`,
      {
        raw: SAMPLE,
      },
    );
    expect(done.status).toBe(200);
    expect(done.json.currentYear).toBe(2021);
    const years = await call("/catalogue/years");
    expect(years.json.years.map((y: { year: number }) => y.year)).toEqual([2020, 2021]);
    // FY2020 stays readable.
    const old = await call("/catalogue/programs?year=2020&ward=東区");
    expect(old.json.programs).toHaveLength(25);
  });

  it("scopes ward tokens, stores only digests, and revokes at once", async () => {
    const created = await call("/staff-tokens", { body: { name: "東区 山田", ward: "東区" } });
    expect(created.status).toBe(201);
    const wardToken = created.json.token as string;
    const stored = await deps.catalogueStore.listStaffTokens();
    expect(JSON.stringify(stored)).not.toContain(wardToken);

    const mine = await call("/catalogue/programs/fy2021-higashi-m-03", { token: wardToken });
    const edit = await call("/catalogue/programs/fy2021-higashi-m-03", {
      method: "PATCH",
      token: wardToken,
      body: {
        edit: {
          description: "校区ごとに避難所の開設と運営の合同訓練を行います。",
          department: "東区 総務企画課",
        },
        expectedUpdatedAt: mine.json.program.updatedAt,
      },
    });
    expect(edit.status).toBe(200);
    expect(edit.json.program).toMatchObject({ updatedBy: "東区 山田", department: "東区 総務企画課" });
    expect(edit.json.program.updatedAt).toBeGreaterThan(mine.json.program.updatedAt);
    // The same stale version again is a conflict, not a silent overwrite.
    const stale = await call("/catalogue/programs/fy2021-higashi-m-03", {
      method: "PATCH",
      token: wardToken,
      body: { edit: { contact: "x" }, expectedUpdatedAt: mine.json.program.updatedAt },
    });
    expect(stale.status).toBe(409);

    const other = await call("/catalogue/programs/fy2020-chuo-m-01", {
      method: "PATCH",
      token: wardToken,
      body: { edit: { description: "ちがう区" }, expectedUpdatedAt: null },
    });
    expect(other.status).toBe(403);
    const notice = await call("/notices", { token: wardToken, body: { wards: ["中央区"] } });
    expect(notice.status).toBe(403);
    const shelter = { title: "避難所を開けました", body: "東部公民館です。", author: "東区 総務企画課" };
    expect((await call("/bulletins/chuo", { method: "PUT", token: wardToken, body: shelter })).status).toBe(
      403,
    );
    expect(
      (await call("/bulletins/higashi", { method: "PUT", token: wardToken, body: shelter })).status,
    ).toBe(200);
    expect((await call("/staff-tokens", { token: wardToken })).status).toBe(403);

    const revoke = await call(`/staff-tokens/${created.json.id}/revoke`, { body: {} });
    expect(revoke.status).toBe(200);
    expect((await call("/whoami", { token: wardToken })).status).toBe(401);
  });

  it("lists the audit log with who, what, when, before and after", async () => {
    const log = await call("/audit?limit=50");
    const actions = log.json.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "catalogue-seed",
        "catalogue-import",
        "program-edit",
        "token-create",
        "token-revoke",
        "disaster-mode",
      ]),
    );
    const edit = log.json.entries.find((e: { action: string }) => e.action === "program-edit");
    expect(edit).toMatchObject({
      who: "東区 山田",
      target: "fy2021-higashi-m-03",
      ward: "東区",
      before: {
        説明: "校区ごとに避難所の開設と運営の合同訓練を行う。",
        担当課: "東区 総務企画課（サンプル）",
      },
      after: { 説明: "校区ごとに避難所の開設と運営の合同訓練を行います。", 担当課: "東区 総務企画課" },
    });
    expect(typeof edit.at).toBe("number");
  });

  it("exports a year as XLSX", async () => {
    const r = await call("/catalogue/export?year=2020");
    expect(r.status).toBe(200);
    expect(r.res.headers.get("content-type")).toContain("spreadsheetml");
    const bytes = new Uint8Array(await r.res.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
  });
});
