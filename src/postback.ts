/**
 * The versioned postback grammar shared by Flex buttons, quick replies and rich menus.
 * Data is `v1:<verb>[:<arg>...]`, at most 300 characters (LINE's limit). Parsing is total:
 * anything that is not a current v1 payload comes back as `{ kind: "outdated" }`, so an old
 * menu or a hand-crafted payload gets 「メニューが新しくなりました」, never an exception.
 */
import { KNOWLEDGE_WARDS } from "./knowledge/known-wards.js";
import { PROGRAM_ID_PATTERN } from "./knowledge/schema.js";
import { isTopicKey, type TopicKey } from "./knowledge/topics.js";
import type { Ward, WardRegistry } from "./knowledge/wards.js";

export type Postback =
  /** Set the resident's ward. */
  | { kind: "ward"; ward: Ward }
  /** 「わからない」: ask for 校区/町名 or postal code. */
  | { kind: "ward-unknown" }
  /** Show the ward picker. */
  | { kind: "ward-picker" }
  /**
   * A topic's programs, a page at a time: in `ward` when the listing was for a ward the
   * resident named, else in the resident's own ward (rich menu / quick reply: offset 0).
   */
  | { kind: "topic"; topic: TopicKey; offset?: number; ward?: Ward | null }
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
  /** 「文字を大きく」 preference, set to a state (the settings card's button). */
  | { kind: "large-text"; on: boolean }
  /** The rich menu's 「文字の大きさ」: flips the preference and says the new state. */
  | { kind: "large-text-toggle" }
  /** A rich-menu tab switch: the menu changes on the phone; the bot has nothing to add. */
  | { kind: "tab"; menu: "main" | "settings" }
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

/** Encoding and parsing over one ward registry (ward slugs are the registry's). */
export interface PostbackCodec {
  /** Encodes a postback; the free-text part of `more` is cut so the whole fits in 300 characters. */
  encode: (p: CurrentPostback) => string;
  /** Parses postback data; never throws. */
  parse: (raw: unknown) => Postback;
}

const codecs = new WeakMap<WardRegistry, PostbackCodec>();

/** The codec of a registry (one per registry object). */
export function postbackCodec(wards: WardRegistry): PostbackCodec {
  let c = codecs.get(wards);
  if (!c) {
    c = { encode: (p) => encodeWith(wards, p), parse: (raw) => parseWith(wards, raw) };
    codecs.set(wards, c);
  }
  return c;
}

/**
 * Encodes a postback with the shipped registry (knowledge/gazetteer.json): Flex builders and rich
 * menus call this; see known-wards.ts for why they do not carry a registry.
 */
export const encodePostback = (p: CurrentPostback): string => encodeWith(KNOWLEDGE_WARDS, p);

/** Parses postback data with the shipped registry; never throws. */
export const parsePostback = (raw: unknown): Postback => parseWith(KNOWLEDGE_WARDS, raw);

function encodeWith(wards: WardRegistry, p: CurrentPostback): string {
  const wardSlug = (w: Ward): string => wards.slugOf(w);
  switch (p.kind) {
    case "ward":
      return `v1:ward:${wardSlug(p.ward)}`;
    case "ward-unknown":
      return "v1:ward:unknown";
    case "ward-picker":
      return "v1:ward:pick";
    case "topic":
      // The first page keeps the short form deployed rich menus send: `v1:topic:bousai`.
      if (!p.offset && !p.ward) return `v1:topic:${p.topic}`;
      return `v1:topic:${p.topic}:${p.offset ?? 0}${p.ward ? `:${wardSlug(p.ward)}` : ""}`;
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
    case "large-text-toggle":
      return "v1:large:toggle";
    case "tab":
      return `v1:tab:${p.menu}`;
    case "help":
      return "v1:help";
    case "office":
      return "v1:office";
    case "bulletin":
      return "v1:bulletin";
  }
}

const OFFSET = /^(0|[1-9][0-9]{0,3})$/;

function parseWith(wards: WardRegistry, raw: unknown): Postback {
  const wardFromSlug = (slug: string): Ward | undefined => wards.fromSlug(slug);
  // A program id (with or without its fiscal year) of one of the registry's wards.
  const isProgramId = (id: string): boolean =>
    PROGRAM_ID_PATTERN.test(id) &&
    wards.fromSlug(id.replace(/^fy[0-9]{4}-/, "").split("-")[0] ?? "") !== undefined;
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
    case "topic": {
      // v1:topic:<topic>[:<offset>[:<ward>]]; the short form is what deployed menus send.
      if (a === undefined || !isTopicKey(a) || parts.length > 5) return outdated;
      if (parts.length === 3) return { kind: "topic", topic: a, offset: 0 };
      if (b === undefined || !OFFSET.test(b)) return outdated;
      const slug = parts[4];
      const ward = slug === undefined ? null : wardFromSlug(slug);
      return ward === undefined ? outdated : { kind: "topic", topic: a, offset: Number(b), ward };
    }
    case "events":
      return parts.length === 2 ? { kind: "events" } : outdated;
    case "detail":
      return a !== undefined && parts.length === 3 && isProgramId(a)
        ? { kind: "detail", programId: a }
        : outdated;
    case "same":
      return a !== undefined && parts.length === 3 && isProgramId(a)
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
      // Carousels sent before topics had their own paging carry `#<topic>` as the query.
      const topic = query.startsWith("#") ? query.slice(1) : null;
      if (topic !== null)
        return isTopicKey(topic) ? { kind: "topic", topic, offset: Number(a), ward } : outdated;
      return query.trim() ? { kind: "more", offset: Number(a), ward, query } : outdated;
    }
    case "settings":
      return parts.length === 2 ? { kind: "settings" } : outdated;
    case "sub":
      return a !== undefined && isTopicKey(a) && (b === "on" || b === "off") && parts.length === 4
        ? { kind: "subscribe", topic: a, on: b === "on" }
        : outdated;
    case "large":
      if (a === "toggle" && parts.length === 3) return { kind: "large-text-toggle" };
      return (a === "on" || a === "off") && parts.length === 3
        ? { kind: "large-text", on: a === "on" }
        : outdated;
    case "tab":
      return (a === "main" || a === "settings") && parts.length === 3 ? { kind: "tab", menu: a } : outdated;
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
