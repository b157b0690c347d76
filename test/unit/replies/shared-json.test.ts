/**
 * The LINE client's JSON writer: byte-for-byte JSON.stringify for every reply the bot builds,
 * with the JSON of shared parts (program bubbles) written once and reused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBot } from "../../../src/bot/router.js";
import { isSharedJson, shareJson, toJsonBytes, toJsonPieces } from "../../../src/text/shared-json.js";

const toJson = (v: unknown): string => toJsonBytes(v).toString("utf8");
/** What the LINE client sent before: JSON.stringify, encoded as UTF-8. */
const expected = (v: unknown): Buffer => Buffer.from(JSON.stringify(v), "utf8");
import { programBubble } from "../../../src/replies/flex/program-bubble.js";
import { textStyle } from "../../../src/replies/flex/parts.js";
import { createTestDeps, TEST_PROGRAMS } from "../../helpers/bot-fixtures.js";
import { postbackEvent, textEvent } from "../../helpers/line-events.js";
import { encodePostback } from "../../../src/postback.js";

describe("toJsonBytes", () => {
  it("is JSON.stringify for plain data, undefined members and nested shared parts included", () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.jsonValue(),
        fc.constant(undefined),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("node"), { maxKeys: 4 }),
        // A shared part inside plain data, as a bubble inside a reply.
        tie("node").map((v) => (typeof v === "object" && v !== null ? shareJson(v) : v)),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        fc.pre(v !== undefined);
        // Twice: the second time the shared parts' JSON comes from the cache.
        expect(toJsonBytes(v).equals(expected(v))).toBe(true);
        expect(toJsonBytes(v).equals(expected(v))).toBe(true);
        // The pieces the LINE client sends, in order, are the same bytes.
        expect(Buffer.concat(toJsonPieces(v)).equals(expected(v))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("writes any string member as JSON.stringify does: quotes, backslashes, controls, pairs and lone surrogates", () => {
    // Any UTF-16 unit, a lone surrogate included, and the characters JSON escapes, often.
    const unit = fc.oneof(
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.string({
        unit: fc.constantFrom(
          '"',
          "\\",
          "\n",
          "\u0000",
          "\u001f",
          "\u2028",
          "\ud83d",
          "\ude00",
          "😀",
          "あ",
          "a",
        ),
        maxLength: 8,
      }),
    );
    fc.assert(
      fc.property(unit, unit, (text, key) => {
        const v = { type: "text", text, [key]: [text, { text }] };
        expect(toJsonBytes(v).equals(expected(v))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves Dates, toJSON and class instances to JSON.stringify", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const v = {
      at: new Date(Date.UTC(2026, 11, 6)),
      custom: { toJSON: () => "custom" },
      gone: { toJSON: () => undefined },
      point: new Point(1, 2),
      list: [undefined, () => 1, Symbol("s"), Number.NaN, -0, 1e21],
      boxed: new String("箱"),
    };
    expect(toJson(v)).toBe(JSON.stringify(v));
    expect(() => toJsonBytes(undefined)).toThrow(TypeError);
  });

  it("writes a shared part's JSON once (it is frozen, so the kept JSON cannot go stale)", () => {
    let reads = 0;
    const part = shareJson({
      type: "text",
      get text() {
        reads++;
        return "同じ";
      },
    });
    expect(Object.isFrozen(part)).toBe(true);
    reads = 0; // freezing read it once
    expect(toJson({ messages: [part] })).toBe('{"messages":[{"type":"text","text":"同じ"}]}');
    expect(toJson({ messages: [part, part] })).toBe(
      '{"messages":[{"type":"text","text":"同じ"},{"type":"text","text":"同じ"}]}',
    );
    expect(reads).toBe(1);
  });

  it("program bubbles are shared parts", () => {
    expect(isSharedJson(programBubble(TEST_PROGRAMS[0]!, textStyle(false)))).toBe(true);
  });

  it("every reply the bot sends serialises exactly as JSON.stringify would, before and after its bubbles are cached", async () => {
    const deps = await createTestDeps();
    const bot = createBot(deps);
    const events = [
      textEvent("防災の講座はありますか"),
      textEvent("子育てサークルを探しています"),
      textEvent("東区の防災訓練"),
      textEvent("パスポートの申請はどこでできますか"),
      textEvent("イベント"),
      postbackEvent(encodePostback({ kind: "ward-programs", ward: "中央区", offset: 0 })),
      postbackEvent(encodePostback({ kind: "settings" })),
      // Large text: other bubbles, shared too.
      postbackEvent(encodePostback({ kind: "large-text", on: true })),
      textEvent("防災の講座はありますか"),
    ];
    let shared = 0;
    for (const ev of events) {
      const { messages } = await bot.handleEvent(ev);
      const body = { replyToken: "r".repeat(32), messages };
      expect(toJsonBytes(body).equals(expected(body))).toBe(true);
      expect(toJsonBytes(body).equals(expected(body))).toBe(true);
      expect(Buffer.concat(toJsonPieces(body)).equals(expected(body))).toBe(true);
      if (messages.some(hasShared)) shared++;
    }
    // Not a vacuous check: the answers with carousels did carry shared bubbles.
    expect(shared).toBeGreaterThanOrEqual(3);
  });
});

function hasShared(v: unknown): boolean {
  if (isSharedJson(v)) return true;
  if (typeof v !== "object" || v === null) return false;
  return Object.values(v).some(hasShared);
}
