/**
 * Which phrases of a long list can occur in a text, in the list's own order. Reading a message
 * looks for hundreds of cue phrases (need cues in all their kana forms, out-of-scope terms,
 * detail cues) in a few words of text: testing each with `indexOf` cost tens of microseconds per
 * text read, several times per message, even for 「ありますか」. A phrase can only occur where
 * its first two characters do, so the candidates are the phrases filed under the text's
 * two-character pieces (a one-character phrase under its character); the callers then test them
 * exactly as before, in the same order, so what they find is unchanged. Pure.
 */

/** The phrases of `items` that may occur in a text (a superset of those that do), in list order. */
export type PhraseCandidates<T> = (text: string) => T[];

/**
 * Files `items` by the first two UTF-16 units of `phraseOf(item)` (an empty phrase is always a
 * candidate). A text that only gains spaces later has no other candidates than it had.
 */
export function phraseCandidates<T>(items: readonly T[], phraseOf: (item: T) => string): PhraseCandidates<T> {
  // Filed by UTF-16 code units, not by two-character strings: a text is looked up at every
  // position, and a Map keyed by numbers needs no new string (nor its hash) per position.
  const byFirst = new Map<number, { one: number[]; pairs: Map<number, number[]> }>();
  const always: number[] = [];
  items.forEach((item, i) => {
    const phrase = phraseOf(item);
    if (phrase === "") {
      always.push(i);
      return;
    }
    const first = phrase.charCodeAt(0);
    let entry = byFirst.get(first);
    if (!entry) byFirst.set(first, (entry = { one: [], pairs: new Map() }));
    // A phrase with a space in its first two goes under its first character: callers put spaces in
    // where they take phrases out, which makes new pairs with a space, never new characters.
    if (phrase.length < 2 || phrase[0] === " " || phrase[1] === " ") entry.one.push(i);
    else {
      const second = phrase.charCodeAt(1);
      const list = entry.pairs.get(second);
      if (list) list.push(i);
      else entry.pairs.set(second, [i]);
    }
  });
  // Each call marks the items it found with its own number, so an item is taken once however
  // many pieces of the text lead to it; no set or map is made per call.
  const marks = new Uint32Array(items.length);
  let call = 0;
  return (text) => {
    if (++call === 0xffffffff) {
      marks.fill(0);
      call = 1;
    }
    const found: number[] = [...always];
    const take = (list: number[] | undefined): void => {
      if (list)
        for (const k of list)
          if (marks[k] !== call) {
            marks[k] = call;
            found.push(k);
          }
    };
    for (let i = 0; i < text.length; i++) {
      const entry = byFirst.get(text.charCodeAt(i));
      if (!entry) continue;
      take(entry.one);
      if (i + 1 < text.length) take(entry.pairs.get(text.charCodeAt(i + 1)));
    }
    found.sort((a, b) => a - b);
    return found.map((k) => items[k]!);
  };
}
