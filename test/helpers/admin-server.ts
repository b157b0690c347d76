/**
 * The admin router on a real loopback server (port 0) over the memory store, with residents
 * loaded and a recording messenger, for the admin API and console tests.
 */
import type { AddressInfo } from "node:net";
import express from "express";
import { createAdminRouter, type AdminDeps, type AdminOptions } from "../../src/http/admin.js";
import { createEmbeddedStore } from "../../src/store/embedded/index.js";
import { createRecordingMessenger } from "../../src/line/recording-messenger.js";
import type { Store } from "../../src/store/port.js";
import { NOW, residents } from "./notices.js";
import { loadOffices } from "../../src/knowledge/offices.js";

export const ADMIN_TOKEN = "staff-token-0123456789abcdef";
export const PREVIEW_USER = `U${"f".repeat(32)}`;

export interface LogLine {
  level: string;
  obj: Record<string, unknown>;
  msg: string;
}

export async function startAdminServer(
  opts: {
    residents?: number;
    options?: AdminOptions;
    store?: Store;
    now?: () => number;
    /** MONTHLY_MESSAGE_QUOTA (default none). */
    monthlyMessageQuota?: number | null;
    /** What the recording messenger reports as LINE's quota (default 5000, 1200 used). */
    lineQuota?: { limit: number | null; used: number } | null;
  } = {},
) {
  const store = opts.store ?? createEmbeddedStore();
  const profiles = residents(opts.residents ?? 2000);
  await store.importProfiles(profiles);
  const messenger = createRecordingMessenger({
    quota: opts.lineQuota === undefined ? { limit: 5000, used: 1200 } : opts.lineQuota,
  });
  const logs: LogLine[] = [];
  const log = (level: string) => (obj: Record<string, unknown>, msg: string) =>
    logs.push({ level, obj, msg });
  const deps: AdminDeps = {
    config: {
      adminTokens: [ADMIN_TOKEN, "second-token-0123456789"],
      previewUserId: PREVIEW_USER,
      monthlyMessageQuota: opts.monthlyMessageQuota ?? null,
    },
    store,
    messenger,
    clock: opts.now ?? (() => NOW),
    logger: { info: log("info"), warn: log("warn"), error: log("error") },
    catalogue: { byId: new Map([["higashi-m-01", { name: "防災訓練の支援", ward: "東区" }]]) },
    offices: loadOffices(),
  };
  const app = express();
  app.set("trust proxy", false);
  app.use("/admin", createAdminRouter(deps, opts.options));
  const server = app.listen(0, "127.0.0.1");
  // No idle timeout on kept-alive sockets: on a loaded machine a test that computes for a few
  // seconds between calls (schema validation) otherwise races the server closing the socket
  // (5 s by default) and gets ECONNRESET. close() still ends idle connections.
  server.keepAliveTimeout = 0;
  await new Promise<void>((r) => server.once("listening", () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bodies: string[] = [];
  async function call(
    path: string,
    init: { method?: string; body?: unknown; token?: string | null; raw?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    const token = init.token === undefined ? ADMIN_TOKEN : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (init.raw !== undefined) body = init.raw;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(url + path, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
    const text = await res.text();
    bodies.push(text);
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return {
      status: res.status,
      headers: res.headers,
      // The tests read answers loosely and check them with expect (see eslint.config.js, tests).
      // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment
      json: json as any,
      text,
    };
  }
  return {
    url,
    store,
    messenger,
    profiles,
    logs,
    bodies,
    call,
    deps,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}
