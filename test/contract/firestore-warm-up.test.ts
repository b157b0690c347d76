/**
 * The test run's warm-up of the Firestore emulator (test/helpers/global-setup.ts): one real write
 * and read through the client library before any test, so the first Firestore test does not pay
 * for the emulator's slow first request. The round trip runs against the emulator when one is
 * known; the timeout against a loopback server that accepts connections and never answers.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { warmEmulator } from "../helpers/emulator-process.js";
import { emulatorFirestore, emulatorHostOrSkip, uniqueProjectId } from "../helpers/firestore-emulator.js";

const host = emulatorHostOrSkip("Firestore emulator warm-up");

describe.skipIf(host === null)("warming the Firestore emulator", () => {
  it("writes and reads one document, then leaves its project empty", async () => {
    const projectId = uniqueProjectId("warm-up");
    const timings = await warmEmulator(host!, { projectId, timeoutMs: 30_000 });
    expect(timings.writeMs).toBeGreaterThan(0);
    expect(timings.readMs).toBeGreaterThan(0);
    const db = emulatorFirestore(host!, projectId);
    try {
      expect((await db.collection("warm-up").get()).size).toBe(0);
    } finally {
      await db.terminate();
    }
  });
});

describe("warming an emulator that never answers", () => {
  let server: Server | undefined;
  const sockets: Socket[] = [];
  const saved = process.env.FIRESTORE_EMULATOR_HOST;
  afterEach(async () => {
    if (saved === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
    else process.env.FIRESTORE_EMULATOR_HOST = saved;
    for (const s of sockets) s.destroy();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  });

  it("fails after its timeout, naming the host", async () => {
    // Accepts the connection and says nothing: an emulator still loading.
    server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const address = server.address();
    const silent = `127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    // The client library prefers this variable to the host it is given.
    delete process.env.FIRESTORE_EMULATOR_HOST;
    const t0 = Date.now();
    await expect(warmEmulator(silent, { timeoutMs: 400 })).rejects.toThrow(
      `Firestore emulator at ${silent} did not answer a first write and read within 400 ms`,
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
