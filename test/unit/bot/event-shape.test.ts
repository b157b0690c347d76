/**
 * The event shape check (src/bot/event-shape.ts) accepts and refuses exactly what the zod schema
 * it replaced did: the schema is kept here as the oracle, and both are run on arbitrary values —
 * events built from valid and invalid field values, and anything at all.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { parseEvent } from "../../../src/bot/event-shape.js";

// The schema router.ts used until the fifth session, unchanged.
const Source = z.object({
  type: z.string(),
  userId: z.string().min(1).max(100).optional(),
  groupId: z.string().optional(),
  roomId: z.string().optional(),
});
const EventShape = z.object({
  type: z.string().min(1).max(100),
  mode: z.string().optional(),
  timestamp: z.number().optional(),
  webhookEventId: z.string().min(1).max(200).optional(),
  replyToken: z.string().min(1).max(200).optional(),
  source: Source.optional(),
  deliveryContext: z.object({ isRedelivery: z.boolean() }).partial().optional(),
  message: z.object({ type: z.string(), text: z.string().optional() }).optional(),
  postback: z.object({ data: z.unknown() }).optional(),
  follow: z.object({ isUnblocked: z.boolean() }).partial().optional(),
});

/** Values around each field's limits, of every JSON kind and a few that JSON cannot carry. */
const edgeStrings = fc.constantFrom(
  "",
  "a",
  "x".repeat(100),
  "x".repeat(101),
  "x".repeat(200),
  "x".repeat(201),
  "😀".repeat(50),
  "😀".repeat(51),
);
const strings = fc.oneof(edgeStrings, fc.string({ maxLength: 210 }));
const scalars = fc.oneof(
  strings,
  fc.boolean(),
  fc.double(),
  fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, undefined),
);
const anyField = fc.oneof(
  scalars,
  fc.array(scalars, { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), scalars),
);
/** Mostly a value of the right kind (so that one wrong field decides), sometimes anything. */
const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: anyField });
const record = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.record(fields, { requiredKeys: [] });
const eventArb = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record(
      {
        type: mostly(fc.oneof(fc.constant("message"), strings)),
        mode: mostly(fc.constantFrom("active", "standby")),
        timestamp: mostly(fc.integer()),
        webhookEventId: mostly(strings),
        replyToken: mostly(strings),
        source: mostly(
          record({
            type: mostly(fc.constantFrom("user", "group")),
            userId: mostly(strings),
            groupId: mostly(strings),
            roomId: mostly(strings),
          }),
        ),
        deliveryContext: mostly(record({ isRedelivery: mostly(fc.boolean()) })),
        message: mostly(record({ type: mostly(fc.constant("text")), text: mostly(strings), id: anyField })),
        postback: mostly(record({ data: anyField })),
        follow: mostly(record({ isUnblocked: mostly(fc.boolean()) })),
        extra: anyField,
      },
      { requiredKeys: ["type"] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: anyField },
);

describe("parseEvent", () => {
  it("accepts and refuses exactly what the zod schema did (property)", () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(eventArb, (raw) => {
        const accepted = EventShape.safeParse(raw).success;
        if (accepted) seen.accepted++;
        else seen.refused++;
        expect(parseEvent(raw) !== null).toBe(accepted);
      }),
      { numRuns: 20_000 },
    );
    // Both answers were exercised, not one of them only.
    expect(Math.min(seen.accepted, seen.refused)).toBeGreaterThan(500);
  });

  it("reads the same fields the schema kept", () => {
    const ev = {
      type: "message",
      webhookEventId: "id",
      source: { type: "user", userId: "U1" },
      message: { type: "text", text: "防災", id: "1" },
      postback: { data: "v1:help" },
      unknown: 1,
    };
    const parsed = parseEvent(ev)!;
    const zod = EventShape.parse(ev);
    expect(parsed.type).toBe(zod.type);
    expect(parsed.source).toMatchObject(zod.source!);
    expect(parsed.message).toMatchObject(zod.message!);
    expect(parsed.postback?.data).toBe(zod.postback?.data);
  });

  it("refuses a value that is not an event", () => {
    for (const raw of [42, null, "x", [], { type: "" }, { type: 5 }, { type: "message", source: [] }])
      expect(parseEvent(raw)).toBeNull();
  });
});
