/**
 * Adds every beginning (non-empty prefix) of each key to `into`: a longest-match probe that is no
 * key's beginning can grow into no key, so a look-up loop stops there instead of trying every
 * length (the lexicon's segmenter and longest match, the whole-word cutter). A prefix already in
 * the set has all its shorter prefixes there too, so each key stops at the first it meets. Pure.
 */
export function addKeyBeginnings(keys: Iterable<string>, into: Set<string> = new Set()): Set<string> {
  for (const key of keys)
    for (let e = key.length; e > 0; e--) {
      const b = key.slice(0, e);
      if (into.has(b)) break;
      into.add(b);
    }
  return into;
}
