/**
 * `audience check` and `audience rebuild` through the CLI dispatcher: on a file store (no index:
 * said so) and on Google's Firestore emulator with profiles as the release before the audience
 * buckets wrote them — check fails, preview and dry run write nothing, confirm builds the index,
 * check then passes. Counts only: no user id is printed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WriteBatch, type DocumentReference } from "@google-cloud/firestore";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { AudienceIndexReport } from "../../src/store/port.js";
import { runCli } from "../helpers/cli.js";
import { emulatorProject, useEmulatorClients } from "../helpers/firestore-emulator.js";
import { residents } from "../helpers/notices.js";

const dir = mkdtempSync(join(tmpdir(), "cli-audience-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("audience CLI", () => {
  it("says a file store has no audience index, and refuses unknown arguments", async () => {
    const env = { APP_MODE: "local", STORE: `file:${join(dir, "store.jsonl")}` };
    const r = await runCli(["audience", "check"], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/straight from its profiles/);
    expect((await runCli(["audience", "rebuild", "--dry-run", "--confirm"], env)).code).toBe(2);
    expect((await runCli(["audience", "check", "--confirm"], env)).code).toBe(2);
    expect((await runCli(["audience"], env)).code).toBe(2);
  });
});

const project = emulatorProject("audience CLI on Firestore", "cli-audience");

describe.skipIf(project.host === null)("audience CLI on Firestore (emulator)", () => {
  const clients = useEmulatorClients(project, () => null);
  beforeEach(() => project.wipe());

  it("checks, previews, dry-runs and then rebuilds the buckets of profiles that predate them", async () => {
    const db = clients.db;
    const people = residents(40);
    const batch = db.batch();
    for (const p of people) batch.set(db.collection("profiles").doc(p.userId), { ...p });
    await batch.commit();
    const followed = people.filter((p) => p.followed && p.ward !== null && p.topics.length > 0).length;
    const env = {
      APP_MODE: "local",
      STORE: "firestore",
      FIRESTORE_EMULATOR_HOST: project.host ?? "",
      GOOGLE_CLOUD_PROJECT: project.projectId,
    };
    const state = () => db.collection("audienceBuckets").doc("state").get();
    const buckets = async () => (await db.collection("audienceBuckets").get()).size;

    const check = await runCli(["audience", "check"], env);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/NOT in use/);
    expect(check.out).toContain(`${followed} missing`);

    const preview = await runCli(["audience", "rebuild"], env);
    expect(preview.code).toBe(0);
    expect(preview.out).toMatch(/--dry-run/);
    const dry = await runCli(["audience", "rebuild", "--dry-run", "--json"], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ ready: false, missing: followed, rewritten: 0 });
    expect((await state()).exists).toBe(false);
    expect(await buckets()).toBe(0);

    const done = await runCli(["audience", "rebuild", "--confirm", "--json"], env);
    expect(done.code).toBe(0);
    const report = JSON.parse(done.out) as AudienceIndexReport;
    expect(report).toMatchObject({ ready: true, profiles: 40, entries: followed, missing: followed });
    expect(report.rewritten).toBeGreaterThan(0);
    expect((await state()).get("ready")).toBe(true);

    const again = await runCli(["audience", "check"], env);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/agrees with the profiles/);
    for (const r of [check, preview, dry, done, again])
      for (const p of people) expect(r.out + r.err).not.toContain(p.userId);
  }, 60_000);

  it("imports a residents file writing each audience bucket about once, not once per slice of the file", async () => {
    const people = residents(2_500);
    const file = join(dir, "residents.jsonl");
    writeFileSync(
      file,
      people
        .map((p) =>
          JSON.stringify({ userId: p.userId, ward: p.ward, topics: p.topics, followed: p.followed }),
        )
        .join("\n"),
    );
    const env = {
      APP_MODE: "local",
      STORE: "firestore",
      FIRESTORE_EMULATOR_HOST: project.host ?? "",
      GOOGLE_CLOUD_PROJECT: project.projectId,
    };
    // Counts the bucket writes the CLI's own client makes (batched writes go through WriteBatch#set).
    let bucketWrites = 0;
    const set = Object.getOwnPropertyDescriptor(WriteBatch.prototype, "set")?.value as (
      this: WriteBatch,
      ...a: unknown[]
    ) => WriteBatch;
    WriteBatch.prototype.set = function (this: WriteBatch, ...a: unknown[]) {
      if ((a[0] as DocumentReference).path.startsWith("audienceBuckets/")) bucketWrites += 1;
      return set.apply(this, a);
    };
    let imported: Awaited<ReturnType<typeof runCli>>;
    try {
      imported = await runCli(["residents", "import", file], env);
    } finally {
      WriteBatch.prototype.set = set;
    }
    expect(imported.code).toBe(0);
    expect(imported.out).toBe("imported 2500 of 2500 valid lines; rejected 0");
    // 2,500 residents spread over 256 buckets: each is written once, plus the one or two a commit
    // of ≤ 500 writes shares with the next (slices of 1,000 wrote about 250 buckets each).
    expect(bucketWrites).toBeGreaterThan(200);
    expect(bucketWrites).toBeLessThanOrEqual(256 + 10);
    const check = await runCli(["audience", "check"], env);
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/agrees with the profiles/);
  }, 120_000);
});
