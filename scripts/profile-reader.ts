/**
 * CPU of reading one message and of one whole search, on the webhook benchmark's questions, in
 * one process (no HTTP, no bot): `npx tsx scripts/profile-reader.ts`. Checks out any commit and
 * runs the same file there to compare (it needs only `analyseMessage` and `search`). The
 * figures docs/benchmarks.md gives for the message reader (issue 14, sixth session).
 */
import { loadSearchEngine } from "../src/search/load-engine.js";
import { WEBHOOK_QUESTIONS } from "./webhook-questions.js";

const engine = loadSearchEngine();
const perMessage = (f: (q: string) => unknown, rounds: number): number => {
  for (let i = 0; i < rounds / 2; i++) for (const q of WEBHOOK_QUESTIONS) f(q);
  const t = performance.now();
  for (let i = 0; i < rounds; i++) for (const q of WEBHOOK_QUESTIONS) f(q);
  return ((performance.now() - t) / (rounds * WEBHOOK_QUESTIONS.length)) * 1000;
};
const reader = perMessage((q) => engine.analyseMessage(q), 10_000);
const search = perMessage((q) => engine.search(q), 2_000);
console.log(
  `message reader ${reader.toFixed(1)} µs per message; whole search ${search.toFixed(1)} µs per message`,
);
