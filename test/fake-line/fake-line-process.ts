/**
 * The local fake LINE API (fake-line-api.ts) in a child process of its own, for benchmarks.
 *
 * Why: LINE is a remote platform. In the sender's own process the fake's work — checking each
 * 500-recipient body against LINE's schema, recording 100,000 deliveries, parsing bodies — took
 * about 0.8 of the 2.1 CPU seconds a 100,000-resident delivery used, on the one thread the
 * sender runs on, so the push benchmark measured the fake as much as the sender. In a child
 * process it runs the same code with the same limits (schema, 200 multicast requests/s, retry
 * keys, faults from the same seed) and records every request; the parent asks for a summary
 * once the delivery is over. Tests keep the in-process fake: they assert on bodies and state.
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import type { FakeEndpoint, FakeLineApiOptions, RecordedRequest } from "./fake-line-api.js";

/** What the fake saw, summed up in the child (bodies stay there). */
export interface FakeLineReport {
  /** Every request, in arrival order. */
  requests: Array<Pick<RecordedRequest, "endpoint" | "status" | "at" | "retryKey">>;
  /** Messages delivered per user (reply, push and multicast). */
  deliveries: Map<string, number>;
  /** CPU seconds the child has used since it was ready (user + system). */
  cpuS: number;
  /** The fake's own counters (`multicast.200`, `fault.hang.processed`, …). */
  stats: Record<string, number>;
}

export interface FakeLineProcess {
  url: string;
  dataUrl: string;
  pid: number;
  /** CPU seconds the child has used since it was ready. */
  cpuS(): Promise<number>;
  report(): Promise<FakeLineReport>;
  close(): Promise<void>;
}

/** The options a child can be given: plain data only (no clock, no validator). */
export type FakeLineProcessOptions = Omit<FakeLineApiOptions, "now" | "validator">;

/** Messages between the parent and the child (fake-line-child.ts). */
export type ToChild =
  | { type: "start"; options: FakeLineProcessOptions }
  | { type: "cpu" }
  | { type: "report" }
  | { type: "close" };
export type FromChild =
  | { type: "ready"; url: string; dataUrl: string }
  | { type: "cpu"; cpuS: number }
  | {
      type: "report";
      requests: FakeLineReport["requests"];
      deliveries: Array<[string, number]>;
      cpuS: number;
      stats: Record<string, number>;
    }
  | { type: "error"; message: string };

/**
 * Starts the fake in a child process (with this process's loader flags, so it runs under tsx
 * like the parent) and resolves once it listens.
 */
export async function startFakeLineProcess(options: FakeLineProcessOptions = {}): Promise<FakeLineProcess> {
  const child: ChildProcess = fork(new URL("./fake-line-child.ts", import.meta.url), [], {
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T extends FromChild["type"]>(type: T): Promise<Extract<FromChild, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        if (m.type === "error") done(() => reject(new Error(`fake LINE process: ${m.message}`)));
        else if (m.type === type) done(() => resolve(m as Extract<FromChild, { type: T }>));
      };
      const onExit = (code: number | null) =>
        done(() => reject(new Error(`fake LINE process exited (${code}) before answering ${type}`)));
      const done = (settle: () => void) => {
        child.off("message", onMessage);
        child.off("exit", onExit);
        settle();
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const send = (m: ToChild): void => void child.send(m);
  const ready = next("ready");
  send({ type: "start", options });
  const { url, dataUrl } = await ready;
  return {
    url,
    dataUrl,
    pid: child.pid ?? 0,
    async cpuS() {
      const answer = next("cpu");
      send({ type: "cpu" });
      return (await answer).cpuS;
    },
    async report() {
      const answer = next("report");
      send({ type: "report" });
      const r = await answer;
      return { requests: r.requests, deliveries: new Map(r.deliveries), cpuS: r.cpuS, stats: r.stats };
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      send({ type: "close" });
      await exited;
    },
  };
}

/** The endpoints a report's requests can name (re-exported for callers filtering them). */
export type { FakeEndpoint };
