/**
 * Child process of `npm run bench:search`: measures, in a fresh process, how long the service
 * takes to load the prebuilt index and build the engine (and, as the baseline, to load the
 * catalogue and build a fuse.js index), then answers queries — the first pass timed apart
 * (`firstMs`) — and reports its RSS. Prints JSON.
 */
import { readFileSync } from "node:fs";

const mode = process.argv[2] ?? "engine";
const queries = JSON.parse(readFileSync(process.argv[3]!, "utf8")) as string[];

/**
 * Times importing the modules, then building the searcher from them; answers every query ten
 * times and prints the two times and the RSS as JSON.
 */
async function measure<M>(load: () => Promise<M>, build: (m: M) => (q: string) => unknown): Promise<void> {
  const t0 = performance.now();
  const modules = await load();
  const tImport = performance.now();
  const c0 = process.cpuUsage();
  const search = build(modules);
  const tReady = performance.now();
  const cpu = process.cpuUsage(c0);
  // The first answers pay for what is built on first use (corrections, out-of-scope phrases).
  const tFirst = performance.now();
  for (const q of queries) search(q);
  const firstMs = performance.now() - tFirst;
  for (let i = 0; i < 9; i++) for (const q of queries) search(q);
  process.stdout.write(
    JSON.stringify({
      importMs: tImport - t0,
      loadMs: tReady - tImport,
      // CPU time of the load: less disturbed than wall time when other processes share the cores.
      loadCpuMs: (cpu.user + cpu.system) / 1000,
      firstMs,
      rssMb: process.memoryUsage().rss / 2 ** 20,
    }),
  );
}

if (mode === "engine") {
  await measure(
    () => import("../src/search/load-engine.js"),
    ({ loadSearchEngine }) => {
      const engine = loadSearchEngine();
      return (q) => engine.search(q);
    },
  );
} else {
  await measure(
    async () => ({
      Fuse: (await import("fuse.js")).default,
      loadCatalogue: (await import("../src/knowledge/load.js")).loadCatalogue,
    }),
    ({ Fuse, loadCatalogue }) => {
      const fuse = new Fuse(loadCatalogue().programs, { keys: ["name", "description"] });
      return (q) => fuse.search(q);
    },
  );
}
