/**
 * The store contract against Google's Cloud Firestore emulator (never a mock), plus what only
 * Firestore brings: the TTL field, hashed document ids, cleanup after a lost race, timeouts.
 * Runs whenever an emulator host is known; fails loudly when FIRESTORE_EMULATOR_REQUIRED=1 and
 * none is; otherwise skips with a loud message.
 */
import { Timestamp, type Firestore } from "@google-cloud/firestore";
import { beforeEach, describe, expect, it } from "vitest";
import { BadDocumentError, documentId } from "../../src/store/firestore-common.js";
import { createFirestoreStore } from "../../src/store/firestore.js";
import type { DeliveryBatch } from "../../src/store/port.js";
import { emulatorFirestore, emulatorProject, useEmulatorClients } from "../helpers/firestore-emulator.js";
import { storeContract } from "./store-contract.js";

const project = emulatorProject("Firestore store contract", "store");

describe.skipIf(project.host === null)("Firestore store (emulator)", () => {
  const clients = useEmulatorClients(project, (firestore) => createFirestoreStore({ firestore }));

  storeContract("firestore", clients.adapters);

  describe("Firestore specifics", () => {
    let db: Firestore;
    let db2: Firestore;
    beforeEach(async () => {
      await project.wipe();
      ({ db, db2 } = clients);
    });

    it("stores the claim expiry as a Timestamp, for the TTL policy", async () => {
      const store = createFirestoreStore({ firestore: db });
      const exp = Date.UTC(2026, 11, 1);
      await store.claimEvent("01HTTL", exp - 1_000, exp);
      const snap = await db.collection("events").doc("01HTTL").get();
      const value = snap.get("expiresAt") as unknown;
      expect(value).toBeInstanceOf(Timestamp);
      expect((value as Timestamp).toMillis()).toBe(exp);
    });

    it("keeps collections apart by prefix", async () => {
      const a = createFirestoreStore({ firestore: db, prefix: "staging_" });
      const b = createFirestoreStore({ firestore: db });
      await a.upsertProfile("U1", { ward: "東区" }, 1);
      expect(await b.getProfile("U1")).toBeNull();
      expect((await db.collection("staging_profiles").get()).size).toBe(1);
      expect(a.kind).toContain("staging_");
    });

    it("hashes document ids Firestore would refuse, and keeps plain LINE ids as they are", async () => {
      const lineId = "U4af4980629a0e3ea2ab8d1a4f1e7c1d2";
      expect(documentId(lineId)).toBe(lineId);
      for (const bad of ["a/b", "..", "__x__", "a".repeat(401), "日本語"]) {
        expect(documentId(bad)).toMatch(/^~[0-9a-f]{64}$/);
      }
      expect(documentId("a/b")).not.toBe(documentId("a/c"));
    });

    it("keeps the asker's hash only in the askers subcollection, never in the group staff read", async () => {
      const store = createFirestoreStore({ firestore: db });
      await store.recordUnanswered({ userHash: "hash-secret", text: "ゴミの日", at: 1 });
      await store.recordUnanswered({ userHash: "hash-secret", text: "ゴミの日", at: 2 });
      const snap = await db.collection("unanswered").get();
      expect(snap.size).toBe(1);
      const group = snap.docs[0];
      expect(JSON.stringify(group?.data())).not.toContain("hash-secret");
      expect(group?.data()).toMatchObject({ count: 2, askerCount: 1 });
      const askers = await group?.ref.collection("askers").get();
      expect(askers?.docs.map((d) => d.id)).toEqual(["hash-secret"]);
    });

    it("reads groups written before askers were kept: their residents count as one unknown asker", async () => {
      const store = createFirestoreStore({ firestore: db });
      // A document exactly as the previous version wrote it (no askerCount).
      await store.recordUnanswered({ userHash: "u_new", text: "犬の登録", at: 1 });
      const ref = (await db.collection("unanswered").get()).docs[0]?.ref;
      if (!ref) throw new Error("no group written");
      await ref.collection("askers").doc("u_new").delete();
      await ref.set({ key: "犬の登録", text: "犬の登録", count: 3, lastAt: 1 });
      expect(await store.listUnanswered(5)).toEqual([{ text: "犬の登録", count: 3, askers: 1, lastAt: 1 }]);
      await store.recordUnanswered({ userHash: "u_new", text: "犬の登録", at: 2 });
      await store.recordUnanswered({ userHash: "u_new", text: "犬の登録", at: 3 });
      expect(await store.listUnanswered(5)).toEqual([{ text: "犬の登録", count: 5, askers: 2, lastAt: 3 }]);
    });

    it("keeps the wording of a group stored before `texts` until a newer ask replaces it", async () => {
      const store = createFirestoreStore({ firestore: db });
      await store.recordUnanswered({ userHash: "u_a", text: "ICT講座", at: 1 });
      const ref = (await db.collection("unanswered").get()).docs[0]?.ref;
      if (!ref) throw new Error("no group written");
      // The group as the previous release wrote it (one transaction per ask, no `texts`).
      await ref.set({ key: "ict講座", text: "ICT講座", count: 2, askerCount: 2, lastAt: 10 });
      await store.recordUnanswered({ userHash: "u_b", text: "ＩＣＴ講座", at: 5 });
      expect(await store.listUnanswered(5)).toEqual([{ text: "ICT講座", count: 3, askers: 3, lastAt: 10 }]);
      await store.recordUnanswered({ userHash: "u_c", text: "ｉｃｔ講座", at: 11 });
      expect(await store.listUnanswered(5)).toEqual([
        { text: "ｉｃｔ講座", count: 4, askers: 4, lastAt: 11 },
      ]);
    });

    it("keeps `texts` small: an ask drops the wordings older than itself, never the newest", async () => {
      const store = createFirestoreStore({ firestore: db });
      const wordings = ["ゴミの日", "ｺﾞﾐの日"];
      for (let i = 0; i < 12; i++)
        await store.recordUnanswered({ userHash: `u_${i % 4}`, text: wordings[i % 2] ?? "", at: 100 + i });
      // An ask older than the newest (a slow instance) leaves the newest wording in place.
      await store.recordUnanswered({ userHash: "u_9", text: "ゴミの日", at: 50 });
      const group = (await db.collection("unanswered").get()).docs[0];
      const texts = (group?.get("texts") as Record<string, string> | undefined) ?? {};
      expect(Object.keys(texts).sort()).toEqual(["111", "50"]);
      expect(await store.listUnanswered(5)).toEqual([{ text: "ｺﾞﾐの日", count: 13, askers: 5, lastAt: 111 }]);
    });

    it("names a stored document of the wrong shape instead of handing it on as a wrong type", async () => {
      const store = createFirestoreStore({ firestore: db });
      await db.collection("profiles").doc("U1").set({ userId: "U1", ward: "東区", topics: "bousai" });
      const failure = await store.getProfile("U1").catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(BadDocumentError);
      expect(String(failure)).toMatch(/profiles\/U1 .*topics/);
      // Nothing was written over it: staff can still fix the document by hand.
      await expect(store.upsertProfile("U1", { largeText: true }, 5)).rejects.toThrow(BadDocumentError);
      expect((await db.collection("profiles").doc("U1").get()).get("topics")).toBe("bousai");
      await db
        .collection("notices")
        .doc("n1")
        .set({ id: "n1", data: "{not json", state: "draft", version: 0 });
      await expect(store.listNotices()).rejects.toThrow(/notices\/n1 .*data: not a JSON object/);
    });

    it("reads profiles older releases wrote without the later fields", async () => {
      const store = createFirestoreStore({ firestore: db });
      await db.collection("profiles").doc("U2").set({ userId: "U2", createdAt: 1, updatedAt: 2 });
      expect(await store.getProfile("U2")).toEqual({
        userId: "U2",
        ward: null,
        topics: [],
        largeText: false,
        followed: true,
        awaiting: null,
        createdAt: 1,
        updatedAt: 2,
      });
    });

    it("leaves only the winner's batches after a lost creation race", async () => {
      const s1 = createFirestoreStore({ firestore: db });
      const s2 = createFirestoreStore({ firestore: db2 });
      const make = (n: number, size: number): DeliveryBatch[] =>
        Array.from({ length: n }, (_, index) => ({
          noticeId: "n1",
          index,
          userIds: Array.from({ length: size }, (_, j) => `U${index}-${j}`),
          retryKey: `k${index}`,
          state: "pending",
          attempts: 0,
          reason: null,
          updatedAt: 0,
        }));
      const [r1, r2] = await Promise.all([
        s1.addBatches("n1", 0, make(3, 4), "U2-3"),
        s2.addBatches("n1", 0, make(5, 2), "U4-1"),
      ]);
      expect([r1, r2].filter(Boolean)).toHaveLength(1);
      const docs = await db.collection("notices").doc("n1").collection("batches").get();
      expect(docs.size).toBe(r1 ? 3 : 5);
      expect(await s2.listBatches("n1")).toEqual(r1 ? make(3, 4) : make(5, 2));
    });

    it("reads a delivery stored before paging as one complete page, and records its outcomes", async () => {
      const store = createFirestoreStore({ firestore: db });
      const token = "3f0c1c7e-legacy";
      const batch: DeliveryBatch = {
        noticeId: "n-old",
        index: 0,
        userIds: ["U1", "U2"],
        retryKey: "k0",
        state: "pending",
        attempts: 0,
        reason: null,
        updatedAt: 0,
      };
      // Documents exactly as the previous release wrote them.
      await db
        .collection("notices")
        .doc("n-old")
        .collection("batches")
        .doc(`${token}-000000`)
        .set({ token, ...batch });
      await db.collection("deliveries").doc("n-old").set({ noticeId: "n-old", token, count: 1 });
      expect(await store.deliveryProgress("n-old")).toEqual({ pages: 1, next: null, complete: true });
      expect(await store.addBatches("n-old", 1, [{ ...batch, index: 1 }], null)).toBe(false);
      expect(await store.listBatches("n-old")).toEqual([batch]);
      await store.updateBatches([{ ...batch, state: "sent", attempts: 1, reason: "req-1" }]);
      expect((await createFirestoreStore({ firestore: db2 }).listBatches("n-old"))[0]).toMatchObject({
        state: "sent",
        reason: "req-1",
      });
    });

    it("stores a batch's recipients as one JSON string, reads the arrays older releases wrote, and records outcomes without rewriting recipients", async () => {
      const store = createFirestoreStore({ firestore: db });
      const batch = (index: number, userIds: string[]): DeliveryBatch => ({
        noticeId: "n-1",
        index,
        userIds,
        retryKey: `k${index}`,
        state: "pending",
        attempts: 0,
        reason: null,
        updatedAt: 0,
      });
      const ids = Array.from({ length: 500 }, (_, i) => `U${i.toString(16).padStart(32, "0")}`);
      expect(await store.addBatches("n-1", 0, [batch(0, ids)], "cursor")).toBe(true);
      const batches = db.collection("notices").doc("n-1").collection("batches");
      const stored = await batches.doc("paged-000000").get();
      expect(stored.get("userIds")).toBe(JSON.stringify(ids));
      // A batch of the same delivery as the previous release wrote it (recipients as an array).
      await batches.doc("paged-000001").set({ token: "paged", ...batch(1, ["U1", "U2"]) });
      expect(await store.listBatches("n-1")).toEqual([batch(0, ids), batch(1, ["U1", "U2"])]);
      await store.updateBatches([{ ...batch(0, ids), state: "sent", attempts: 1, reason: "req-0" }]);
      const written = await batches.doc("paged-000000").get();
      expect(written.get("userIds")).toBe(JSON.stringify(ids));
      expect(written.updateTime).not.toEqual(stored.updateTime);
      expect((await store.listBatches("n-1"))[0]).toEqual({
        ...batch(0, ids),
        state: "sent",
        attempts: 1,
        reason: "req-0",
      });
      // Recipients that are not a JSON array of strings are a damaged document, named as such.
      await batches.doc("paged-000001").set({ token: "paged", ...batch(1, []), userIds: '{"a":1}' });
      await expect(store.listBatches("n-1")).rejects.toThrow(BadDocumentError);
    });

    it("fails a call within its timeout when Firestore is unreachable, instead of hanging", async () => {
      // Port 9 (discard) on loopback: nothing listens, so the client would retry for ever. The
      // client prefers FIRESTORE_EMULATOR_HOST over its settings, so hide it while constructing.
      const saved = process.env.FIRESTORE_EMULATOR_HOST;
      delete process.env.FIRESTORE_EMULATOR_HOST;
      let dead: Firestore;
      try {
        dead = emulatorFirestore("127.0.0.1:9", project.projectId);
      } finally {
        if (saved !== undefined) process.env.FIRESTORE_EMULATOR_HOST = saved;
      }
      const store = createFirestoreStore({ firestore: dead, timeoutMs: 300 });
      const started = Date.now();
      await expect(store.getProfile("U1")).rejects.toThrow(/did not answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(5_000);
      void dead.terminate().catch(() => undefined);
    });
  });
});
