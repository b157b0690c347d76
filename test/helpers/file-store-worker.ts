/**
 * A second process sharing a file store, for test/contract/file-store.test.ts:
 * `node --import tsx file-store-worker.ts FILE TAG ROUNDS`. Writes its own profiles, races for
 * shared event ids and leases, and prints how many claims and leases it won as JSON.
 */
import { createEmbeddedStore } from "../../src/store/embedded/index.js";

const [file, tag, roundsText] = process.argv.slice(2);
if (file === undefined || tag === undefined || roundsText === undefined) {
  console.error("usage: file-store-worker.ts FILE TAG ROUNDS");
  process.exit(2);
}
const rounds = Number(roundsText);
const store = createEmbeddedStore({ file, lockTimeoutMs: 30_000 });
let claims = 0;
let leases = 0;
for (let i = 0; i < rounds; i++) {
  await store.upsertProfile(`${tag}-${i}`, { ward: "南区", topics: ["event"] }, 1_000 + i);
  if (await store.claimEvent(`shared-${i}`, 1_000, 1_000_000)) claims += 1;
  if (await store.acquireLease(`notice-${i}`, tag, 1_000, 60_000)) leases += 1;
  await store.recordUnanswered({ userHash: tag, text: `question ${i % 7}`, at: 1_000 + i });
}
await store.close();
console.log(JSON.stringify({ claims, leases }));
