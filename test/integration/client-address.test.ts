/**
 * Which address the app takes for a client, through the real app on a loopback port. It trusts
 * one proxy hop (Google's front end appends the caller's address to X-Forwarded-For), so the
 * admin router's failed-login counter follows the address the front end saw: a caller who
 * writes its own X-Forwarded-For entries cannot start a fresh count with each request.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDeps, type TestDeps } from "../helpers/bot-fixtures.js";
import { startApp, type RunningApp } from "../helpers/app-server.js";

let deps: TestDeps;
let app: RunningApp;

beforeEach(async () => {
  deps = await createTestDeps({}, { ADMIN_TOKENS: "client-address-test-token-0123" });
  app = await startApp(deps);
});
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

describe("client address behind the front end", () => {
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
