/**
 * Starts Google's Cloud Firestore emulator on a free loopback port with Java 17 (as
 * scripts/firestore-emulator.sh does) and waits until it answers. Used by vitest's global setup
 * and by `npm run bench:push -- --store firestore`, so both start it the same way.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname } from "node:path";

export const DEFAULT_EMULATOR_JAR =
  "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar";

/** A running emulator: its host:port and how to stop it. */
export interface EmulatorProcess {
  host: string;
  stop(): Promise<void>;
}

/** Waits until the emulator answers its root URL ("Ok"), failing after `timeoutMs` or on `signal`. */
export async function waitForEmulator(host: string, timeoutMs = 30_000, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error(`stopped waiting for the Firestore emulator at ${host}`);
    try {
      const res = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Firestore emulator at ${host} did not become ready within ${timeoutMs} ms (${last})`);
}

/** Deletes every document of one project in the emulator. */
export async function wipeEmulator(host: string, projectId: string): Promise<void> {
  const res = await fetch(
    `http://${host}/emulator/v1/projects/${encodeURIComponent(projectId)}/databases/(default)/documents`,
    { method: "DELETE", signal: AbortSignal.timeout(10_000) },
  );
  if (!res.ok)
    throw new Error(`wiping emulator project ${projectId} failed: HTTP ${res.status} ${await res.text()}`);
}

/** How long the warm-up's write and read took, in ms. */
export interface EmulatorWarmUp {
  writeMs: number;
  readMs: number;
}

/**
 * Sends the emulator one real request of each kind the tests send first — a write, then a read of
 * it — through the same client library (gRPC), on a project of its own that it wipes afterwards.
 * The root URL answers "Ok" long before the emulator has loaded and compiled what serves a
 * document: under load its first real request took longer than a test's timeout. Fails after
 * `timeoutMs` naming the host, and when the read does not return what was written.
 */
export async function warmEmulator(
  host: string,
  options: { timeoutMs?: number; projectId?: string } = {},
): Promise<EmulatorWarmUp> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const projectId = options.projectId ?? `warm-up-${process.pid}`;
  // Loaded here: a run without an emulator never pays for the client library.
  const { Firestore } = await import("@google-cloud/firestore");
  const db = new Firestore({ projectId, host, ssl: false });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `Firestore emulator at ${host} did not answer a first write and read within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
  });
  const roundTrip = async (): Promise<EmulatorWarmUp> => {
    const doc = db.collection("warm-up").doc("probe");
    const written = Date.now();
    const t0 = performance.now();
    await doc.set({ written });
    const t1 = performance.now();
    const read = (await doc.get()).get("written") as unknown;
    const t2 = performance.now();
    if (read !== written)
      throw new Error(`Firestore emulator at ${host} read back ${String(read)} after writing ${written}`);
    return { writeMs: t1 - t0, readMs: t2 - t1 };
  };
  try {
    const timings = await Promise.race([roundTrip(), expired]);
    await wipeEmulator(host, projectId);
    return timings;
  } finally {
    clearTimeout(timer);
    // Not awaited: a client still waiting on a server that never answered must not hold the caller.
    db.terminate().catch(() => undefined);
  }
}

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

function stopChild(child: ChildProcess): Promise<void> {
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

/**
 * Starts the emulator; "no-jar" / "no-java" when it cannot run here. Throws when it starts but
 * does not answer within `readyTimeoutMs` (the log names why). `javaOptions` go to the JVM
 * before the class path (the push benchmark turns off the optimising JIT compiler with them).
 */
export async function startFirestoreEmulator(
  options: { jar?: string; logPath?: string; readyTimeoutMs?: number; javaOptions?: string[] } = {},
): Promise<EmulatorProcess | "no-jar" | "no-java"> {
  const jar = options.jar ?? process.env.FIRESTORE_EMULATOR_JAR ?? DEFAULT_EMULATOR_JAR;
  if (!existsSync(jar)) return "no-jar";
  const logPath = options.logPath ?? "test-artifacts/firestore-emulator.log";
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  mkdirSync(dirname(logPath), { recursive: true });
  const log = createWriteStream(logPath);
  // A watchdog shell owns the JVM: it stops the emulator when told to, and also when this
  // process dies without stopping it (killed by a timeout), so no JVM is orphaned.
  const script = `command -v java >/dev/null 2>&1 || exit 127
jar=$1 port=$2 parent=$3
shift 3
java "$@" -cp "$jar" com.google.cloud.datastore.emulator.firestore.CloudFirestore start --host=127.0.0.1 --port="$port" &
emulator=$!
trap 'kill $emulator 2>/dev/null; wait $emulator; exit 0' TERM INT
while kill -0 "$parent" 2>/dev/null && kill -0 $emulator 2>/dev/null; do sleep 1; done
kill $emulator 2>/dev/null
wait $emulator`;
  const args = [jar, String(port), String(process.pid), ...(options.javaOptions ?? [])];
  const child = spawn("sh", ["-c", script, "firestore-emulator", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const giveUp = new AbortController();
  const outcome = await Promise.race([
    waitForEmulator(host, options.readyTimeoutMs ?? 60_000, giveUp.signal).then(
      () => "ready" as const,
      (e: unknown) => e,
    ),
    new Promise<unknown>((resolve) => {
      child.once("exit", (code) =>
        resolve(
          code === 127
            ? "no-java"
            : new Error(`Firestore emulator exited early (code ${code}); see ${logPath}`),
        ),
      );
      child.once("error", (e) => resolve(e));
    }),
  ]);
  giveUp.abort();
  const stop = async (): Promise<void> => {
    await stopChild(child);
    log.end();
  };
  if (outcome === "ready") return { host, stop };
  await stop();
  if (outcome === "no-java") return "no-java";
  throw outcome;
}
