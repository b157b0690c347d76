/**
 * Keyed hash of LINE user IDs: the only form in which a user id may appear in logs. The store
 * also keeps it with unanswered questions to count distinct askers, but what staff see carries
 * neither the id nor the hash, only counts. HMAC, so the hash cannot be reversed by hashing
 * guessed ids without the key.
 */
import { createHmac } from "node:crypto";

/** A function from a LINE user id to a short, stable, keyed hash (`u_` + 16 hex digits). */
export type UserHasher = (userId: string) => string;

/**
 * Hashes remembered per hasher: every webhook event hashes its sender for the log, and an HMAC
 * was a few percent of an event's CPU (docs/benchmarks.md, issue 14 fourth session). Bounded;
 * the ids are in this process's memory for the event anyway, and never leave it.
 */
export const USER_HASH_CACHE = 4096;

/** Creates the hasher for a secret key (config.userHashKey). */
export function createUserHasher(key: string): UserHasher {
  const known = new Map<string, string>();
  return (userId) => {
    let hash = known.get(userId);
    if (hash === undefined) {
      hash = `u_${createHmac("sha256", key).update(userId).digest("hex").slice(0, 16)}`;
      // Oldest first out: a Map iterates in insertion order.
      if (known.size >= USER_HASH_CACHE) known.delete(known.keys().next().value!);
      known.set(userId, hash);
    }
    return hash;
  };
}
