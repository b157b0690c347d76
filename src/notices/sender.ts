/**
 * Delivers due notices exactly once, surviving 429/5xx/timeouts and crashes.
 *
 * How "exactly once" holds:
 * 1. A lease (taken in a store transaction, with expiry, renewed while working) keeps a
 *    second sender off the notice. A second lease, on the channel, keeps every other sender
 *    from delivering anything meanwhile: each sender spaces its own requests to LINE's
 *    200 requests/s, so two at once (two Cloud Functions instances, or the schedule and a
 *    staff "send now") would together go over it. The one that finds the channel busy leaves
 *    its notices to the holder or to the next run.
 * 2. The notice moves confirmed → sending with an optimistic version check, so a staff
 *    cancel that races the sender either wins (nothing is sent) or is refused.
 * 3. The audience is read in pages (a cursor on a key that never changes for a resident, so
 *    pages are disjoint however profiles change meanwhile). Each page becomes batches of ≤ 500
 *    user IDs, each with its own UUID `X-Line-Retry-Key`, stored together with the cursor after
 *    the page (once per page number, atomically) BEFORE any of them is sent. The first page is
 *    small and pages grow, so the first request goes out early and later pages are read while
 *    earlier ones are sent (each page's audience is read while the page before it is stored). Batch indexes follow the stored pages, so a sender killed after
 *    page k resumes with the stored batches and pages on from the stored cursor.
 * 4. Every retry of a batch — in this run or after a crash and restart — reuses its key, so
 *    LINE accepts it once; a 409 carrying `x-line-accepted-request-id` means "already
 *    delivered" and is recorded as sent.
 * 5. Each batch's outcome is written behind the requests (outcomes that finish together share
 *    one write); a restarted sender sends only batches still pending, and one that went out but
 *    was not yet recorded goes again with its key (409: recorded as delivered).
 *
 * 429, 5xx and network errors back off (honouring Retry-After) and retry; other 4xx fail the
 * batch with the reason. Request starts are spaced to ≤ 200/s. User IDs are never logged.
 */
import type { Logger } from "../logging.js";
import { randomUUID } from "node:crypto";
import { scrubLineIds } from "../line/line-id.js";
import type { Message, Messenger, SendResult } from "../line/messenger.js";
import type { AudiencePage, AudienceStore, DeliveryBatch, NoticeStore } from "../store/port.js";
import { noticeFromRecord, noticeToRecord, type Notice } from "./notice.js";
import { buildNoticeMessage } from "./notice-message.js";
import { finishSending, startSending } from "./transitions.js";
import { abortableSleep, createRateLimiter } from "./rate-limiter.js";

/** LINE's multicast limit on recipients per request. */
export const MULTICAST_MAX = 500;

/**
 * The lease every sender of this channel takes before delivering (beside the notice's own).
 * One LINE channel per store, so one key; it cannot collide with a notice id (`n-…`).
 */
export const CHANNEL_LEASE = "channel:multicast";

/** Most batches one audience page may make (a page's batches are stored in one commit). */
const MAX_PAGE_BATCHES = 100;

/** The part of the app's logger the sender logs through. */
export type SenderLogger = Pick<Logger, "info" | "warn">;

export interface SenderOptions {
  store: NoticeStore & AudienceStore;
  messenger: Messenger;
  /** Business time (epoch ms): due times, leases. */
  clock: () => number;
  /** Lease owner id: unique per process, e.g. `${hostname}:${pid}:${uuid}`. */
  owner: string;
  /** The messages of a notice (default: its Flex card). */
  buildMessages?: (n: Notice) => Message[];
  leaseTtlMs?: number;
  batchSize?: number;
  /** Request starts per second across this sender (LINE: 200 for multicast). */
  maxRequestsPerSecond?: number;
  /** Requests in flight at once; the rate limit still applies. */
  concurrency?: number;
  /**
   * Batches per audience page: the first page is small so the first request goes out early,
   * each later one four times the size of the one before, up to `max` (default 1, then up to
   * 100: few pages, since a page is a query per ward and a commit, and at most 50,000 user ids
   * (~2 MB) are held ahead of the requests).
   */
  pageBatches?: { first: number; max: number };
  /** Attempts per batch (counted across restarts) before it is recorded as failed. */
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborting stops the sender where it is, writing nothing more (as a crash would). */
  signal?: AbortSignal;
  newRetryKey?: () => string;
  random?: () => number;
  logger?: SenderLogger;
}

export type DeliveryOutcome =
  /** Every batch delivered. */
  | "sent"
  /** Done, but some batches failed (see the report). */
  | "partly-failed"
  /** Some batches still pending (retries left); the next run resumes. */
  | "incomplete"
  /** Another sender holds the lease. */
  | "busy"
  /** Not due, or no longer in a sendable state (e.g. cancelled meanwhile). */
  | "skipped"
  /** The event ended before sending began; the notice was cancelled instead. */
  | "expired"
  /** The lease was lost mid-delivery (another sender may continue; retry keys prevent doubles). */
  | "lost-lease"
  /** The signal aborted. */
  | "aborted"
  /** The stored notice is not a valid notice. */
  | "invalid"
  /** An unexpected error (e.g. the store failed); logged, and the next run tries again. */
  | "error";

export interface NoticeDeliveryResult {
  noticeId: string;
  outcome: DeliveryOutcome;
  /** Requests made for this notice in this run, and how many of them were retries. */
  requests: number;
  retries: number;
}

export interface Sender {
  /** Sends every notice that is due at `now` (confirmed with sendAt ≤ now, or sending). */
  sendDue(now?: number): Promise<NoticeDeliveryResult[]>;
  /** Sends one notice if it is due. */
  sendNotice(noticeId: string): Promise<NoticeDeliveryResult>;
  /** Totals over this sender's life (for benchmarks and logs). */
  readonly stats: { requests: number; retries: number; delivered: number; failed: number };
}

class Stop extends Error {
  constructor(readonly outcome: "aborted" | "lost-lease") {
    super(outcome);
  }
}

/** Creates a sender; wire one per process (the scheduled job, the CLI `notice send-due`). */
export function createSender(opts: SenderOptions): Sender {
  const {
    store,
    messenger,
    clock,
    owner,
    buildMessages = (n) => [buildNoticeMessage(n.data)],
    leaseTtlMs = 60_000,
    batchSize = MULTICAST_MAX,
    maxRequestsPerSecond = 200,
    concurrency = 8,
    pageBatches = { first: 1, max: 100 },
    maxAttempts = 10,
    backoff = { baseMs: 250, maxMs: 30_000 },
    sleep = abortableSleep,
    signal,
    newRetryKey = randomUUID,
    random = Math.random,
    logger,
  } = opts;
  if (batchSize < 1 || batchSize > MULTICAST_MAX) throw new Error(`batchSize must be 1..${MULTICAST_MAX}`);
  if (!(
    pageBatches.first >= 1 &&
    pageBatches.max >= pageBatches.first &&
    pageBatches.max <= MAX_PAGE_BATCHES
  ))
    throw new Error(`pageBatches must satisfy 1 ≤ first ≤ max ≤ ${MAX_PAGE_BATCHES}`);
  const limiter = createRateLimiter(maxRequestsPerSecond, sleep);
  const stats = { requests: 0, retries: 0, delivered: 0, failed: 0 };

  async function sendNotice(noticeId: string): Promise<NoticeDeliveryResult> {
    const result: NoticeDeliveryResult = { noticeId, outcome: "skipped", requests: 0, retries: 0 };
    if (signal?.aborted) return { ...result, outcome: "aborted" };
    if (!(await store.acquireLease(CHANNEL_LEASE, owner, clock(), leaseTtlMs)))
      return { ...result, outcome: "busy" };
    if (!(await store.acquireLease(noticeId, owner, clock(), leaseTtlMs))) {
      await store.releaseLease(CHANNEL_LEASE, owner);
      return { ...result, outcome: "busy" };
    }

    // Stops the workers when the caller aborts or the lease is lost.
    const stop = new AbortController();
    const onAbort = () => stop.abort(new Stop("aborted"));
    signal?.addEventListener("abort", onAbort, { once: true });
    let renewing: Promise<void> = Promise.resolve();
    let renewalDue = false;
    const renewTimer = setInterval(
      () => {
        // One renewal at a time: a slow store must not stack them up.
        if (renewalDue) return;
        renewalDue = true;
        renewing = Promise.all([
          store.acquireLease(CHANNEL_LEASE, owner, clock(), leaseTtlMs),
          store.acquireLease(noticeId, owner, clock(), leaseTtlMs),
        ])
          .then(
            ([channel, notice]) => {
              if (!channel || !notice) stop.abort(new Stop("lost-lease"));
            },
            (e: unknown) => logger?.warn({ noticeId, err: String(e) }, "lease renewal failed; retrying"),
          )
          .finally(() => (renewalDue = false));
      },
      Math.max(10, Math.floor(leaseTtlMs / 3)),
    );
    renewTimer.unref?.();

    try {
      result.outcome = await deliver(noticeId, stop, result);
    } catch (e) {
      if (e instanceof Stop) result.outcome = e.outcome;
      else if (stop.signal.reason instanceof Stop) result.outcome = stop.signal.reason.outcome;
      else throw e;
    } finally {
      clearInterval(renewTimer);
      signal?.removeEventListener("abort", onAbort);
      await renewing.catch(() => undefined);
      // An aborted sender behaves like a crashed one: it leaves the lease to expire.
      if (result.outcome !== "aborted") {
        await store.releaseLease(noticeId, owner);
        await store.releaseLease(CHANNEL_LEASE, owner);
      }
    }
    logger?.info({ ...result }, "notice delivery run finished");
    return result;
  }

  async function deliver(
    noticeId: string,
    stop: AbortController,
    result: NoticeDeliveryResult,
  ): Promise<DeliveryOutcome> {
    const stopSignal = stop.signal;
    const checkpoint = () => {
      if (stopSignal.aborted) throw stopSignal.reason ?? new Stop("aborted");
    };
    const record = await store.getNotice(noticeId);
    if (!record) return "skipped";
    let notice = noticeFromRecord(record);
    if (!notice) {
      logger?.warn({ noticeId }, "stored notice is invalid; not sending");
      return "invalid";
    }
    const now = clock();
    if (notice.state === "confirmed") {
      if (notice.sendAt !== null && notice.sendAt > now) return "skipped";
      const t = startSending(notice, now);
      if (!t.ok) return "skipped";
      checkpoint();
      if (!(await store.updateNotice(noticeToRecord({ ...t.notice, updatedAt: now }), notice.version))) {
        return "skipped"; // changed meanwhile (e.g. cancelled); the next run looks again
      }
      notice = { ...t.notice, version: notice.version + 1, updatedAt: now };
      if (notice.state === "cancelled") return "expired";
    }
    if (notice.state !== "sending") return "skipped";

    const messages = buildMessages(notice);
    const filter = { wards: notice.data.wards, topics: notice.data.topics };
    /** Every batch of the delivery as last known here, by index. */
    const final = new Map<number, DeliveryBatch>();
    /** Pending batches not yet taken by a worker, in index order. */
    const queue: DeliveryBatch[] = [];
    const queued = new Set<number>();
    const changed = createSignal();
    const enqueue = (list: DeliveryBatch[]) => {
      for (const b of [...list].sort((x, y) => x.index - y.index)) {
        if (!final.has(b.index) || b.state !== "pending") final.set(b.index, b);
        if (b.state === "pending" && !queued.has(b.index)) {
          queued.add(b.index);
          queue.push(b);
        }
      }
      changed.notify();
    };
    const recorder = createRecorder(store, stop);

    // A restart resumes: the batches stored so far are sent first (their keys stored before any
    // request), and paging continues from the cursor stored with the last page.
    let progress = await store.deliveryProgress(noticeId);
    enqueue(await store.listBatches(noticeId));
    let reading = !progress.complete;

    // A small first page gets the first request out early; later pages grow to `max`.
    const readPage = (pages: number, after: string | null): Promise<AudiencePage> =>
      store.listAudiencePage(
        filter,
        after,
        Math.min(pageBatches.max, pageBatches.first * 4 ** pages) * batchSize,
      );
    const readPages = async () => {
      let recipients = 0;
      /**
       * The next page's audience, read while the page before it is stored (a read has no effect,
       * so one that turns out not to be needed is simply dropped).
       */
      let ahead: ReadAhead | null = null;
      while (!progress.complete) {
        // Read ahead of the workers, but not without bound.
        while (queue.length >= pageBatches.max) await changed.wait(stopSignal);
        checkpoint();
        const read: ReadAhead | null = ahead;
        ahead = null;
        const fits = read !== null && read.pages === progress.pages && read.after === progress.next;
        const page: AudiencePage = await (fits ? read.page : readPage(progress.pages, progress.next));
        if (page.next !== null) {
          const next = readPage(progress.pages + 1, page.next);
          // Awaited by the next round if it is needed; a failure then surfaces there.
          next.catch(() => undefined);
          ahead = { pages: progress.pages + 1, after: page.next, page: next };
        }
        let index = final.size === 0 ? 0 : Math.max(...final.keys()) + 1;
        const fresh: DeliveryBatch[] = [];
        for (let i = 0; i < page.userIds.length; i += batchSize) {
          fresh.push({
            noticeId,
            index: index++,
            userIds: page.userIds.slice(i, i + batchSize),
            retryKey: newRetryKey(),
            state: "pending",
            attempts: 0,
            reason: null,
            updatedAt: clock(),
          });
        }
        checkpoint();
        // Keys are stored before any request of the page: a crash after this resumes with them.
        if (await store.addBatches(noticeId, progress.pages, fresh, page.next)) {
          progress = { pages: progress.pages + 1, next: page.next, complete: page.next === null };
          recipients += page.userIds.length;
          enqueue(fresh);
        } else {
          // Stored meanwhile (this sender's own earlier attempt, or another sender): take what is stored.
          progress = await store.deliveryProgress(noticeId);
          enqueue(await store.listBatches(noticeId));
        }
      }
      logger?.info(
        { noticeId, batches: final.size, recipients, pages: progress.pages },
        "delivery batches stored",
      );
    };

    const reader = readPages().then(
      () => {
        reading = false;
        changed.notify();
      },
      (e: unknown) => {
        reading = false;
        // A store failure stops the workers before they send more.
        if (!stopSignal.aborted) stop.abort(e);
        changed.notify();
        throw e;
      },
    );
    const worker = async () => {
      try {
        for (;;) {
          checkpoint();
          const b = queue.shift();
          if (b) {
            const done = await sendBatch(b, messages, stopSignal, result, recorder);
            final.set(done.index, done);
            changed.notify();
          } else if (reading) await changed.wait(stopSignal);
          else return;
        }
      } catch (e) {
        // One worker failing (a store error) stops the others before they send more.
        if (!stopSignal.aborted) stop.abort(e);
        throw e;
      }
    };
    const settled = await Promise.allSettled([
      reader,
      ...Array.from({ length: Math.max(1, concurrency) }, worker),
    ]);
    // Outcomes are written behind the requests; all of them are stored before the notice is done.
    settled.push(...(await Promise.allSettled([recorder.drain()])));
    checkpoint();
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failure) throw failure.reason;

    const all = [...final.values()];
    if (all.some((b) => b.state === "pending")) return "incomplete";
    const failedBatches = all.filter((b) => b.state === "failed").length;
    const t = finishSending(notice, { failedBatches });
    if (!t.ok) return "skipped";
    const at = clock();
    if (!(await store.updateNotice(noticeToRecord({ ...t.notice, updatedAt: at }), notice.version)))
      return "skipped";
    return t.notice.state === "sent" ? "sent" : "partly-failed";
  }

  /** Sends one batch until it is delivered, fails for good, or runs out of attempts. */
  async function sendBatch(
    batch: DeliveryBatch,
    messages: Message[],
    stopSignal: AbortSignal,
    result: NoticeDeliveryResult,
    recorder: Recorder,
  ): Promise<DeliveryBatch> {
    let b = batch;
    for (;;) {
      if (stopSignal.aborted) throw stopSignal.reason;
      await limiter.take(stopSignal);
      if (b.attempts > 0) {
        result.retries += 1;
        stats.retries += 1;
      }
      result.requests += 1;
      stats.requests += 1;
      let r: SendResult;
      try {
        r = await messenger.multicast(b.userIds, messages, b.retryKey);
      } catch (e) {
        // The port promises values, not exceptions; treat a throw like a network error.
        r = {
          ok: false,
          status: 0,
          retryable: true,
          acceptedRequestId: null,
          retryAfterMs: null,
          message: String(e),
        };
      }
      // Crash semantics: after an abort nothing more is written, even for a request that went out.
      if (stopSignal.aborted) throw stopSignal.reason;
      const attempts = b.attempts + 1;
      const at = clock();
      if (r.ok || r.status === 409) {
        // 409 = this retry key was already accepted: the earlier attempt delivered it.
        const reason = r.ok
          ? r.requestId
          : r.acceptedRequestId
            ? r.acceptedRequestId
            : "409 (already accepted)";
        b = { ...b, state: "sent", attempts, reason, updatedAt: at };
        recorder.record(b);
        stats.delivered += b.userIds.length;
        return b;
      }
      if (!r.retryable || attempts >= maxAttempts) {
        const reason = r.retryable ? `gave up after ${attempts} attempts: ${describe(r)}` : describe(r);
        b = { ...b, state: "failed", attempts, reason, updatedAt: at };
        recorder.record(b);
        stats.failed += b.userIds.length;
        logger?.warn({ noticeId: b.noticeId, batch: b.index, status: r.status, reason }, "batch failed");
        return b;
      }
      b = { ...b, attempts, reason: describe(r), updatedAt: at };
      recorder.record(b);
      const exp = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempts - 1));
      const wait =
        r.retryAfterMs !== null ? Math.min(r.retryAfterMs, backoff.maxMs) : exp * (0.5 + random() * 0.5);
      await sleep(wait, stopSignal);
    }
  }

  return {
    sendNotice,
    async sendDue(now = clock()) {
      const due = await store.listDueNotices(now);
      const results: NoticeDeliveryResult[] = [];
      for (const n of due) {
        if (signal?.aborted) break;
        try {
          results.push(await sendNotice(n.id));
        } catch (e) {
          // One notice failing must not keep the others from going out.
          logger?.warn(
            { noticeId: n.id, err: e instanceof Error ? e.message : String(e) },
            "notice delivery failed",
          );
          results.push({ noticeId: n.id, outcome: "error", requests: 0, retries: 0 });
        }
      }
      return results;
    },
    stats,
  };
}

/** A failure as staff see it in the delivery report: LINE's message, with any LINE id removed. */
const describe = (r: Extract<SendResult, { ok: false }>): string =>
  scrubLineIds(`${r.status === 0 ? "network error" : `HTTP ${r.status}`}: ${r.message}`).slice(0, 300);

/** An audience page read before it is needed (see readPages in {@link createSender}). */
interface ReadAhead {
  /** The page number and cursor it was read for. */
  pages: number;
  after: string | null;
  page: Promise<AudiencePage>;
}

/** Wakes whoever waits for the delivery's state to change (a page stored, a batch done). */
function createSignal(): { notify(): void; wait(signal: AbortSignal): Promise<void> } {
  let waiters: Array<() => void> = [];
  return {
    notify() {
      const woken = waiters;
      waiters = [];
      for (const w of woken) w();
    },
    wait(signal) {
      return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason as unknown);
        const onAbort = () => reject(signal.reason as unknown);
        signal.addEventListener("abort", onAbort, { once: true });
        waiters.push(() => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        });
      });
    },
  };
}

/** Writes batch outcomes behind the requests (see {@link createRecorder}). */
interface Recorder {
  record(batch: DeliveryBatch): void;
  /** Resolves once everything recorded so far is stored; rejects with the store's error. */
  drain(): Promise<void>;
}

/**
 * Batch outcomes, written behind the requests instead of between them: a worker takes its next
 * batch at once, and outcomes that finish while a write is in flight go out together in the
 * next one (one commit). Exactly-once does not depend on the write being prompt: a batch sent
 * but not yet recorded when the sender dies is sent again after a restart with its stored retry
 * key, which LINE answers with 409 (recorded as delivered). After a stop nothing more is written,
 * as after a crash; a failed write stops the delivery.
 */
function createRecorder(store: NoticeStore, stop: AbortController): Recorder {
  const pending = new Map<number, DeliveryBatch>();
  let flushing: Promise<void> | null = null;
  let failure: Error | null = null;
  const flush = async (): Promise<void> => {
    try {
      while (pending.size > 0 && !stop.signal.aborted) {
        const list = [...pending.values()];
        pending.clear();
        await store.updateBatches(list);
      }
    } catch (e) {
      failure ??= e instanceof Error ? e : new Error(String(e));
      if (!stop.signal.aborted) stop.abort(e);
    }
  };
  return {
    record(batch) {
      if (stop.signal.aborted) return;
      pending.set(batch.index, batch);
      // `finally` runs after this assignment even when flush() finishes at once.
      flushing ??= flush().finally(() => (flushing = null));
    },
    async drain() {
      while (flushing) await flushing;
      if (failure !== null) throw failure;
    },
  };
}
