/**
 * Which phrases of a long list can occur in a text, in the list's own order. Reading a message
 * looks for hundreds of cue phrases (need cues with their kana forms, out-of-scope terms, detail
 * cues) in a few words of text: testing each with `indexOf` cost about 40 µs per text read,
 * several times per message, even for 「ありますか」. A phrase can only occur when its first
 * character does, so the candidates are the phrases filed under the text's characters; the
 * callers then test exactly as before, in the same order, so what they find is unchanged. Pure.
 */

/** The phrases of `items` that may occur in a text (a superset of those that do), in list order. */
export type PhraseCandidates<T> = (text: string) => T[];

/** Files `items` by the first character of `phraseOf(item)` (an empty phrase is always a candidate). */
export function phraseCandidates<T>(items: readonly T[], phraseOf: (item: T) => string): PhraseCandidates<T> {
  const byFirst = new Map<string, number[]>();
  const always: number[] = [];
  items.forEach((item, i) => {
    const first = phraseOf(item)[0];
    if (first === undefined) always.push(i);
    else {
      const list = byFirst.get(first);
      if (list) list.push(i);
      else byFirst.set(first, [i]);
    }
  });
  return (text) => {
    const found: number[] = [...always];
    const seen = new Set<string>();
    // By UTF-16 unit, as the phrases' first units were filed: a surrogate pair's first half
    // files an astral character.
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (seen.has(c)) continue;
      seen.add(c);
      const list = byFirst.get(c);
      if (list) for (const k of list) found.push(k);
    }
    found.sort((a, b) => a - b);
    return found.map((k) => items[k]!);
  };
}
