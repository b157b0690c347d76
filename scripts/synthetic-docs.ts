/**
 * The synthetic corpora of the search benchmarks: deterministic pseudo-random documents made of
 * the catalogue's sentences and names, so `npm run bench:search` and scripts/search-snapshot.ts
 * measure and compare over the same 10,000 documents.
 */
import { KNOWLEDGE_WARDS } from "../src/knowledge/known-wards.js";
import type { SearchDoc } from "../src/search/types.js";

/** `n` documents drawn from `base` with a fixed seed. */
export function syntheticDocs(base: SearchDoc[], n: number): SearchDoc[] {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const sentences = base.flatMap((d) => d.description.split(/(?<=。)/).filter((s) => s.length > 4));
  const names = base.map((d) => d.name);
  return Array.from({ length: n }, (_, i) => ({
    id: `syn-${i}`,
    ward: pick([...KNOWLEDGE_WARDS.names]),
    name: `${pick(names).slice(0, 6)}${pick(names).slice(-6)}`,
    heading: pick(base).heading ?? "",
    tags: pick(base).tags ?? [],
    description: `${pick(sentences)}${pick(sentences)}${pick(sentences)}`,
  }));
}
