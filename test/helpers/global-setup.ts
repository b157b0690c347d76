/**
 * vitest global setup: makes `npm test` work on a developer machine as in CI. When
 * FIRESTORE_EMULATOR_HOST is unset and the emulator jar is installed, starts Google's Cloud
 * Firestore emulator on a free loopback port (Java 17, as scripts/firestore-emulator.sh does),
 * hands its host to the tests, and stops it afterwards. In CI `.ci/run` has already started it.
 * Either way it sends the emulator a first write and read before any test runs (`warm`).
 */
import type { TestProject } from "vitest/node";
import { startFirestoreEmulator, waitForEmulator, warmEmulator } from "./emulator-process.js";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // Tests never run on Google Cloud: without this, Google's auth library probes the metadata
  // server for seconds every time a Firestore client starts.
  process.env.METADATA_SERVER_DETECTION ??= "none";
  const given = process.env.FIRESTORE_EMULATOR_HOST;
  if (given) {
    await warm(given);
    project.provide("firestoreEmulatorHost", given);
    return undefined;
  }
  const started = await startFirestoreEmulator();
  if (started === "no-jar") {
    project.provide("firestoreEmulatorHost", null);
    return undefined;
  }
  if (started === "no-java") {
    // Jar without Java: the Firestore tests skip loudly (or fail under FIRESTORE_EMULATOR_REQUIRED=1).
    console.warn(
      "!!! Firestore emulator jar found but `java` (17) is not on PATH: Firestore tests cannot run.",
    );
    project.provide("firestoreEmulatorHost", null);
    return undefined;
  }
  const { host } = started;
  // Same as .ci/run: the client library and every test see the emulator through the environment.
  process.env.FIRESTORE_EMULATOR_HOST = host;
  try {
    await warm(host);
  } catch (e) {
    await started.stop();
    throw e;
  }
  project.provide("firestoreEmulatorHost", host);
  return async () => {
    await started.stop();
    delete process.env.FIRESTORE_EMULATOR_HOST;
  };
}

/**
 * Waits until the emulator answers, then sends it a first write and read before any test does:
 * the emulator's first real request is slow (seconds under load), and it was the first Firestore
 * test that timed out on it. Says in the run's log how long both took.
 */
async function warm(host: string): Promise<void> {
  const t0 = performance.now();
  await waitForEmulator(host, 60_000);
  const ready = performance.now() - t0;
  const { writeMs, readMs } = await warmEmulator(host, { timeoutMs: 60_000 });
  console.log(
    `Firestore emulator at ${host}: answering after ${Math.round(ready)} ms; ` +
      `warmed by a first write (${Math.round(writeMs)} ms) and read (${Math.round(readMs)} ms)`,
  );
}
