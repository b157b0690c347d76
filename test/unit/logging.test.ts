/** The logger's privacy net: LINE ids in an `err` field are scrubbed whatever shape the error has. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createIsoTime, createLogger } from "../../src/logging.js";

const USER = "U" + "0123456789abcdef".repeat(2);

function capture(): { logger: ReturnType<typeof createLogger>; raw: () => string } {
  let out = "";
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString("utf8");
      done();
    },
  });
  return { logger: createLogger({ destination }), raw: () => out };
}

describe("createLogger", () => {
  it("scrubs a LINE id from an Error's message and stack", () => {
    const { logger, raw } = capture();
    logger.error({ err: new Error(`NOT_FOUND: profiles/${USER}`) }, "failed");
    expect(raw()).toContain("[line-id]");
    expect(raw()).not.toContain(USER);
  });

  it("scrubs a LINE id from an error logged as a string", () => {
    const { logger, raw } = capture();
    logger.warn({ err: `NOT_FOUND: profiles/${USER}` }, "failed");
    expect(raw()).toContain("NOT_FOUND: profiles/[line-id]");
    expect(raw()).not.toContain(USER);
  });

  it("redacts userId fields and writes Cloud Logging severity", () => {
    const { logger, raw } = capture();
    logger.warn({ userId: USER, nested: { userId: USER } }, "x");
    const line = JSON.parse(raw()) as Record<string, unknown>;
    expect(line.severity).toBe("WARNING");
    expect(line.userId).toBe("[redacted]");
    expect(raw()).not.toContain(USER);
  });

  it("censors userId and authorization one level down, in fields, child bindings and errors", () => {
    const { logger, raw } = capture();
    const fields = { ctx: { userId: USER, ward: "中央区" }, req: { authorization: "Bearer secret-token" } };
    const child = logger.child({ event: { userId: USER }, token: "t-secret" });
    child.info(fields, "one");
    logger.error(
      { err: Object.assign(new Error("boom"), { userId: USER, authorization: "Bearer x" }) },
      "two",
    );
    const [one, two] = raw()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(one).toMatchObject({
      event: { userId: "[redacted]" },
      token: "[redacted]",
      ctx: { userId: "[redacted]", ward: "中央区" },
      req: { authorization: "[redacted]" },
      message: "one",
    });
    expect(two!.err).toMatchObject({ message: "boom", userId: "[redacted]", authorization: "[redacted]" });
    expect(raw()).not.toContain(USER);
    expect(raw()).not.toContain("secret");
    // The caller's objects are left as they were.
    expect(fields.ctx.userId).toBe(USER);
  });
});

describe("createIsoTime", () => {
  it("writes pino's isoTime text for every millisecond, across seconds and before 1970", () => {
    const times = [
      Date.UTC(2026, 11, 7, 14, 37, 9, 123),
      ...fc.sample(fc.integer({ min: -8.64e12, max: 8.64e12 }), 2000),
    ];
    // Each time and its neighbours, in order, so the kept second is reused and left.
    const clock = times.flatMap((t) => [t - 1001, t - 1, t, t + 1, t + 9, t + 10, t + 99, t + 100, t + 999]);
    let i = 0;
    const isoTime = createIsoTime(() => clock[i]!);
    for (; i < clock.length; i++) expect(isoTime()).toBe(`,"time":"${new Date(clock[i]!).toISOString()}"`);
  });

  it("is the logger's time field", () => {
    const { logger, raw } = capture();
    const before = Date.now();
    logger.info({}, "now");
    const time = Date.parse((JSON.parse(raw()) as { time: string }).time);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });
});
