/**
 * Which address the app takes for a client, through the real app on a loopback port. Behind
 * Cloud Functions it trusts one proxy hop (TRUST_PROXY_HOPS=1: Google's front end appends the
 * caller's address to X-Forwarded-For), so the admin router's failed-login counter follows the
 * address the front end saw. Under `npm start` nothing is in front and nothing is trusted, so a
 * caller who writes its own X-Forwarded-For cannot start a fresh count with each request.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDeps, type TestDeps } from "../helpers/bot-fixtures.js";
import { startApp, type RunningApp } from "../helpers/app-server.js";

let deps: TestDeps;
let app: RunningApp;

async function start(env: Record<string, string>): Promise<void> {
  deps = await createTestDeps({}, { ADMIN_TOKENS: "client-address-test-token-0123", ...env });
  app = await startApp(deps);
}
afterEach(async () => {
  await app.close();
  await deps.store.close();
});

/** The admin router's log lines for refused requests: the client it counted and the count. */
const failures = () =>
  deps.logs
    .lines()
    .filter((l) => l.event === "admin-auth-failed")
    .map((l) => ({ client: l.client, failures: l.failures }));

describe("client address behind the front end (TRUST_PROXY_HOPS=1, as on Cloud Functions)", () => {
  beforeEach(() => start({ TRUST_PROXY_HOPS: "1" }));

  it("counts failed logins per the address the front end appended, whatever the caller wrote before it", async () => {
    for (const spoofed of ["10.0.0.1", "198.51.100.9, 10.0.0.2", "garbage"]) {
      const r = await fetch(`${app.url}/admin/api/meta`, {
        headers: { authorization: "Bearer wrong-token", "x-forwarded-for": `${spoofed}, 203.0.113.7` },
      });
      expect(r.status).toBe(401);
    }
    expect(failures()).toEqual([
      { client: "203.0.113.7", failures: 1 },
      { client: "203.0.113.7", failures: 2 },
      { client: "203.0.113.7", failures: 3 },
    ]);
  });

  it("without the header, counts the peer itself", async () => {
    const r = await fetch(`${app.url}/admin/api/meta`, { headers: { authorization: "Bearer wrong-token" } });
    expect(r.status).toBe(401);
    const [only] = failures();
    expect(String(only?.client)).toMatch(/127\.0\.0\.1$/);
    expect(only?.failures).toBe(1);
  });
});

describe("client address under npm start (no proxy configured)", () => {
  beforeEach(() => start({}));

  it("ignores X-Forwarded-For: 7 spoofed addresses still count as one client (slowed after 5)", async () => {
    expect(deps.config.trustProxyHops).toBe(0);
    for (let i = 0; i < 7; i++) {
      const r = await fetch(`${app.url}/admin/api/meta`, {
        headers: { authorization: "Bearer wrong-token", "x-forwarded-for": `198.51.100.${i}` },
      });
      expect(r.status).toBe(401);
    }
    const counted = failures();
    expect(new Set(counted.map((f) => String(f.client))).size).toBe(1);
    expect(String(counted[0]?.client)).toMatch(/127\.0\.0\.1$/);
    expect(counted.map((f) => f.failures)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
