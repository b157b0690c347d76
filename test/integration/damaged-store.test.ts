/**
 * Issue 14 point 5: a running server on a store file with a damaged record. The store refuses
 * reads and writes with a typed error naming file and line; /healthz answers 503 with file and
 * line (and no record content); a follow or a setting that cannot be saved is logged as an
 * error with file and line and the resident is told 「保存できません」; an event delivered twice
 * is still handled once. Real HTTP server on loopback, the embedded store on a real file.
 */
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodePostback } from "../../src/postback.js";
import { COPY } from "../../src/replies/copy.js";
import { createEmbeddedStore } from "../../src/store/embedded/index.js";
import { StoreDamagedError } from "../../src/store/store-health.js";
import { startApp } from "../helpers/app-server.js";
import { createTestDeps } from "../helpers/bot-fixtures.js";
import { followEvent, postbackEvent, textEvent, USER_A, USER_B } from "../helpers/line-events.js";

const dir = mkdtempSync(join(tmpdir(), "damaged-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A store file with one profile (USER_A) and then `bad` on line 3. */
async function damagedFile(bad: string): Promise<string> {
  const file = join(dir, `store-${++n}.jsonl`);
  const s = createEmbeddedStore({ file });
  await s.upsertProfile(USER_A, { ward: "東区" }, 1);
  await s.close();
  appendFileSync(file, `${bad}\n`);
  return file;
}

const textsOf = (messages: unknown[]): string => JSON.stringify(messages);

describe("a store file with a damaged record", () => {
  it("refuses reads and writes with a typed error naming file and line, never the record", async () => {
    for (const [bad, problem] of [
      ["not json", "not-json"],
      ['{"x":1}', "not-a-record"],
      [`{"t":"profile","v":{"userId":"${USER_B}"}}`, "invalid-record"],
    ] as const) {
      const file = await damagedFile(bad);
      const store = createEmbeddedStore({ file });
      const err = await store.upsertProfile(USER_B, { ward: "西区" }, 2).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreDamagedError);
      expect(err).toMatchObject({ file, line: 3, problem });
      expect((err as Error).message).not.toContain(USER_B);
      expect(await store.health()).toEqual({ ok: false, state: "damaged", file, line: 3, problem });
      // Refused, not half-written: the file still ends with the damaged line.
      await expect(store.getProfile(USER_A)).rejects.toBeInstanceOf(StoreDamagedError);
    }
  });

  it("/healthz is 503 naming file and line, without personal data; 200 once restored", async () => {
    const file = await damagedFile(`{"t":"profile","v":{"userId":"${USER_B}","ward":`);
    const deps = await createTestDeps({ store: createEmbeddedStore({ file }) });
    const app = await startApp(deps);
    try {
      const r = await fetch(`${app.url}/healthz`);
      expect(r.status).toBe(503);
      const body = (await r.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        ok: false,
        storeHealth: { state: "damaged", file, line: 3, problem: "not-json" },
      });
      expect(JSON.stringify(body)).not.toContain(USER_B);
      expect(JSON.stringify(body)).not.toContain(USER_A);

      const healthy = await createTestDeps({
        store: createEmbeddedStore({ file: join(dir, "fresh.jsonl") }),
      });
      const ok = await startApp(healthy);
      try {
        const h = await fetch(`${ok.url}/healthz`);
        expect(h.status).toBe(200);
        expect(await h.json()).toMatchObject({ ok: true });
      } finally {
        await ok.close();
      }
    } finally {
      await app.close();
    }
  });

  it("a follow and a setting are refused loudly: error log with file and line, 「保存できません」 reply", async () => {
    const file = await damagedFile("not json");
    const deps = await createTestDeps({ store: createEmbeddedStore({ file }) });
    const app = await startApp(deps);
    try {
      expect((await app.postEvents([followEvent(false, USER_B)])).status).toBe(200);
      expect(
        (await app.postEvents([postbackEvent(encodePostback({ kind: "ward", ward: "西区" }), USER_B)]))
          .status,
      ).toBe(200);
      await deps.inflight.drain();
      const [follow, ward] = deps.messenger.replies();
      expect(textsOf(follow ?? [])).toContain(COPY.storeDown.split("\n")[0]);
      expect(textsOf(ward ?? [])).toContain(COPY.storeDown.split("\n")[0]);
      const refused = deps.logs
        .lines()
        .filter((l) => l.severity === "ERROR" && String(l.message).includes("profile not saved"));
      expect(refused.length).toBeGreaterThanOrEqual(2);
      for (const l of refused) expect(l).toMatchObject({ storeFile: file, storeLine: 3 });
      expect(deps.logs.raw()).not.toContain(USER_B);
    } finally {
      await app.close();
    }
  });

  it("an event delivered twice is handled once while the store cannot de-duplicate", async () => {
    const file = await damagedFile("not json");
    const deps = await createTestDeps({ store: createEmbeddedStore({ file }) });
    const app = await startApp(deps);
    try {
      const event = textEvent("防災の講座", USER_B);
      expect((await app.postEvents([event])).status).toBe(200);
      expect((await app.postEvents([event])).status).toBe(200);
      await deps.inflight.drain();
      expect(deps.messenger.replies()).toHaveLength(1);
      const outcomes = deps.logs.lines().map((l) => l.outcome);
      expect(outcomes.filter((o) => o === "replied")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
