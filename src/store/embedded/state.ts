/**
 * The embedded store's state: plain maps rebuilt by replaying journal records in order. `apply`
 * is the only way the state changes, so the in-memory store and the journal file cannot disagree.
 */
import type { BulletinRecord, DeliveryBatch, DeliveryProgress, NoticeRecord, Profile } from "../port.js";

export interface QuestionGroup {
  text: string;
  count: number;
  lastAt: number;
  /** Keyed hashes of the residents who asked (never LINE user ids); only their number leaves the store. */
  askers: Set<string>;
  /** Asked before hashes were journalled: those residents count as one unknown asker. */
  unknownAsker: boolean;
}

export interface Lease {
  owner: string;
  expiresAt: number;
}

export /** One journal line. Replaying all lines in order rebuilds the state. */
type JournalRecord =
  | { t: "profile"; v: Profile }
  | { t: "event"; id: string; exp: number }
  /**
   * `n` questions with this key; the latest wording wins. `u`: the keyed hashes of who asked
   * (absent in journals written before askers were kept: an unknown asker, counted once per
   * group); `x`: a snapshot of a group that includes such unknown askers.
   */
  | { t: "question"; key: string; text: string; at: number; n: number; u?: string[]; x?: true }
  | { t: "notice"; v: NoticeRecord }
  /** A whole delivery's batches at once (journals written before deliveries were paged). */
  | { t: "batches"; id: string; v: DeliveryBatch[] }
  /**
   * Page `page` of a delivery: its batches (appended) and the audience cursor after it (null: the
   * last page). A compacted journal holds one record per delivery with every batch so far.
   */
  | { t: "page"; id: string; page: number; next: string | null; v: DeliveryBatch[] }
  | { t: "batch"; v: DeliveryBatch }
  | { t: "lease"; id: string; owner: string; exp: number }
  | { t: "unlease"; id: string }
  | { t: "bulletin"; v: BulletinRecord };

/** A field's expected kind, for {@link recordProblem}. */
type Kind = "string" | "number" | "boolean" | "string?" | "number?" | "strings" | "object" | "objects";

const kindOk = (v: unknown, k: Kind): boolean => {
  switch (k) {
    case "string?":
      return v === null || typeof v === "string";
    case "number?":
      return v === null || typeof v === "number";
    case "strings":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    case "objects":
      return Array.isArray(v) && v.every((x) => typeof x === "object" && x !== null);
    default:
      return typeof v === k;
  }
};

const PROFILE: Record<string, Kind> = {
  userId: "string",
  ward: "string?",
  topics: "strings",
  largeText: "boolean",
  followed: "boolean",
  awaiting: "string?",
  createdAt: "number",
  updatedAt: "number",
};
const BATCH: Record<string, Kind> = {
  noticeId: "string",
  index: "number",
  userIds: "strings",
  retryKey: "string",
};
/** The fields each record type must have (top level, and `v` when it holds one value). */
const SHAPES: Record<JournalRecord["t"], { top: Record<string, Kind>; v?: Record<string, Kind> }> = {
  profile: { top: { v: "object" }, v: PROFILE },
  event: { top: { id: "string", exp: "number" } },
  question: { top: { key: "string", text: "string", at: "number", n: "number" } },
  notice: { top: { v: "object" }, v: { id: "string", data: "object", state: "string", version: "number" } },
  batches: { top: { id: "string", v: "objects" } },
  page: { top: { id: "string", page: "number", next: "string?", v: "objects" } },
  batch: { top: { v: "object" }, v: BATCH },
  lease: { top: { id: "string", owner: "string", exp: "number" } },
  unlease: { top: { id: "string" } },
  bulletin: { top: { v: "object" }, v: { scope: "string", data: "object", version: "number" } },
};

/**
 * What is wrong with a parsed journal line, or null when it is a record `apply` can take: a
 * line of the right type with a field missing would otherwise be replayed and crash a later
 * call far from the file. Names fields only, never values (they may be LINE user ids).
 */
export function recordProblem(r: { t: string } & Record<string, unknown>): string | null {
  const shape = (SHAPES as Record<string, (typeof SHAPES)[JournalRecord["t"]] | undefined>)[r.t];
  if (!shape) return `unknown record type "${r.t.slice(0, 20)}"`;
  const bad = (obj: Record<string, unknown>, fields: Record<string, Kind>, at: string): string | null => {
    for (const [f, k] of Object.entries(fields)) if (!kindOk(obj[f], k)) return `${at}${f}`;
    return null;
  };
  const field =
    bad(r, shape.top, "") ??
    (shape.v ? bad(r.v as Record<string, unknown>, shape.v, "v.") : null) ??
    (r.t === "batches" || r.t === "page"
      ? ((r.v as Record<string, unknown>[]).map((b) => bad(b, BATCH, "v[].")).find(Boolean) ?? null)
      : null) ??
    (r.t === "question" && r.u !== undefined && !kindOk(r.u, "strings") ? "u" : null);
  return field === null ? null : `a "${r.t}" record whose ${field} is missing or of the wrong type`;
}

export const copyProfile = (p: Profile): Profile => ({ ...p, topics: [...p.topics] });
export const copyBatch = (b: DeliveryBatch): DeliveryBatch => ({ ...b, userIds: [...b.userIds] });
export const copyNotice = (n: NoticeRecord): NoticeRecord => structuredClone(n);
export const copyBulletin = (b: BulletinRecord): BulletinRecord => structuredClone(b);

/** The whole store as plain maps; `apply` is the only way it changes. */
export class State {
  readonly profiles = new Map<string, Profile>();
  readonly events = new Map<string, number>();
  readonly questions = new Map<string, QuestionGroup>();
  readonly notices = new Map<string, NoticeRecord>();
  readonly batches = new Map<string, DeliveryBatch[]>();
  /** How far each delivery with batches has been paged. */
  readonly progress = new Map<string, DeliveryProgress>();
  readonly leases = new Map<string, Lease>();
  /** Emergency bulletins by scope (a handful: one per area). */
  readonly bulletins = new Map<string, BulletinRecord>();
  /** Latest `now` seen, used to forget expired claims. */
  latestNow = 0;
  /** Every profile's user id in code-unit order, rebuilt on demand after a new resident. */
  private sorted: string[] | null = null;

  /** User ids in code-unit order (the audience order): an index, so a page costs no sort. */
  userIdsInOrder(): readonly string[] {
    this.sorted ??= [...this.profiles.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.sorted;
  }

  apply(r: JournalRecord): void {
    switch (r.t) {
      case "profile":
        if (!this.profiles.has(r.v.userId)) this.sorted = null;
        this.profiles.set(r.v.userId, r.v);
        return;
      case "event":
        this.events.set(r.id, r.exp);
        return;
      case "question": {
        let g = this.questions.get(r.key);
        if (!g) {
          g = { text: r.text, count: 0, lastAt: r.at, askers: new Set(), unknownAsker: false };
          this.questions.set(r.key, g);
        }
        g.count += r.n;
        for (const h of r.u ?? []) g.askers.add(h);
        if (r.u === undefined || r.x === true) g.unknownAsker = true;
        if (r.at >= g.lastAt) {
          g.lastAt = r.at;
          g.text = r.text;
        }
        return;
      }
      case "notice":
        this.notices.set(r.v.id, r.v);
        return;
      case "batches":
        this.batches.set(r.id, r.v);
        this.progress.set(r.id, { pages: 1, next: null, complete: true });
        return;
      case "page":
        // Pages come in index order from the sender; sorting keeps any other caller's order right.
        this.batches.set(
          r.id,
          [...(this.batches.get(r.id) ?? []), ...r.v].sort((a, b) => a.index - b.index),
        );
        this.progress.set(r.id, { pages: r.page + 1, next: r.next, complete: r.next === null });
        return;
      case "batch": {
        const list = this.batches.get(r.v.noticeId);
        const i = list ? list.findIndex((b) => b.index === r.v.index) : -1;
        if (list && i >= 0) list[i] = r.v;
        return;
      }
      case "lease":
        this.leases.set(r.id, { owner: r.owner, expiresAt: r.exp });
        return;
      case "unlease":
        this.leases.delete(r.id);
        return;
      case "bulletin":
        this.bulletins.set(r.v.scope, r.v);
        return;
    }
  }

  /** Forgets claims that expired before the latest `now` seen; they are claimable again anyway. */
  pruneEvents(): void {
    for (const [id, exp] of this.events) if (exp <= this.latestNow) this.events.delete(id);
  }

  /** The minimal records that rebuild this state (for compaction). */
  *snapshot(): Generator<JournalRecord> {
    for (const v of this.profiles.values()) yield { t: "profile", v };
    for (const [id, exp] of this.events) if (exp > this.latestNow) yield { t: "event", id, exp };
    for (const [key, g] of this.questions)
      yield {
        t: "question",
        key,
        text: g.text,
        at: g.lastAt,
        n: g.count,
        u: [...g.askers],
        ...(g.unknownAsker ? { x: true as const } : {}),
      };
    for (const v of this.notices.values()) yield { t: "notice", v };
    for (const [id, v] of this.batches) {
      const p = this.progress.get(id) ?? { pages: 1, next: null };
      yield { t: "page", id, page: p.pages - 1, next: p.next, v };
    }
    for (const [id, l] of this.leases) yield { t: "lease", id, owner: l.owner, exp: l.expiresAt };
    for (const v of this.bulletins.values()) yield { t: "bulletin", v };
  }

  liveRecords(): number {
    return (
      this.profiles.size +
      this.events.size +
      this.questions.size +
      this.notices.size +
      this.batches.size +
      this.leases.size +
      this.bulletins.size
    );
  }
}
