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
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Ward } from "../../knowledge/schema.js";
import type { TopicKey } from "../../knowledge/topics.js";
import type {
  AudienceFilter,
  NoticeRecord,
  NoticeState,
  Profile,
  ProfilePatch,
  Store,
  UnansweredQuestion,
} from "../port.js";
import { applyProfilePatch } from "../apply-profile-patch.js";
import { questionDisplay, questionKey } from "../question-key.js";
import {
  NO_PROGRESS,
  audiencePage,
  checkPageLimit,
  byBatchIndex,
  byCreatedAt,
  byDueTime,
  byString,
  checkBatches,
  isDue,
  sortNotices,
  unansweredLimit,
  unansweredOrder,
  zeroCounts,
} from "../rules.js";
import { healthOfError } from "../store-health.js";
import { FileLock } from "./file-lock.js";
import { Journal } from "./journal.js";
import { copyBatch, copyBulletin, copyNotice, copyProfile, State, type JournalRecord } from "./state.js";

/** Options of {@link createEmbeddedStore}. */
export interface EmbeddedStoreOptions {
  /** Journal file shared by every process using it; omit for a volatile in-process store. */
  file?: string;
  /** How long to wait for another process's lock before failing (default 10 s). */
  lockTimeoutMs?: number;
  /** The journal is never compacted below this many lines (default 10,000). */
  compactionMinLines?: number;
}

/** Claims are pruned from memory this often, so a long-running server does not grow forever. */
const PRUNE_EVERY = 5_000;

/** A decision taken on the current state: what to append, and what to return. */
interface Change<T> {
  records: JournalRecord[];
  result: T;
}

/**
 * Creates the embedded store. Without `file` it is volatile: nothing survives a restart.
 * With `file` it persists to that journal and is safe to share between processes.
 */
export function createEmbeddedStore(options: EmbeddedStoreOptions = {}): Store {
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

  const listed = (list: NoticeRecord[], key: (n: NoticeRecord) => number): NoticeRecord[] =>
    sortNotices(list, key).map(copyNotice);

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

    listAudiencePage: ({ wards, topics }: AudienceFilter, after: string | null, limit: number) =>
      read((s) => {
        checkPageLimit(limit);
        const w = new Set(wards);
        const t = new Set(topics);
        const order = s.userIdsInOrder();
        // Binary search for the first id after the cursor, then walk until one more than a page.
        let lo = 0;
        let hi = order.length;
        while (after !== null && lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((order[mid] as string) <= after) lo = mid + 1;
          else hi = mid;
        }
        const ids: string[] = [];
        for (let i = lo; i < order.length && ids.length <= limit; i++) {
          const p = s.profiles.get(order[i] as string);
          if (p && matches(p, w, t)) ids.push(p.userId);
        }
        return audiencePage(ids, limit);
      }),

    countAudience: ({ wards, topics }: AudienceFilter) =>
      read((s) => {
        const w = new Set(wards);
        const t = new Set(topics);
        const counts = zeroCounts(w, t);
        const { byWard, byTopic } = counts;
        for (const p of s.profiles.values()) {
          if (!matches(p, w, t) || p.ward === null) continue;
          counts.total += 1;
          byWard[p.ward] = (byWard[p.ward] ?? 0) + 1;
          for (const topic of new Set(p.topics)) if (t.has(topic)) byTopic[topic] = (byTopic[topic] ?? 0) + 1;
        }
        return counts;
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
          .sort(unansweredOrder)
          .slice(0, unansweredLimit(limit))
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
        return listed(list, byCreatedAt);
      }),

    listDueNotices: (now) =>
      read((s) => {
        const list = [...s.notices.values()].filter((n) => isDue(n, now));
        return listed(list, byDueTime);
      }),

    addBatches: (noticeId, page, batches, next) =>
      write((s) => {
        checkBatches(noticeId, batches);
        const progress = s.progress.get(noticeId) ?? NO_PROGRESS;
        if (progress.complete || progress.pages !== page) return { records: [], result: false };
        const stored = new Set((s.batches.get(noticeId) ?? []).map((b) => b.index));
        const clash = batches.find((b) => stored.has(b.index));
        if (clash) throw new Error(`notice ${noticeId} already has batch ${clash.index}`);
        const v = batches.map(copyBatch).sort(byBatchIndex);
        return { records: [{ t: "page", id: noticeId, page, next, v }], result: true };
      }),

    deliveryProgress: (noticeId) => read((s) => ({ ...(s.progress.get(noticeId) ?? NO_PROGRESS) })),

    listBatches: (noticeId) => read((s) => (s.batches.get(noticeId) ?? []).map(copyBatch)),

    updateBatches: (batches) =>
      write((s) => {
        // Only the outcome changes: recipients and retry key stay as stored (as in Firestore).
        const records = batches.map((batch): JournalRecord => {
          const stored = s.batches.get(batch.noticeId)?.find((b) => b.index === batch.index);
          if (!stored) throw new Error(`notice ${batch.noticeId} has no batch ${batch.index}`);
          const { state, attempts, reason, updatedAt } = batch;
          return { t: "batch", v: copyBatch({ ...stored, state, attempts, reason, updatedAt }) };
        });
        return { records, result: undefined };
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

    getBulletin: (scope) =>
      read((s) => {
        const b = s.bulletins.get(scope);
        return b ? copyBulletin(b) : null;
      }),

    putBulletin: (b, expectedVersion) =>
      write((s) => {
        const cur = s.bulletins.get(b.scope);
        const ok = expectedVersion === null ? !cur : cur?.version === expectedVersion;
        if (!ok) return { records: [], result: false };
        const v = { ...copyBulletin(b), version: expectedVersion === null ? 0 : expectedVersion + 1 };
        return { records: [{ t: "bulletin", v }], result: true };
      }),

    listBulletins: () =>
      read((s) => [...s.bulletins.values()].sort((a, b) => byString(a.scope, b.scope)).map(copyBulletin)),

    health: async () => {
      try {
        if (journal) state = journal.catchUp(state);
        return { ok: true };
      } catch (e) {
        return healthOfError(e);
      }
    },

    close: async () => {
      await queue;
    },
  };
}
