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
  const byStart = new Map<string, number[]>();
  const always: number[] = [];
  items.forEach((item, i) => {
    const phrase = phraseOf(item);
    if (phrase === "") always.push(i);
    else {
      // A phrase with a space in its first two goes under its first character: callers put spaces in
      // where they take phrases out, which makes new pairs with a space, never new characters.
      const key = phrase.length < 2 || phrase.slice(0, 2).includes(" ") ? phrase[0]! : phrase.slice(0, 2);
      const list = byStart.get(key);
      if (list) list.push(i);
      else byStart.set(key, [i]);
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
    const take = (key: string): void => {
      const list = byStart.get(key);
      if (list)
        for (const k of list)
          if (marks[k] !== call) {
            marks[k] = call;
            found.push(k);
          }
    };
    for (let i = 0; i < text.length; i++) {
      take(text[i]!);
      if (i + 1 < text.length) take(text.slice(i, i + 2));
    }
    found.sort((a, b) => a - b);
    return found.map((k) => items[k]!);
  };
}
