/**
 * CPU of reading one message and of one whole search, on the webhook benchmark's questions, in
 * one process (no HTTP, no bot): `npx tsx scripts/profile-reader.ts`. Checks out any commit and
 * runs the same file there to compare (it needs only `analyseMessage` and `search`). The
 * figures docs/benchmarks.md gives for the message reader (issue 14, sixth session).
 */
import { loadSearchEngine } from "../src/search/load-engine.js";
import { WEBHOOK_QUESTIONS } from "./webhook-questions.js";

const engine = loadSearchEngine();
// Wall time, and the process's CPU time: on a shared machine the wall time counts waiting for a
// core, the CPU time much less so (compare runs at two commits alternately, take each one's minimum).
const perMessage = (f: (q: string) => unknown, rounds: number): { wall: number; cpu: number } => {
  for (let i = 0; i < rounds / 2; i++) for (const q of WEBHOOK_QUESTIONS) f(q);
  const t = performance.now();
  const c = process.cpuUsage();
  for (let i = 0; i < rounds; i++) for (const q of WEBHOOK_QUESTIONS) f(q);
  const used = process.cpuUsage(c);
  const n = rounds * WEBHOOK_QUESTIONS.length;
  return { wall: ((performance.now() - t) / n) * 1000, cpu: (used.user + used.system) / n };
};
const reader = perMessage((q) => engine.analyseMessage(q), 10_000);
const search = perMessage((q) => engine.search(q), 2_000);
console.log(
  `message reader ${reader.wall.toFixed(1)} µs per message (CPU ${reader.cpu.toFixed(1)}); ` +
    `whole search ${search.wall.toFixed(1)} µs per message (CPU ${search.cpu.toFixed(1)})`,
);
