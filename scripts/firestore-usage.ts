/**
 * Counts Firestore document reads and writes the way Firestore bills them, for benchmarks:
 * a document lookup is one read per document (found or not), a query one read per document
 * returned (at least one), a count() aggregation one read per 1,000 index entries counted (at
 * least one), and every set/create/update/delete in a batch or a transaction one write.
 *
 * It wraps the client library's few choke points (WriteBatch's four write methods, which
 * transactions also use; Firestore#getAll, behind DocumentReference#get; the transaction's
 * document reads; Query#_get and AggregateQuery#_get, behind every query), so the store adapter
 * stays as deployed. Benchmark-only: the library's internals are patched for this process.
 */
import { Firestore, Query, Transaction, WriteBatch } from "@google-cloud/firestore";

export interface FirestoreUsage {
  reads: number;
  writes: number;
}

type Fn = (...args: unknown[]) => unknown;

/** Patches the client library once; returns the running totals (read them before and after). */
export function countFirestoreUsage(probe: Firestore): FirestoreUsage {
  const usage: FirestoreUsage = { reads: 0, writes: 0 };
  const wrap = (proto: object, name: string, count: (result: unknown, args: unknown[]) => void): void => {
    const original = (proto as Record<string, Fn>)[name];
    if (typeof original !== "function") throw new Error(`Firestore client has no ${name} to count`);
    (proto as Record<string, Fn>)[name] = function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      if (result instanceof Promise)
        return result.then((r: unknown) => {
          count(r, args);
          return r;
        });
      count(result, args);
      return result;
    };
  };
  for (const op of ["set", "create", "update", "delete"])
    wrap(WriteBatch.prototype, op, () => (usage.writes += 1));
  wrap(Firestore.prototype, "getAll", (r) => (usage.reads += (r as unknown[]).length));
  // Transactions read documents through these (Transaction#get of a reference or of several).
  wrap(Transaction.prototype, "getSingleFn", () => (usage.reads += 1));
  wrap(
    Transaction.prototype,
    "getBatchFn",
    (r) => (usage.reads += (r as { result: unknown[] }).result.length),
  );
  wrap(Query.prototype, "_get", (r) => {
    const snap = (r as { result: { size: number } }).result;
    usage.reads += Math.max(1, snap.size);
  });
  // AggregateQuery is not exported: reach its prototype through an instance.
  const aggregate = Object.getPrototypeOf(probe.collection("_usage").count()) as object;
  wrap(aggregate, "_get", (r) => {
    const data = (r as { result: { data(): Record<string, unknown> } }).result.data();
    const counted = Object.values(data).reduce<number>((n, v) => n + (typeof v === "number" ? v : 0), 0);
    usage.reads += Math.max(1, Math.ceil(counted / 1000));
  });
  return usage;
}
