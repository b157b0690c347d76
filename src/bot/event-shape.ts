/**
 * The shape of a webhook event, as far as the bot reads it: the fields it uses, each checked for
 * its type and length; anything else in the event is ignored. A hand-written check, not a zod
 * schema: it runs on every event, and zod's parse (which also copies the event) was a fiftieth of
 * the server's CPU per webhook (docs/benchmarks.md, issue 14 fifth session). The zod schema it
 * replaced is kept in the property test (test/unit/bot/event-shape.test.ts), which holds this
 * check to the same accept/reject on arbitrary values. Pure.
 */

/** The fields of an event the bot reads (others may be present and are ignored). */
export interface ParsedEvent {
  type: string;
  mode?: string;
  timestamp?: number;
  webhookEventId?: string;
  replyToken?: string;
  source?: { type: string; userId?: string; groupId?: string; roomId?: string };
  deliveryContext?: { isRedelivery?: boolean };
  message?: { type: string; text?: string };
  postback?: { data: unknown };
  follow?: { isUnblocked?: boolean };
}

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === "string";
const bool: Check = (v) => typeof v === "boolean";
const num: Check = (v) => typeof v === "number" && Number.isFinite(v);
/** Code points of a string: a surrogate pair is one, a lone surrogate one too (as the zod schema counted). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++)
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  return n;
}
/**
 * A string of `min` to `max` code points. A code point is one or two UTF-16 units, so only a
 * length between the two measures is counted.
 */
const text =
  (min: number, max: number): Check =>
  (v) => {
    if (typeof v !== "string") return false;
    if (v.length >= min && v.length <= max) return true;
    if (v.length < min || v.length > 2 * max) return false;
    const n = codePoints(v);
    return n >= min && n <= max;
  };
/** Absent (or undefined) is fine; present, it must pass. */
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
/** An object whose listed fields pass their checks. */
const object = (fields: Record<string, Check>): Check => {
  // The names and checks as arrays, read by index on every event (not a for…in over `fields`).
  const names = Object.keys(fields);
  const checks = names.map((k) => fields[k]!);
  return (v) => {
    if (!isObject(v)) return false;
    for (let i = 0; i < names.length; i++) if (!checks[i]!(v[names[i]!])) return false;
    return true;
  };
};

const eventShape = object({
  type: text(1, 100),
  mode: optional(str),
  timestamp: optional(num),
  webhookEventId: optional(text(1, 200)),
  replyToken: optional(text(1, 200)),
  source: optional(
    object({
      type: str,
      userId: optional(text(1, 100)),
      groupId: optional(str),
      roomId: optional(str),
    }),
  ),
  deliveryContext: optional(object({ isRedelivery: optional(bool) })),
  message: optional(object({ type: str, text: optional(str) })),
  // The key must be there (its value may be anything): the zod schema's z.unknown() required it.
  postback: optional((v) => isObject(v) && "data" in v),
  follow: optional(object({ isUnblocked: optional(bool) })),
});

/** The event when it has the shape the bot reads, else null. */
export function parseEvent(raw: unknown): ParsedEvent | null {
  return eventShape(raw) ? (raw as ParsedEvent) : null;
}
