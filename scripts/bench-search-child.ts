/**
 * Child process of `npm run bench:search`: measures, in a fresh process, how long the service
 * takes to load the prebuilt index and build the engine (and, as the baseline, to load the
 * catalogue and build a fuse.js index), then answers queries and reports its RSS. Prints JSON.
 */
import { readFileSync } from "node:fs";

const mode = process.argv[2] ?? "engine";
const queries = JSON.parse(readFileSync(process.argv[3]!, "utf8")) as string[];

if (mode === "engine") {
  const t0 = performance.now();
  const { loadSearchEngine } = await import("../src/search/load-engine.js");
  const tImport = performance.now();
  const engine = loadSearchEngine();
  const tReady = performance.now();
  for (let i = 0; i < 10; i++) for (const q of queries) engine.search(q);
  process.stdout.write(
    JSON.stringify({
      importMs: tImport - t0,
      loadMs: tReady - tImport,
      rssMb: process.memoryUsage().rss / 2 ** 20,
    }),
  );
} else {
  const t0 = performance.now();
  const { default: Fuse } = await import("fuse.js");
  const { loadCatalogue } = await import("../src/knowledge/load.js");
  const tImport = performance.now();
  const fuse = new Fuse(loadCatalogue().programs, { keys: ["name", "description"] });
  const tReady = performance.now();
  for (let i = 0; i < 10; i++) for (const q of queries) fuse.search(q);
  process.stdout.write(
    JSON.stringify({
      importMs: tImport - t0,
      loadMs: tReady - tImport,
      rssMb: process.memoryUsage().rss / 2 ** 20,
    }),
  );
}
