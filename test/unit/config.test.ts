/** loadConfig: required variables per mode, defaults, and errors that name the variable and where to set it. */
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const prod = {
  LINE_CHANNEL_SECRET: "s3cret",
  LINE_CHANNEL_ACCESS_TOKEN: "token",
  USER_HASH_KEY: "0123456789abcdef0123",
};

describe("loadConfig", () => {
  it("production needs the LINE credentials and names the missing variable and where to set it", () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({ ...prod, LINE_CHANNEL_SECRET: "" })).toThrow(
      /LINE_CHANNEL_SECRET is not set.*LINE Developers console/,
    );
    expect(() => loadConfig({ ...prod, LINE_CHANNEL_ACCESS_TOKEN: undefined })).toThrow(
      /LINE_CHANNEL_ACCESS_TOKEN/,
    );
    expect(() => loadConfig({ ...prod, USER_HASH_KEY: undefined })).toThrow(/USER_HASH_KEY/);
    expect(() => loadConfig({ ...prod, USER_HASH_KEY: "short" })).toThrow(/at least 16/);
  });

  it("defaults: memory store, LINE's real endpoints, port 3000, info logs", () => {
    const c = loadConfig(prod);
    expect(c).toMatchObject({
      mode: "production",
      store: { kind: "memory" },
      port: 3000,
      logLevel: "info",
      adminTokens: [],
      line: {
        channelSecret: "s3cret",
        apiBaseUrl: "https://api.line.me",
        dataApiBaseUrl: "https://api-data.line.me",
      },
    });
  });

  it("local mode runs without LINE credentials", () => {
    const c = loadConfig({}, { defaultMode: "local" });
    expect(c.mode).toBe("local");
    expect(c.line.channelSecret.length).toBeGreaterThan(0);
    expect(loadConfig({ APP_MODE: "local" }).mode).toBe("local");
    expect(() => loadConfig({ APP_MODE: "staging" })).toThrow(/APP_MODE/);
  });

  it("parses STORE, base URLs, PORT, LOG_LEVEL and ADMIN_TOKENS", () => {
    const c = loadConfig({
      ...prod,
      STORE: "file:/tmp/x.json",
      LINE_API_BASE_URL: "http://127.0.0.1:9999/",
      LINE_DATA_API_BASE_URL: "http://127.0.0.1:9998",
      PORT: "8080",
      LOG_LEVEL: "debug",
      ADMIN_TOKENS: " aaaaaaaaaaaaaaaa , bbbbbbbbbbbbbbbbbbbb ",
    });
    expect(c.store).toEqual({ kind: "file", path: "/tmp/x.json" });
    expect(c.line.apiBaseUrl).toBe("http://127.0.0.1:9999");
    expect(c.port).toBe(8080);
    expect(c.logLevel).toBe("debug");
    expect(c.adminTokens).toEqual(["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb"]);
  });

  it("rejects bad values with the variable's name", () => {
    expect(() => loadConfig({ ...prod, STORE: "redis" })).toThrow(/STORE/);
    expect(() => loadConfig({ ...prod, STORE: "firestore" })).toThrow(/GOOGLE_CLOUD_PROJECT/);
    expect(loadConfig({ ...prod, STORE: "firestore", GOOGLE_CLOUD_PROJECT: "p" }).firestore.projectId).toBe(
      "p",
    );
    expect(() => loadConfig({ ...prod, LINE_API_BASE_URL: "ftp://x" })).toThrow(/LINE_API_BASE_URL/);
    expect(() => loadConfig({ ...prod, PORT: "http" })).toThrow(/PORT/);
    expect(() => loadConfig({ ...prod, LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ ...prod, ADMIN_TOKENS: "short" })).toThrow(/ADMIN_TOKENS/);
  });
});

describe("HOST and MONTHLY_MESSAGE_QUOTA", () => {
  it("binds to loopback unless HOST says otherwise, and refuses a malformed HOST", () => {
    expect(loadConfig({}, { defaultMode: "local" }).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "0.0.0.0" }, { defaultMode: "local" }).host).toBe("0.0.0.0");
    expect(loadConfig({ HOST: "::1" }, { defaultMode: "local" }).host).toBe("::1");
    expect(() => loadConfig({ HOST: "http://x" }, { defaultMode: "local" })).toThrow(/HOST must be/);
  });

  it("has no monthly quota of its own by default and refuses a quota that is not a whole number", () => {
    expect(loadConfig({}, { defaultMode: "local" }).monthlyMessageQuota).toBeNull();
    expect(loadConfig({ MONTHLY_MESSAGE_QUOTA: "5000" }, { defaultMode: "local" }).monthlyMessageQuota).toBe(
      5000,
    );
    expect(() => loadConfig({ MONTHLY_MESSAGE_QUOTA: "1.5" }, { defaultMode: "local" })).toThrow(
      /MONTHLY_MESSAGE_QUOTA/,
    );
    expect(() => loadConfig({ MONTHLY_MESSAGE_QUOTA: "-1" }, { defaultMode: "local" })).toThrow(
      /MONTHLY_MESSAGE_QUOTA/,
    );
  });
});

describe("loadConfig reports every problem at once", () => {
  it("names all missing production variables in one error", () => {
    let message = "";
    try {
      loadConfig({});
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    for (const name of ["LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "USER_HASH_KEY"])
      expect(message).toContain(`${name} is not set`);
    expect(message).toMatch(/firebase functions:secrets:set/);
  });

  it("lists bad values together with missing ones", () => {
    // Missing variables first, then bad values, one per line.
    expect(() => loadConfig({ PORT: "http", LOG_LEVEL: "loud", LINE_CHANNEL_SECRET: "s" })).toThrow(
      /LINE_CHANNEL_ACCESS_TOKEN is not set[\s\S]*USER_HASH_KEY is not set[\s\S]*PORT must be[\s\S]*LOG_LEVEL must be/,
    );
  });

  it("trusts no proxy unless configured; Cloud Functions pass one hop", () => {
    expect(loadConfig({}, { defaultMode: "local" }).trustProxyHops).toBe(0);
    expect(loadConfig({}, { defaultMode: "local", defaultTrustProxyHops: 1 }).trustProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY_HOPS: "2" }, { defaultMode: "local" }).trustProxyHops).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY_HOPS: "true" }, { defaultMode: "local" })).toThrow(
      /TRUST_PROXY_HOPS must be an integer/,
    );
  });
});
