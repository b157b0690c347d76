/**
 * The embedded store: the default for running locally with no setup.
 *
 * WITHOUT `file` IT KEEPS NOTHING ACROSS RESTARTS — everything lives in this process's memory
 * and is gone when it exits (`kind` says "memory (volatile)").
 *
 * With `file` (`STORE=file:PATH`) every change is appended to a journal file (one JSON record
 * per line) under a lock file, and every operation first reads what other processes appended,
 * so the server and every CLI command share one store: a `notice confirm` run from the CLI is
 * seen by a running server. The journal is compacted (snapshot written to a temporary file,
 * fsynced, then renamed over the journal) once it holds mostly superseded records, so a crash
 * at any point leaves either the old or the new file, never a torn one. Appends mean a delivery
 * of 100,000 residents writes one short line per batch instead of rewriting the whole store.
 */
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { dirname, resolve } from "node:path";
import type { Ward } from "../knowledge/schema.js";
import type { TopicKey } from "../knowledge/topics.js";
import type {
  AudienceFilter,
  DeliveryBatch,
  NoticeRecord,
  NoticeState,
  Profile,
  ProfilePatch,
  Store,
  UnansweredQuestion,
} from "./port.js";
import { applyProfilePatch } from "./apply-profile-patch.js";
import { questionDisplay, questionKey } from "./question-key.js";

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Journal file shared by every process using it; omit for a volatile in-process store. */
  file?: string;
  /** How long to wait for another process's lock before failing (default 10 s). */
  lockTimeoutMs?: number;
  /** The journal is never compacted below this many lines (default 10,000). */
  compactionMinLines?: number;
}

interface QuestionGroup {
  text: string;
  count: number;
  lastAt: number;
  /** Keyed hashes of the residents who asked (never LINE user ids); only their number leaves the store. */
  askers: Set<string>;
  /** Asked before hashes were journalled: those residents count as one unknown asker. */
  unknownAsker: boolean;
}

interface Lease {
  owner: string;
  expiresAt: number;
}

/** One journal line. Replaying all lines in order rebuilds the state. */
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
  | { t: "batches"; id: string; v: DeliveryBatch[] }
  | { t: "batch"; v: DeliveryBatch }
  | { t: "lease"; id: string; owner: string; exp: number }
  | { t: "unlease"; id: string };

const HEADER = { format: "kumamoto-line-store", version: 1 };
const NEWLINE = 0x0a;
/** Claims are pruned from memory this often, so a long-running server does not grow forever. */
const PRUNE_EVERY = 5_000;

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const copyProfile = (p: Profile): Profile => ({ ...p, topics: [...p.topics] });
const copyBatch = (b: DeliveryBatch): DeliveryBatch => ({ ...b, userIds: [...b.userIds] });
const copyNotice = (n: NoticeRecord): NoticeRecord => structuredClone(n);

/** The whole store as plain maps; `apply` is the only way it changes. */
class State {
  readonly profiles = new Map<string, Profile>();
  readonly events = new Map<string, number>();
  readonly questions = new Map<string, QuestionGroup>();
  readonly notices = new Map<string, NoticeRecord>();
  readonly batches = new Map<string, DeliveryBatch[]>();
  readonly leases = new Map<string, Lease>();
  /** Latest `now` seen, used to forget expired claims. */
  latestNow = 0;

  apply(r: JournalRecord): void {
    switch (r.t) {
      case "profile":
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
    for (const [id, v] of this.batches) yield { t: "batches", id, v };
    for (const [id, l] of this.leases) yield { t: "lease", id, owner: l.owner, exp: l.expiresAt };
  }

  liveRecords(): number {
    return (
      this.profiles.size +
      this.events.size +
      this.questions.size +
      this.notices.size +
      this.batches.size +
      this.leases.size
    );
  }
}

/** A decision taken on the current state: what to append, and what to return. */
interface Change<T> {
  records: JournalRecord[];
  result: T;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function isErrno(e: unknown, code: string): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === code;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return !isErrno(e, "ESRCH");
  }
}

/**
 * A lock file created with O_EXCL. A lock left by a crashed process (dead pid on this host,
 * or older than a minute — no operation holds it longer than milliseconds) is broken.
 */
class FileLock {
  private readonly host = hostname();
  constructor(
    private readonly path: string,
    private readonly timeoutMs: number,
  ) {}

  async acquire(): Promise<void> {
    const started = Date.now();
    let delay = 1;
    for (;;) {
      try {
        const fd = openSync(this.path, "wx");
        writeSync(fd, `${process.pid} ${this.host} ${Date.now()}`);
        closeSync(fd);
        return;
      } catch (e) {
        if (!isErrno(e, "EEXIST")) throw e;
      }
      if (this.breakIfStale()) continue;
      if (Date.now() - started > this.timeoutMs) {
        throw new Error(
          `store lock ${this.path} is held by another process for more than ${this.timeoutMs} ms; ` +
            `if no other bot or CLI process is running, delete that file`,
        );
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 25);
    }
  }

  release(): void {
    try {
      unlinkSync(this.path);
    } catch (e) {
      if (!isErrno(e, "ENOENT")) throw e;
    }
  }

  private breakIfStale(): boolean {
    let content: string;
    try {
      content = readFileSync(this.path, "utf8");
    } catch (e) {
      if (isErrno(e, "ENOENT")) return true;
      throw e;
    }
    const [pidText, host, atText] = content.split(" ");
    const pid = Number(pidText);
    const at = Number(atText);
    // A lock being written right now has no content yet: not stale.
    if (!Number.isFinite(pid) || !Number.isFinite(at)) return false;
    const dead = host === this.host && !processAlive(pid);
    if (!dead && Date.now() - at < 60_000) return false;
    // Move it aside, then make sure we moved the stale lock and not a fresh one.
    const aside = `${this.path}.stale-${process.pid}-${Date.now()}`;
    try {
      renameSync(this.path, aside);
    } catch (e) {
      if (isErrno(e, "ENOENT")) return true;
      throw e;
    }
    if (readFileSync(aside, "utf8") !== content) {
      try {
        linkSync(aside, this.path); // put back someone's fresh lock, unless another was taken since
      } catch {
        /* the fresh lock's owner will find it gone; its unlink tolerates that */
      }
    }
    unlinkSync(aside);
    return true;
  }
}

/** The journal file: incremental reads by byte offset, appends, compaction by rename. */
class Journal {
  private inode: number | null = null;
  private offset = 0;
  private lines = 0;
  /** `lines` when compaction was last considered. */
  private checkedAt = 0;

  constructor(
    readonly path: string,
    private readonly minLines: number,
  ) {}

  /** Applies what was appended since the last call; returns a fresh state if the file was replaced. */
  catchUp(state: State): State {
    let fd: number;
    try {
      fd = openSync(this.path, "r");
    } catch (e) {
      if (!isErrno(e, "ENOENT")) throw e;
      if (this.inode === null) return state;
      this.inode = null; // deleted by hand: start again from nothing
      this.offset = 0;
      this.lines = 0;
      return new State();
    }
    try {
      const st = fstatSync(fd);
      if (st.ino !== this.inode || st.size < this.offset) {
        const fresh = new State();
        fresh.latestNow = state.latestNow;
        state = fresh;
        this.inode = st.ino;
        this.offset = 0;
        this.lines = 0;
        this.checkedAt = 0;
      }
      if (st.size === this.offset) return state;
      const buf = Buffer.allocUnsafe(st.size - this.offset);
      let read = 0;
      while (read < buf.length) {
        const n = readSync(fd, buf, read, buf.length - read, this.offset + read);
        if (n === 0) break;
        read += n;
      }
      // Only whole lines: a writer may be half-way through its append.
      const end = buf.subarray(0, read).lastIndexOf(NEWLINE) + 1;
      if (end === 0) return state;
      const text = buf.toString("utf8", 0, end);
      let lineNo = this.lines;
      for (const line of text.split("\n")) {
        if (line === "") continue;
        lineNo += 1;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          parsed = undefined;
        }
        if (lineNo === 1) {
          const h = parsed as Partial<typeof HEADER> | undefined;
          if (h?.format !== HEADER.format || h.version !== HEADER.version) {
            throw new Error(
              `${this.path} is not a store file of this bot (format ${HEADER.format} v${HEADER.version}); ` +
                `point STORE=file:PATH at a new or existing store file`,
            );
          }
          continue;
        }
        if (parsed === undefined) {
          throw new Error(
            `store file ${this.path} line ${lineNo} is not valid JSON; restore it from a backup`,
          );
        }
        state.apply(parsed as JournalRecord);
      }
      this.offset += Buffer.byteLength(text, "utf8");
      this.lines = lineNo;
      return state;
    } finally {
      closeSync(fd);
    }
  }

  /** Appends records; call with the lock held, right after `catchUp`. */
  append(records: JournalRecord[], state: State): void {
    if (this.inode === null) {
      // First write ever: create the file atomically with its header.
      this.compact(state, records);
      return;
    }
    const fd = openSync(this.path, "r+");
    try {
      // Bytes past the last whole line were left by a writer that crashed mid-append.
      if (fstatSync(fd).size > this.offset) ftruncateSync(fd, this.offset);
      const data = Buffer.from(records.map((r) => JSON.stringify(r)).join("\n") + "\n", "utf8");
      let written = 0;
      while (written < data.length) {
        written += writeSync(fd, data, written, data.length - written, this.offset + written);
      }
      this.offset += data.length;
      this.lines += records.length;
    } finally {
      closeSync(fd);
    }
  }

  /**
   * True when most lines are superseded, so a snapshot would be much smaller. Checked every
   * `minLines / 2` lines only: forgetting expired claims first walks every claim.
   */
  wantsCompaction(state: State): boolean {
    if (this.lines <= this.minLines || this.lines - this.checkedAt < this.minLines / 2) return false;
    this.checkedAt = this.lines;
    state.pruneEvents();
    return this.lines > 2 * state.liveRecords();
  }

  /** Writes `state` (plus `extra` records) to a temporary file, fsyncs it and renames it over the journal. */
  compact(state: State, extra: JournalRecord[] = []): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp-${process.pid}-${Date.now()}`;
    const fd = openSync(tmp, "w");
    let lines = 1;
    let offset = 0;
    try {
      const chunk: string[] = [JSON.stringify(HEADER)];
      const flush = (): void => {
        const data = Buffer.from(chunk.join("\n") + "\n", "utf8");
        let written = 0;
        while (written < data.length) written += writeSync(fd, data, written, data.length - written);
        offset += data.length;
        chunk.length = 0;
      };
      for (const r of state.snapshot()) {
        chunk.push(JSON.stringify(r));
        lines += 1;
        if (chunk.length >= 10_000) flush();
      }
      for (const r of extra) {
        chunk.push(JSON.stringify(r));
        lines += 1;
      }
      if (chunk.length > 0) flush();
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      unlinkSync(tmp);
      throw e;
    }
    closeSync(fd);
    renameSync(tmp, this.path);
    const rfd = openSync(this.path, "r");
    try {
      this.inode = fstatSync(rfd).ino;
    } finally {
      closeSync(rfd);
    }
    this.offset = offset;
    this.lines = lines;
    this.checkedAt = 0;
  }
}

/**
 * Creates the embedded store. Without `file` it is volatile: nothing survives a restart.
 * With `file` it persists to that journal and is safe to share between processes.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  let state = new State();
  const file = options.file === undefined ? null : resolve(options.file);
  // `STORE=file:.data/store.jsonl` on a fresh clone: the folder does not exist yet.
  if (file !== null) mkdirSync(dirname(file), { recursive: true });
  const journal = file === null ? null : new Journal(file, options.compactionMinLines ?? 10_000);
  const lock = file === null ? null : new FileLock(`${file}.lock`, options.lockTimeoutMs ?? 10_000);
  // One operation at a time in this process; the lock file orders processes.
  let queue: Promise<unknown> = Promise.resolve();
  let claims = 0;

  const read = <T>(query: (s: State) => T): Promise<T> => {
    try {
      if (journal) state = journal.catchUp(state);
      return Promise.resolve(query(state));
    } catch (e) {
      return Promise.reject(e);
    }
  };

  const commit = <T>(s: State, change: Change<T>): T => {
    if (journal && change.records.length > 0) journal.append(change.records, s);
    for (const r of change.records) s.apply(r);
    return change.result;
  };

  const write = <T>(decide: (s: State) => Change<T>): Promise<T> => {
    if (!journal || !lock) {
      try {
        return Promise.resolve(commit(state, decide(state)));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    const run = async (): Promise<T> => {
      await lock.acquire();
      try {
        state = journal.catchUp(state);
        const result = commit(state, decide(state));
        if (journal.wantsCompaction(state)) journal.compact(state);
        return result;
      } finally {
        lock.release();
      }
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const matches = (p: Profile, wards: Set<Ward>, topics: Set<TopicKey>): boolean =>
    p.followed && p.ward !== null && wards.has(p.ward) && p.topics.some((t) => topics.has(t));

  const sortNotices = (list: NoticeRecord[], key: (n: NoticeRecord) => number): NoticeRecord[] =>
    list.sort((a, b) => key(a) - key(b) || byString(a.id, b.id)).map(copyNotice);

  return {
    kind: file === null ? "memory (volatile)" : `file:${file}`,

    getProfile: (userId) =>
      read((s) => {
        const p = s.profiles.get(userId);
        return p ? copyProfile(p) : null;
      }),

    upsertProfile: (userId: string, patch: ProfilePatch, now: number) =>
      write((s) => {
        const next = applyProfilePatch(userId, s.profiles.get(userId) ?? null, patch, now);
        return { records: [{ t: "profile", v: next }], result: copyProfile(next) };
      }),

    importProfiles: (profiles) =>
      write(() => ({
        records: profiles.map((p): JournalRecord => ({ t: "profile", v: copyProfile(p) })),
        result: profiles.length,
      })),

    listAudience: ({ wards, topics }: AudienceFilter) =>
      read((s) => {
        const w = new Set(wards);
        const t = new Set(topics);
        const ids: string[] = [];
        for (const p of s.profiles.values()) if (matches(p, w, t)) ids.push(p.userId);
        return ids.sort(byString);
      }),

    countAudience: ({ wards, topics }: AudienceFilter) =>
      read((s) => {
        const w = new Set(wards);
        const t = new Set(topics);
        const byWard: Partial<Record<Ward, number>> = {};
        const byTopic: Partial<Record<TopicKey, number>> = {};
        for (const ward of w) byWard[ward] = 0;
        for (const topic of t) byTopic[topic] = 0;
        let total = 0;
        for (const p of s.profiles.values()) {
          if (!matches(p, w, t) || p.ward === null) continue;
          total += 1;
          byWard[p.ward] = (byWard[p.ward] ?? 0) + 1;
          for (const topic of new Set(p.topics)) if (t.has(topic)) byTopic[topic] = (byTopic[topic] ?? 0) + 1;
        }
        return { total, byWard, byTopic };
      }),

    claimEvent: (webhookEventId, now, expiresAt) =>
      write((s) => {
        s.latestNow = Math.max(s.latestNow, now);
        if (++claims % PRUNE_EVERY === 0) s.pruneEvents();
        const exp = s.events.get(webhookEventId);
        if (exp !== undefined && exp > now) return { records: [], result: false };
        return { records: [{ t: "event", id: webhookEventId, exp: expiresAt }], result: true };
      }),

    recordUnanswered: (q: UnansweredQuestion) =>
      write(() => {
        const key = questionKey(q.text);
        if (key === "") return { records: [], result: undefined };
        // The keyed hash (never the LINE user id) is kept so staff can tell ten residents asking
        // from one resident asking ten times; listUnanswered returns only how many there were.
        return {
          records: [
            {
              t: "question",
              key,
              text: questionDisplay(q.text),
              at: q.at,
              n: 1,
              // A caller without a hash is an unknown asker, counted once per group.
              ...(q.userHash === "" ? { u: [], x: true as const } : { u: [q.userHash] }),
            },
          ],
          result: undefined,
        };
      }),

    listUnanswered: (limit) =>
      read((s) =>
        [...s.questions.values()]
          .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || byString(a.text, b.text))
          .slice(0, Math.max(0, Math.floor(limit)))
          .map((g) => ({
            text: g.text,
            count: g.count,
            lastAt: g.lastAt,
            askers: g.askers.size + (g.unknownAsker ? 1 : 0),
          })),
      ),

    createNotice: (n) =>
      write((s) => {
        if (s.notices.has(n.id)) throw new Error(`notice ${n.id} already exists`);
        return { records: [{ t: "notice", v: copyNotice(n) }], result: undefined };
      }),

    getNotice: (id) =>
      read((s) => {
        const n = s.notices.get(id);
        return n ? copyNotice(n) : null;
      }),

    updateNotice: (n, expectedVersion) =>
      write((s) => {
        const cur = s.notices.get(n.id);
        if (!cur || cur.version !== expectedVersion) return { records: [], result: false };
        const v: NoticeRecord = { ...copyNotice(n), version: expectedVersion + 1, createdAt: cur.createdAt };
        return { records: [{ t: "notice", v }], result: true };
      }),

    listNotices: (filter?: { states?: NoticeState[] }) =>
      read((s) => {
        const states = filter?.states ? new Set(filter.states) : null;
        const list = [...s.notices.values()].filter((n) => states === null || states.has(n.state));
        return sortNotices(list, (n) => n.createdAt);
      }),

    listDueNotices: (now) =>
      read((s) => {
        const list = [...s.notices.values()].filter(
          (n) => (n.state === "confirmed" && n.sendAt !== null && n.sendAt <= now) || n.state === "sending",
        );
        return sortNotices(list, (n) => n.sendAt ?? n.createdAt);
      }),

    createBatches: (noticeId, batches) =>
      write((s) => {
        if (s.batches.has(noticeId)) return { records: [], result: false };
        const seen = new Set<number>();
        for (const b of batches) {
          if (b.noticeId !== noticeId) throw new Error(`batch ${b.index} belongs to notice ${b.noticeId}`);
          if (seen.has(b.index)) throw new Error(`batch index ${b.index} given twice`);
          seen.add(b.index);
        }
        const v = batches.map(copyBatch).sort((a, b) => a.index - b.index);
        return { records: [{ t: "batches", id: noticeId, v }], result: true };
      }),

    listBatches: (noticeId) => read((s) => (s.batches.get(noticeId) ?? []).map(copyBatch)),

    updateBatch: (batch) =>
      write((s) => {
        const list = s.batches.get(batch.noticeId);
        if (!list || !list.some((b) => b.index === batch.index)) {
          throw new Error(`notice ${batch.noticeId} has no batch ${batch.index}`);
        }
        return { records: [{ t: "batch", v: copyBatch(batch) }], result: undefined };
      }),

    acquireLease: (noticeId, owner, now, ttlMs) =>
      write((s) => {
        s.latestNow = Math.max(s.latestNow, now);
        const cur = s.leases.get(noticeId);
        if (cur && cur.expiresAt > now && cur.owner !== owner) return { records: [], result: false };
        return { records: [{ t: "lease", id: noticeId, owner, exp: now + ttlMs }], result: true };
      }),

    releaseLease: (noticeId, owner) =>
      write((s) => {
        const cur = s.leases.get(noticeId);
        if (!cur || cur.owner !== owner) return { records: [], result: undefined };
        return { records: [{ t: "unlease", id: noticeId }], result: undefined };
      }),

    close: async () => {
      await queue;
    },
  };
}
