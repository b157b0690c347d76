/** The logger's privacy net: LINE ids in an `err` field are scrubbed whatever shape the error has. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";

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
