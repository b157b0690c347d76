/**
 * vitest global setup: makes `npm test` work on a developer machine as in CI. When
 * FIRESTORE_EMULATOR_HOST is unset and the emulator jar is installed, starts Google's Cloud
 * Firestore emulator on a free loopback port (Java 17, as scripts/firestore-emulator.sh does),
 * hands its host to the tests, and stops it afterwards. In CI `.ci/run` has already started it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import { waitForEmulator } from "./firestore-emulator.js";

const DEFAULT_JAR =
  "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // Tests never run on Google Cloud: without this, Google's auth library probes the metadata
  // server for seconds every time a Firestore client starts.
  process.env.METADATA_SERVER_DETECTION ??= "none";
  const given = process.env.FIRESTORE_EMULATOR_HOST;
  if (given) {
    project.provide("firestoreEmulatorHost", given);
    return undefined;
  }
  const jar = process.env.FIRESTORE_EMULATOR_JAR ?? DEFAULT_JAR;
  if (!existsSync(jar)) {
    project.provide("firestoreEmulatorHost", null);
    return undefined;
  }
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  mkdirSync("test-artifacts", { recursive: true });
  const log = createWriteStream("test-artifacts/firestore-emulator.log");
  // A watchdog shell owns the JVM: it stops the emulator when told to, and also when this
  // vitest process dies without running the teardown (killed by a timeout), so no JVM is orphaned.
  const script = `command -v java >/dev/null 2>&1 || exit 127
java -cp "$1" com.google.cloud.datastore.emulator.firestore.CloudFirestore start --host=127.0.0.1 --port="$2" &
emulator=$!
trap 'kill $emulator 2>/dev/null; wait $emulator; exit 0' TERM INT
while kill -0 "$3" 2>/dev/null && kill -0 $emulator 2>/dev/null; do sleep 1; done
kill $emulator 2>/dev/null
wait $emulator`;
  const child = spawn("sh", ["-c", script, "firestore-emulator", jar, String(port), String(process.pid)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const giveUp = new AbortController();
  const outcome = await Promise.race([
    waitForEmulator(host, 60_000, giveUp.signal).then(
      () => "ready" as const,
      (e: unknown) => e,
    ),
    new Promise<unknown>((resolve) => {
      child.once("exit", (code) =>
        resolve(
          code === 127
            ? "no-java"
            : new Error(
                `Firestore emulator exited early (code ${code}); see test-artifacts/firestore-emulator.log`,
              ),
        ),
      );
      child.once("error", (e) => resolve(e));
    }),
  ]);
  giveUp.abort();
  if (outcome !== "ready") {
    await stop(child);
    log.end();
    if (outcome !== "no-java") throw outcome;
    // Jar without Java: the Firestore tests skip loudly (or fail under FIRESTORE_EMULATOR_REQUIRED=1).
    console.warn(
      "!!! Firestore emulator jar found but `java` (17) is not on PATH: Firestore tests cannot run.",
    );
    project.provide("firestoreEmulatorHost", null);
    return undefined;
  }
  // Same as .ci/run: the client library and every test see the emulator through the environment.
  process.env.FIRESTORE_EMULATOR_HOST = host;
  project.provide("firestoreEmulatorHost", host);
  return async () => {
    await stop(child);
    log.end();
    delete process.env.FIRESTORE_EMULATOR_HOST;
  };
}
