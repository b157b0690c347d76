/* global process */
/**
 * Preloaded by scripts/memory-stages.ts into the server it measures (`node --import`): on each
 * SIGUSR2 it appends one JSON line to MEMORY_PROBE_OUT with the process's memory by part, and
 * writes a heap snapshot beside it when the stage's number is in MEMORY_PROBE_SNAPSHOTS
 * ("4,6"). Plain JavaScript, so the measured process loads no TypeScript tooling.
 */
import { appendFileSync } from "node:fs";
import v8 from "node:v8";

const out = process.env.MEMORY_PROBE_OUT;
const snapshots = (process.env.MEMORY_PROBE_SNAPSHOTS ?? "").split(",");
const mb = (n) => Math.round((n / 2 ** 20) * 10) / 10;
let stage = 0;
process.on("SIGUSR2", () => {
  stage++;
  const m = process.memoryUsage();
  const spaces = {};
  for (const s of v8.getHeapSpaceStatistics())
    if (s.space_size > 0) spaces[s.space_name] = { committed: mb(s.space_size), used: mb(s.space_used_size) };
  const line = {
    stage,
    rss: mb(m.rss),
    heapTotal: mb(m.heapTotal),
    heapUsed: mb(m.heapUsed),
    external: mb(m.external),
    spaces,
  };
  if (out) appendFileSync(out, `${JSON.stringify(line)}\n`);
  if (out && snapshots.includes(String(stage))) v8.writeHeapSnapshot(`${out}.${stage}.heapsnapshot`);
});
