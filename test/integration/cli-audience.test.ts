/**
 * `audience check` and `audience rebuild` through the CLI dispatcher: on a file store (no index:
 * said so) and on Google's Firestore emulator with profiles as the release before the audience
 * buckets wrote them — check fails, preview and dry run write nothing, confirm builds the index,
 * check then passes. Counts only: no user id is printed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
});
