/**
 * The Node options of every production process of the bot: `npm start` (package.json) and each
 * Cloud Functions instance (`NODE_OPTIONS` in functions/.env, which the Firebase CLI deploys).
 * The benchmarks start their servers with the same list, and test/unit/node-options.test.ts
 * keeps the three places equal.
 *
 * Why (docs/benchmarks.md, "Issue 14 memory, seventh session"): after the webhook benchmark the
 * server's live heap is about 26 MB, code included, yet its RSS was 124–175 MB. On a host with
 * gigabytes of memory V8 sizes the heap as for a desktop browser: each of the young generation's
 * two semi-spaces grows to 16 MB under steady traffic (32 MB resident while requests keep
 * coming), and objects promoted out of it pile up in the old generation until it is about four
 * times the live heap before a full collection runs. 2 MB semi-spaces keep the young generation
 * at 4 MB; a 512 MB old-generation ceiling makes V8 grow the old generation by 1.4× instead of 4×
 * between full collections (a kuromoji index rebuild peaks at 142 MB of heap, far below it).
 * The server's RSS after the benchmark is then about 100 MB, and the CPU per webhook did not move
 * measurably.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ["--max-semi-space-size=2", "--max-old-space-size=512"];
