/**
 * The store contract against the embedded store persisted to a file (`STORE=file:PATH`), plus
 * what only a file brings: restarts, sharing between processes, compaction, torn writes, locks.
 */
import { execFile } from "node:child_process";
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createEmbeddedStore } from "../../src/store/embedded/index.js";
import type { DeliveryBatch, Profile, Store } from "../../src/store/port.js";
import { storeContract } from "./store-contract.js";

const dir = mkdtempSync(join(tmpdir(), "file-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const freshPath = (): string => join(dir, `store-${++counter}.jsonl`);
const paths = new WeakMap<Store, string>();

storeContract("file", {
  create: async () => {
    const file = freshPath();
    const store = createEmbeddedStore({ file });
    paths.set(store, file);
    return store;
  },
  sibling: async (store) => createEmbeddedStore({ file: paths.get(store) as string }),
});

const profile = (userId: string, over: Partial<Profile> = {}): Profile => ({
  userId,
  ward: "中央区",
  topics: ["kosodate"],
  largeText: false,
  followed: true,
  awaiting: null,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe("file store", () => {
  it("names its file and keeps everything across a restart", async () => {
    const file = freshPath();
    const a = createEmbeddedStore({ file });
    expect(a.kind).toBe(`file:${file}`);
    await a.upsertProfile("U1", { ward: "北区", topics: ["bousai"] }, 10);
    await a.claimEvent("ev1", 10, 10_000);
    await a.recordUnanswered({ userHash: "h", text: "ゴミの日", at: 11 });
    await a.recordUnanswered({ userHash: "h", text: "ゴミの日 ", at: 12 });
    await a.createNotice({
      id: "n1",
      data: { title: "交流会" },
      state: "draft",
      sendAt: null,
      version: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    await a.addBatches(
      "n1",
      0,
      [
        {
          noticeId: "n1",
          index: 0,
          userIds: ["U1"],
          retryKey: "k0",
          state: "pending",
          attempts: 0,
          reason: null,
          updatedAt: 1,
        },
      ],
      "U1",
    );
    await a.acquireLease("n1", "me", 10, 1_000);
    await a.close();

    const b = createEmbeddedStore({ file });
    expect(await b.getProfile("U1")).toMatchObject({ ward: "北区", topics: ["bousai"] });
    expect(await b.claimEvent("ev1", 20, 10_000)).toBe(false);
    expect(await b.listUnanswered(5)).toEqual([{ text: "ゴミの日", count: 2, askers: 1, lastAt: 12 }]);
    expect((await b.getNotice("n1"))?.data).toEqual({ title: "交流会" });
    expect((await b.listBatches("n1"))[0]?.retryKey).toBe("k0");
    expect(await b.deliveryProgress("n1")).toEqual({ pages: 1, next: "U1", complete: false });
    expect(await b.acquireLease("n1", "other", 20, 1_000)).toBe(false);
    await b.close();
  });

  it("creates the folder of a file that does not exist yet (a fresh clone's .data/)", async () => {
    const file = join(dir, "fresh-folder", "nested", "store.jsonl");
    const store = createEmbeddedStore({ file });
    await store.upsertProfile("U1", { ward: "東区" }, 1);
    const again = createEmbeddedStore({ file });
    expect((await again.getProfile("U1"))?.ward).toBe("東区");
  });

  it("shows one process's writes to another at once (CLI and server)", async () => {
    const file = freshPath();
    const server = createEmbeddedStore({ file });
    const cli = createEmbeddedStore({ file });
    expect(await server.getNotice("n1")).toBeNull();
    await cli.createNotice({
      id: "n1",
      data: {},
      state: "confirmed",
      sendAt: 5,
      version: 3,
      createdAt: 1,
      updatedAt: 1,
    });
    expect((await server.listDueNotices(5)).map((n) => n.id)).toEqual(["n1"]);
    expect(await server.updateNotice({ ...(await server.getNotice("n1"))!, state: "sending" }, 3)).toBe(true);
    expect((await cli.getNotice("n1"))?.state).toBe("sending");
  });

  it("keeps two real processes from losing or doubling anything", async () => {
    const file = freshPath();
    const worker = fileURLToPath(new URL("../helpers/file-store-worker.ts", import.meta.url));
    const run = promisify(execFile);
    const rounds = 60;
    const outs = await Promise.all(
      ["alpha", "beta"].map((tag) =>
        run(process.execPath, ["--import", "tsx", worker, file, tag, String(rounds)], { timeout: 60_000 }),
      ),
    );
    const results = outs.map((o) => JSON.parse(o.stdout) as { claims: number; leases: number });
    expect(results.reduce((s, r) => s + r.claims, 0)).toBe(rounds);
    expect(results.reduce((s, r) => s + r.leases, 0)).toBe(rounds);
    const store = createEmbeddedStore({ file });
    expect(
      (await store.listAudiencePage({ wards: ["南区"], topics: ["event"] }, null, 10_000)).userIds,
    ).toHaveLength(2 * rounds);
    const questions = await store.listUnanswered(20);
    expect(questions).toHaveLength(7);
    expect(questions.reduce((s, q) => s + q.count, 0)).toBe(2 * rounds);
    // Each process asks every question under its own hash: two residents per question.
    expect(questions.map((q) => q.askers)).toEqual(Array.from({ length: 7 }, () => 2));
  });

  it("appends a short record per batch update instead of rewriting 100,000 residents", async () => {
    const file = freshPath();
    const store = createEmbeddedStore({ file });
    const residents = Array.from({ length: 100_000 }, (_, i) =>
      profile(`U${String(i).padStart(32, "0")}`, { ward: i % 2 ? "東区" : "西区", topics: ["event"] }),
    );
    expect(await store.importProfiles(residents)).toBe(100_000);
    const { userIds: ids } = await store.listAudiencePage(
      { wards: ["東区", "西区"], topics: ["event"] },
      null,
      200_000,
    );
    expect(ids).toHaveLength(100_000);
    const batches: DeliveryBatch[] = [];
    for (let i = 0; i * 500 < ids.length; i++) {
      const userIds = ids.slice(i * 500, (i + 1) * 500);
      batches.push({
        noticeId: "big",
        index: i,
        userIds,
        retryKey: `k${i}`,
        state: "pending",
        attempts: 0,
        reason: null,
        updatedAt: 0,
      });
    }
    expect(await store.addBatches("big", 0, batches, null)).toBe(true);
    const before = statSync(file).size;
    for (const b of batches) await store.updateBatches([{ ...b, state: "sent", attempts: 1, updatedAt: 1 }]);
    const growth = statSync(file).size - before;
    // Each update carries its 500 ids (~18 KB); a rewrite would add the whole store (~15 MB) each time.
    expect(growth).toBeLessThan(batches.length * 25_000);
    const again = createEmbeddedStore({ file });
    const stored = await again.listBatches("big");
    expect(stored.every((b) => b.state === "sent")).toBe(true);
    expect(stored.flatMap((b) => b.userIds)).toEqual(ids);
  });

  it("compacts a journal of mostly superseded records and keeps the same state", async () => {
    const file = freshPath();
    const store = createEmbeddedStore({ file, compactionMinLines: 1_000 });
    const reader = createEmbeddedStore({ file });
    for (let i = 0; i < 2_500; i++) {
      // Claims expire quickly: compaction drops the expired ones.
      await store.claimEvent(`ev-${i}`, i, i + 10);
      if (i % 100 === 0)
        await store.upsertProfile("U-keep", { awaiting: i === 2_400 ? "ward-place" : null }, i);
      if (i % 250 === 0) await store.recordUnanswered({ userHash: `u_${i % 3}`, text: "公園の予約", at: i });
      // The reader follows along across the file being replaced.
      if (i % 700 === 0) expect((await reader.getProfile("U-keep"))?.updatedAt).toBe(i);
    }
    const lines = readFileSync(file, "utf8").trim().split("\n");
    // Compacted at least once: without it there would be one line per claim (2,500+).
    expect(lines.length).toBeLessThanOrEqual(1_500);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ format: "kumamoto-line-store" });
    expect(await reader.getProfile("U-keep")).toMatchObject({ awaiting: "ward-place", updatedAt: 2_400 });
    expect(await reader.claimEvent("ev-2499", 2_499, 20_000)).toBe(false);
    expect(await reader.claimEvent("ev-0", 2_499, 20_000)).toBe(true);
    // The askers survive compaction as hashes, not just as a number: a known resident asking
    // again is not a new asker, a new one is.
    expect(await reader.listUnanswered(5)).toEqual([
      { text: "公園の予約", count: 10, askers: 3, lastAt: 2_250 },
    ]);
    await reader.recordUnanswered({ userHash: "u_0", text: "公園の予約", at: 2_600 });
    await reader.recordUnanswered({ userHash: "u_9", text: "公園の予約", at: 2_601 });
    expect(await createEmbeddedStore({ file }).listUnanswered(5)).toEqual([
      { text: "公園の予約", count: 12, askers: 4, lastAt: 2_601 },
    ]);
  });

  it("reads questions journalled before askers were kept: their residents count as one unknown asker", async () => {
    const file = freshPath();
    // Lines exactly as the previous version wrote them (no hashes).
    const old = [
      { format: "kumamoto-line-store", version: 1 },
      { t: "question", key: "ゴミの日", text: "ゴミの日", at: 1, n: 1 },
      { t: "question", key: "ゴミの日", text: "ゴミの日", at: 2, n: 1 },
      { t: "question", key: "犬の登録", text: "犬の登録", at: 3, n: 4 },
    ];
    writeFileSync(file, old.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const store = createEmbeddedStore({ file, compactionMinLines: 1 });
    expect(await store.listUnanswered(5)).toEqual([
      { text: "犬の登録", count: 4, askers: 1, lastAt: 3 },
      { text: "ゴミの日", count: 2, askers: 1, lastAt: 2 },
    ]);
    await store.recordUnanswered({ userHash: "u_a", text: "ゴミの日", at: 4 });
    await store.recordUnanswered({ userHash: "u_a", text: "ゴミの日", at: 5 });
    const expected = [
      { text: "ゴミの日", count: 4, askers: 2, lastAt: 5 },
      { text: "犬の登録", count: 4, askers: 1, lastAt: 3 },
    ];
    expect(await store.listUnanswered(5)).toEqual(expected);
    // Still so after the journal is compacted (a snapshot marks the unknown asker) and reopened.
    for (let i = 0; i < 20; i++) await store.claimEvent(`ev-${i}`, 10 + i, 11 + i);
    expect(readFileSync(file, "utf8")).toContain('"x":true');
    expect(await createEmbeddedStore({ file }).listUnanswered(5)).toEqual(expected);
  });

  it("reads a delivery journalled before paging as complete, and keeps a paged one's cursor through compaction", async () => {
    const file = freshPath();
    const batch = (noticeId: string, index: number): DeliveryBatch => ({
      noticeId,
      index,
      userIds: [`U${index}`],
      retryKey: `k${index}`,
      state: "pending",
      attempts: 0,
      reason: null,
      updatedAt: 1,
    });
    const old = [
      { format: "kumamoto-line-store", version: 1 },
      { t: "batches", id: "old", v: [batch("old", 0), batch("old", 1)] },
    ];
    writeFileSync(file, old.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const store = createEmbeddedStore({ file, compactionMinLines: 1 });
    expect(await store.deliveryProgress("old")).toEqual({ pages: 1, next: null, complete: true });
    expect(await store.addBatches("old", 1, [batch("old", 2)], null)).toBe(false);
    expect(await store.addBatches("new", 0, [batch("new", 0)], "U0")).toBe(true);
    expect(await store.addBatches("new", 1, [batch("new", 1)], "U1")).toBe(true);
    for (let i = 0; i < 20; i++) await store.claimEvent(`ev-${i}`, 10 + i, 11 + i);
    expect(readFileSync(file, "utf8")).not.toContain('"t":"batches"');
    const reopened = createEmbeddedStore({ file });
    expect(await reopened.deliveryProgress("new")).toEqual({ pages: 2, next: "U1", complete: false });
    expect(await reopened.deliveryProgress("old")).toEqual({ pages: 1, next: null, complete: true });
    expect((await reopened.listBatches("new")).map((b) => b.index)).toEqual([0, 1]);
    expect(await reopened.addBatches("new", 2, [batch("new", 2)], null)).toBe(true);
    expect(await reopened.deliveryProgress("new")).toEqual({ pages: 3, next: null, complete: true });
  });

  it("ignores and then repairs a half-written last line left by a crash", async () => {
    const file = freshPath();
    const a = createEmbeddedStore({ file });
    await a.upsertProfile("U1", { ward: "西区" }, 1);
    appendFileSync(file, '{"t":"profile","v":{"userId":"U2","wa');
    const b = createEmbeddedStore({ file });
    expect(await b.getProfile("U1")).toMatchObject({ ward: "西区" });
    expect(await b.getProfile("U2")).toBeNull();
    await b.upsertProfile("U3", { ward: "南区" }, 2);
    const c = createEmbeddedStore({ file });
    expect(await c.getProfile("U3")).toMatchObject({ ward: "南区" });
    expect(readFileSync(file, "utf8")).not.toContain('"wa{');
  });

  it("refuses a file that is not a store file, without touching it", async () => {
    const file = freshPath();
    writeFileSync(file, "name,ward\nfoo,東区\n");
    const store = createEmbeddedStore({ file });
    await expect(store.getProfile("U1")).rejects.toThrow(/not a store file/);
    await expect(store.upsertProfile("U1", {}, 1)).rejects.toThrow(/not a store file/);
    expect(readFileSync(file, "utf8")).toBe("name,ward\nfoo,東区\n");
  });

  it("names the line of a damaged record", async () => {
    const file = freshPath();
    const a = createEmbeddedStore({ file });
    await a.upsertProfile("U1", {}, 1);
    appendFileSync(file, "not json\n");
    await expect(createEmbeddedStore({ file }).getProfile("U1")).rejects.toThrow(/line 3/);
  });

  it("names file and line of a record that is valid JSON of the wrong shape", async () => {
    for (const bad of ['{"x":1}', "[1,2]", "42", '{"t":"profile"}']) {
      const file = freshPath();
      const a = createEmbeddedStore({ file });
      await a.upsertProfile("U1", {}, 1);
      appendFileSync(file, `${bad}\n`);
      const err = await createEmbeddedStore({ file })
        .getProfile("U1")
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toContain(`store file ${file} line 3`);
      expect((err as Error).message).not.toMatch(/Cannot read properties/);
    }
  });

  it("treats an empty lock older than the lock timeout as stale (a crash between creating and writing it)", async () => {
    const file = freshPath();
    const store = createEmbeddedStore({ file, lockTimeoutMs: 300 });
    await store.upsertProfile("U1", {}, 1);
    writeFileSync(`${file}.lock`, "");
    const old = new Date(Date.now() - 5_000);
    utimesSync(`${file}.lock`, old, old);
    expect((await store.upsertProfile("U1", { ward: "東区" }, 2)).ward).toBe("東区");
    // A fresh empty lock (maybe being written right now) is waited for, and broken only once
    // it is older than the timeout.
    writeFileSync(`${file}.lock`, "");
    const t0 = Date.now();
    expect((await store.upsertProfile("U1", { ward: "西区" }, 3)).ward).toBe("西区");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it("breaks a lock left by a dead process and waits for a live one", async () => {
    const file = freshPath();
    const store = createEmbeddedStore({ file, lockTimeoutMs: 300 });
    await store.upsertProfile("U1", {}, 1);
    // A pid far above pid_max cannot be alive.
    writeFileSync(`${file}.lock`, `999999999 ${(await import("node:os")).hostname()} ${Date.now()}`);
    expect((await store.upsertProfile("U1", { ward: "東区" }, 2)).ward).toBe("東区");
    writeFileSync(`${file}.lock`, `${process.pid} ${(await import("node:os")).hostname()} ${Date.now()}`);
    await expect(store.upsertProfile("U1", { ward: "西区" }, 3)).rejects.toThrow(/held by another process/);
    rmSync(`${file}.lock`);
    expect((await store.getProfile("U1"))?.ward).toBe("東区");
  });
});
