/**
 * The versioned postback grammar shared by Flex buttons, quick replies and rich menus.
 * Data is `v1:<verb>[:<arg>...]`, at most 300 characters (LINE's limit). Parsing is total:
 * anything that is not a current v1 payload comes back as `{ kind: "outdated" }`, so an old
 * menu or a hand-crafted payload gets 「メニューが新しくなりました」, never an exception.
 */
import { WARD_SLUGS, wardFromSlug, type Ward } from "./knowledge/schema.js";
import { isTopicKey, type TopicKey } from "./knowledge/topics.js";

export type Postback =
  /** Set the resident's ward. */
  | { kind: "ward"; ward: Ward }
  /** 「わからない」: ask for 校区/町名 or postal code. */
  | { kind: "ward-unknown" }
  /** Show the ward picker. */
  | { kind: "ward-picker" }
  /** A topic search within the resident's ward (rich menu / quick reply). */
  | { kind: "topic"; topic: TopicKey }
  /** Upcoming events for the resident's ward. */
  | { kind: "events" }
  /** 「くわしく」 for one program. */
  | { kind: "detail"; programId: string }
  /** 「この区のほかの取組」: other programs of the ward, from an offset. */
  | { kind: "ward-programs"; ward: Ward; offset: number }
  /** 「ほかの区の同じ分野」: programs of other wards sharing the program's main topic. */
  | { kind: "same-topic"; programId: string }
  /** 「もっと見る」: the next page of a search. */
  | { kind: "more"; offset: number; ward: Ward | null; query: string }
  /** The notice opt-in settings card. */
  | { kind: "settings" }
  /** Toggle one notice topic. */
  | { kind: "subscribe"; topic: TopicKey; on: boolean }
  /** 「文字を大きく」 preference. */
  | { kind: "large-text"; on: boolean }
  /** Short guide. */
  | { kind: "help" }
  /** The resident's ward office (from knowledge/). */
  | { kind: "office" }
  /** The emergency bulletin of the resident's area, then the official contacts (disaster menu). */
  | { kind: "bulletin" }
  /** Anything else: an old menu or an unknown payload. */
  | { kind: "outdated"; raw: string };

/** A postback a button can carry: everything but `outdated`, which only parsing produces. */
export type CurrentPostback = Exclude<Postback, { kind: "outdated" }>;

export const POSTBACK_MAX = 300;

const wardSlug = (w: Ward): string => WARD_SLUGS[w];

/** Encodes a postback; the free-text part of `more` is cut so the whole fits in 300 characters. */
export function encodePostback(p: CurrentPostback): string {
  switch (p.kind) {
    case "ward":
      return `v1:ward:${wardSlug(p.ward)}`;
    case "ward-unknown":
      return "v1:ward:unknown";
    case "ward-picker":
      return "v1:ward:pick";
    case "topic":
      return `v1:topic:${p.topic}`;
    case "events":
      return "v1:events";
    case "detail":
      return `v1:detail:${p.programId}`;
    case "ward-programs":
      return `v1:wardp:${wardSlug(p.ward)}:${p.offset}`;
    case "same-topic":
      return `v1:same:${p.programId}`;
    case "more": {
      const head = `v1:more:${p.offset}:${p.ward ? wardSlug(p.ward) : "all"}:`;
      return head + p.query.slice(0, POSTBACK_MAX - head.length);
    }
    case "settings":
      return "v1:settings";
    case "subscribe":
      return `v1:sub:${p.topic}:${p.on ? "on" : "off"}`;
    case "large-text":
      return `v1:large:${p.on ? "on" : "off"}`;
    case "help":
      return "v1:help";
    case "office":
      return "v1:office";
    case "bulletin":
      return "v1:bulletin";
  }
}

const PROGRAM_ID = /^(chuo|higashi|nishi|minami|kita)-(m|f)-[0-9a-z]+(-[0-9a-z]+)?$/;
const OFFSET = /^(0|[1-9][0-9]{0,3})$/;

/** Parses postback data; never throws. */
export function parsePostback(raw: unknown): Postback {
  if (typeof raw !== "string" || raw.length > POSTBACK_MAX) return { kind: "outdated", raw: String(raw) };
  const outdated: Postback = { kind: "outdated", raw };
  const parts = raw.split(":");
  if (parts[0] !== "v1") return outdated;
  const [, verb, a, b] = parts;
  switch (verb) {
    case "ward": {
      if (a === "unknown" && parts.length === 3) return { kind: "ward-unknown" };
      if (a === "pick" && parts.length === 3) return { kind: "ward-picker" };
      const ward = a !== undefined && parts.length === 3 ? wardFromSlug(a) : undefined;
      return ward ? { kind: "ward", ward } : outdated;
    }
    case "topic":
      return a !== undefined && parts.length === 3 && isTopicKey(a) ? { kind: "topic", topic: a } : outdated;
    case "events":
      return parts.length === 2 ? { kind: "events" } : outdated;
    case "detail":
      return a !== undefined && parts.length === 3 && PROGRAM_ID.test(a)
        ? { kind: "detail", programId: a }
        : outdated;
    case "same":
      return a !== undefined && parts.length === 3 && PROGRAM_ID.test(a)
        ? { kind: "same-topic", programId: a }
        : outdated;
    case "wardp": {
      const ward = a !== undefined ? wardFromSlug(a) : undefined;
      return ward && b !== undefined && OFFSET.test(b) && parts.length === 4
        ? { kind: "ward-programs", ward, offset: Number(b) }
        : outdated;
    }
    case "more": {
      if (a === undefined || !OFFSET.test(a) || b === undefined || parts.length < 5) return outdated;
      const ward = b === "all" ? null : wardFromSlug(b);
      if (ward === undefined) return outdated;
      const query = parts.slice(4).join(":");
      return query.trim() ? { kind: "more", offset: Number(a), ward, query } : outdated;
    }
    case "settings":
      return parts.length === 2 ? { kind: "settings" } : outdated;
    case "sub":
      return a !== undefined && isTopicKey(a) && (b === "on" || b === "off") && parts.length === 4
        ? { kind: "subscribe", topic: a, on: b === "on" }
        : outdated;
    case "large":
      return (a === "on" || a === "off") && parts.length === 3
        ? { kind: "large-text", on: a === "on" }
        : outdated;
    case "help":
      return parts.length === 2 ? { kind: "help" } : outdated;
    case "office":
      return parts.length === 2 ? { kind: "office" } : outdated;
    case "bulletin":
      return parts.length === 2 ? { kind: "bulletin" } : outdated;
    default:
      return outdated;
  }
}
