/**
 * How a query's words meet one set of postings — the documents (scoring.ts) or each program's
 * phrasings as small documents of their own (phrasing-match.ts) — so that both follow one set
 * of rules: an expansion counts only where a slot holds its share (`minFrac`) of the
 * expansion's mass, a word scores by its best expansion (or the sum of them, for a need's
 * words), every word adds its score × scale and its soft coverage, and coordination scales a
 * slot's total by the share of the question it covers. The buffers are typed arrays sized for
 * the slots and reused across queries (dense arrays beat maps at 10,000 documents); each is
 * reset for the slots a query touched. Pure.
 */
import type { Posting } from "./bm25.js";
import type { QueryWord, WeightedTerm } from "./scoring.js";

/**
 * An expansion's light terms (1 per term, null when none is light): the readings, which only
 * score, and in each coverage group the smallest terms that together hold less than the share
 * `minFrac` of the group's mass — the common parts of a word (たい of 始めたい, 地域 of 地域活動).
 * A slot that holds light terms alone never holds the share, so it never counts for the
 * expansion: {@link WordMatcher.match} scores light terms only in the slots a heavy term holds.
 * On the phrasings, where a common part is in hundreds of the 2,000 slots, that is about half
 * of the postings. The answers are the same, to the last bit: the skipped slots added nothing.
 */
export function lightTerms(
  terms: readonly WeightedTerm[],
  mass: readonly number[],
  minFrac: number,
): Uint8Array | null {
  if (!(minFrac > 0)) return null;
  const light = new Uint8Array(terms.length);
  let any = false;
  for (let i = 0; i < terms.length; i++)
    if (terms[i]!.group === -1) {
      light[i] = 1;
      any = true;
    }
  for (const g of [0, 1] as const) {
    // A margin far wider than the rounding of the sums the matcher compares with the share.
    const below = minFrac * mass[g]! * (1 - 1e-9);
    let sum = 0;
    // The group's terms by mass, smallest first (a word has a few terms: pick the least left).
    for (;;) {
      let least = -1;
      for (let i = 0; i < terms.length; i++) {
        const t = terms[i]!;
        if (t.group !== g || light[i]) continue;
        if (least < 0 || t.weight * t.idf < terms[least]!.weight * terms[least]!.idf) least = i;
      }
      if (least < 0) break;
      const m = terms[least]!.weight * terms[least]!.idf;
      if (!(m >= 0) || sum + m >= below) break;
      sum += m;
      light[least] = 1;
      any = true;
    }
  }
  return any ? light : null;
}

/** Where a term's postings come from (a source may keep them on the term: scoring.ts). */
export interface PostingSource {
  /** The term in the slots' own text: scores and covers. */
  own(term: WeightedTerm): Posting | undefined;
  /**
   * The term in a secondary text of the slots (the programs' phrasings), given the own
   * postings: it scores, and covers where the own text did not hold the term.
   */
  also?(term: WeightedTerm, own: Posting | undefined): Posting | undefined;
  /**
   * How specific a term is in the secondary text, when that differs from the idf it carries
   * (its idf in the slots' own text): the idf of the term among the programs' phrasings, where
   * everyday words (地元の皆さん, ママと話せる) recur across programs. A term a slot holds only
   * there covers the word at {@link coveringIdf}, so a slot that holds a question's everyday
   * words only in its phrasings is not coordinated as if it held its content words; whether the
   * word matches and what it scores are unchanged.
   */
  alsoIdf?(term: WeightedTerm): number;
}

/**
 * The idf a term held only in the secondary text covers at: the mean of its own idf and its idf
 * there, never above its own. (Measured on every seen set: the lower of the two moved more
 * answers down, MRR below before; the geometric mean had the best MRR but lost one of blind L's
 * top-3 answers; the mean gains the most top-3 answers.)
 */
const coveringIdf = (own: number, there: number): number => Math.min(own, (own + there) / 2);

/** Matches a query's words over `size` slots, one word at a time. */

export class WordMatcher {
  /**
   * Per slot: the words' scores × scale — but for the context's words when `contextApart`: the
   * caller adds those (its `wordScore`) where it keeps them.
   */
  readonly total: Float64Array;
  /** Per slot: the coverage weight of the words it holds, each at most the share `wordCoverage` asks. */
  readonly soft: Float64Array;
  /** The slots some word matched (and those joined), the first `count`. */
  readonly touched: Int32Array;
  /** 1 for a slot in `touched`. */
  readonly seen: Uint8Array;
  count = 0;
  /** The last word's slots (the first `wordCount`), until the next `match`. */
  readonly wordTouched: Int32Array;
  wordCount = 0;
  /** Per slot, the last word's score: its best expansion's, or the sum for a need's word. */
  readonly wordScore: Float64Array;
  /** Per slot, the largest share of the last word any expansion holds. */
  readonly wordFrac: Float64Array;
  /** Per slot, that share in the slot's own text (of expansions that count). */
  readonly wordFracOwn: Float64Array;

  private readonly expScore: Float64Array;
  private readonly expMass0: Float64Array;
  private readonly expMass1: Float64Array;
  private readonly ownMass0: Float64Array;
  private readonly ownMass1: Float64Array;
  /** Per slot, the expansion's mass held at the covering idf ({@link PostingSource.alsoIdf}), per group. */
  private readonly coverMass0: Float64Array;
  private readonly coverMass1: Float64Array;
  /** Per slot, the largest share of the last word held at the covering idf. */
  private readonly wordCover: Float64Array;
  private readonly expSeen: Uint8Array;
  private readonly expTouched: Int32Array;
  private readonly stamp: Int32Array;
  private stampCounter = 0;
  /** 1 for a slot some heavy term of the current expansion holds ({@link lightTerms}). */
  private readonly candidate: Uint8Array;
  private readonly candidates: Int32Array;
  /** The current expansion's postings per term, looked up once ({@link lightTerms}). */
  private readonly ownOf: (Posting | undefined)[] = [];
  private readonly alsoOf: (Posting | undefined)[] = [];

  /**
   * @param wordCoverage the share of a word a slot must hold to cover it whole
   * @param contextApart the context's words do not add to `total`
   */
  constructor(
    size: number,
    private readonly source: PostingSource,
    private readonly wordCoverage: number,
    private readonly contextApart: boolean,
  ) {
    const f = () => new Float64Array(size);
    this.total = f();
    this.soft = f();
    this.touched = new Int32Array(size);
    this.seen = new Uint8Array(size);
    this.wordTouched = new Int32Array(size);
    this.wordScore = f();
    this.wordFrac = f();
    this.wordFracOwn = f();
    this.expScore = f();
    this.expMass0 = f();
    this.expMass1 = f();
    this.ownMass0 = f();
    this.ownMass1 = f();
    this.coverMass0 = f();
    this.coverMass1 = f();
    this.wordCover = f();
    this.expSeen = new Uint8Array(size);
    this.expTouched = new Int32Array(size);
    this.stamp = new Int32Array(size);
    this.candidate = new Uint8Array(size);
    this.candidates = new Int32Array(size);
  }

  /**
   * Matches one word and adds it to each slot's total and soft coverage; its own figures stay
   * in `wordTouched`, `wordScore`, `wordFrac` and `wordFracOwn` until the next call. When
   * `labels` is given, each slot's entry is set to the expansion that ranks it (the best
   * scoring one; for a need's word, the one held most).
   */
  match(w: QueryWord, labels: Int16Array | null): void {
    const { expScore, expMass0, expMass1, ownMass0, ownMass1, expSeen, expTouched, stamp, candidate } = this;
    const { wordTouched, wordScore, wordFrac, wordFracOwn, coverMass0, coverMass1, wordCover } = this;
    this.clearWord();
    const source = this.source;
    const discounted = source.alsoIdf !== undefined;
    let wordCount = 0;
    for (let ei = 0; ei < w.expansions.length; ei++) {
      const e = w.expansions[ei]!;
      const { terms, light } = e;
      const { ownOf, alsoOf } = this;
      for (let ti = 0; ti < terms.length; ti++) {
        const own = source.own(terms[ti]!);
        ownOf[ti] = own;
        alsoOf[ti] = source.also ? source.also(terms[ti]!, own) : undefined;
      }
      let candidateCount = 0;
      if (light) {
        for (let ti = 0; ti < terms.length; ti++) {
          if (light[ti]) continue;
          candidateCount = this.markCandidates(ownOf[ti], candidateCount);
          candidateCount = this.markCandidates(alsoOf[ti], candidateCount);
        }
        // Every term light: no slot can hold the share the expansion asks.
        if (candidateCount === 0) continue;
      }
      let count = 0;
      for (let ti = 0; ti < terms.length; ti++) {
        const t = terms[ti]!;
        // A light term scores only in the slots a heavy term holds.
        const onlyCandidates = light !== null && light[ti] === 1;
        const { weight, group } = t;
        const mass = weight * t.idf;
        // The term's coverage group's buffers (a term of group -1 scores only).
        const counts = group !== -1;
        const expMass = group === 1 ? expMass1 : expMass0;
        const ownMass = group === 1 ? ownMass1 : ownMass0;
        const coverMass = group === 1 ? coverMass1 : coverMass0;
        const more = alsoOf[ti];
        // The own text's slots are marked only for the secondary text's walk, which skips them.
        const stampNow = more ? ++this.stampCounter : 0;
        const own = ownOf[ti];
        if (own) {
          const { docs: pd, scores: ps } = own;
          for (let i = 0; i < pd.length; i++) {
            const d = pd[i]!;
            if (onlyCandidates && candidate[d] === 0) continue;
            if (expSeen[d] === 0) {
              expSeen[d] = 1;
              expTouched[count++] = d;
            }
            if (more) stamp[d] = stampNow;
            expScore[d] = expScore[d]! + weight * ps[i]!;
            if (counts) {
              expMass[d] = expMass[d]! + mass;
              ownMass[d] = ownMass[d]! + mass;
              coverMass[d] = coverMass[d]! + mass;
            }
          }
        }
        if (!more) continue;
        const alsoCover = discounted ? weight * coveringIdf(t.idf, source.alsoIdf!(t)) : mass;
        const { docs: ad, scores: as } = more;
        for (let i = 0; i < ad.length; i++) {
          const d = ad[i]!;
          if (onlyCandidates && candidate[d] === 0) continue;
          if (expSeen[d] === 0) {
            expSeen[d] = 1;
            expTouched[count++] = d;
          }
          expScore[d] = expScore[d]! + weight * as[i]!;
          // A term the own text holds covers once.
          if (!counts || stamp[d] === stampNow) continue;
          expMass[d] = expMass[d]! + mass;
          coverMass[d] = coverMass[d]! + alsoCover;
        }
      }
      const [mass0, mass1] = e.mass;
      const minFrac = e.minFrac;
      const sum = w.combine === "sum";
      for (let i = 0; i < count; i++) {
        const d = expTouched[i]!;
        const frac = Math.max(mass0 > 0 ? expMass0[d]! / mass0 : 0, mass1 > 0 ? expMass1[d]! / mass1 : 0);
        const fracOwn = Math.max(mass0 > 0 ? ownMass0[d]! / mass0 : 0, mass1 > 0 ? ownMass1[d]! / mass1 : 0);
        if (frac >= minFrac && fracOwn > wordFracOwn[d]!) wordFracOwn[d] = fracOwn;
        // The share held at the covering idf (never more than the share held).
        const cover = Math.min(
          frac,
          Math.max(mass0 > 0 ? coverMass0[d]! / mass0 : 0, mass1 > 0 ? coverMass1[d]! / mass1 : 0),
        );
        if (frac >= minFrac && cover > wordCover[d]!) wordCover[d] = cover;
        // An expansion that matches only a sliver of itself (one bigram of a long word) is noise.
        const sc = frac >= minFrac ? expScore[d]! : 0;
        if (sc > 0) {
          if (wordScore[d] === 0) wordTouched[wordCount++] = d;
          if (sum) {
            wordScore[d] = wordScore[d]! + sc;
            if (frac > wordFrac[d]!) {
              wordFrac[d] = frac;
              if (labels) labels[d] = ei;
            }
          } else {
            // The best-scoring expansion ranks; any expansion the slot holds whole covers
            // the word (こども in こどもまつり covers 子ども, though 子ども itself scores more).
            if (sc > wordScore[d]!) {
              wordScore[d] = sc;
              if (labels) labels[d] = ei;
            }
            if (frac > wordFrac[d]!) wordFrac[d] = frac;
          }
        }
        expScore[d] = 0;
        expMass0[d] = 0;
        expMass1[d] = 0;
        ownMass0[d] = 0;
        ownMass1[d] = 0;
        coverMass0[d] = 0;
        coverMass1[d] = 0;
        expSeen[d] = 0;
      }
      for (let i = 0; i < candidateCount; i++) candidate[this.candidates[i]!] = 0;
    }
    this.wordCount = wordCount;
    const { total, soft } = this;
    const toTotal = !(this.contextApart && w.context === true);
    for (let i = 0; i < wordCount; i++) {
      const d = wordTouched[i]!;
      if (toTotal) total[d] = total[d]! + wordScore[d]! * w.scoreScale;
      const held = this.source.alsoIdf ? wordCover[d]! : wordFrac[d]!;
      soft[d] = soft[d]! + w.coverageWeight * Math.min(1, held / this.wordCoverage);
      this.join(d);
    }
  }

  /** Marks the slots of a heavy term's posting as candidates; returns how many there are now. */
  private markCandidates(posting: Posting | undefined, count: number): number {
    if (!posting) return count;
    const { candidate, candidates } = this;
    const { docs } = posting;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (candidate[d]) continue;
      candidate[d] = 1;
      candidates[count++] = d;
    }
    return count;
  }

  /** Adds a slot no word matched to `touched` (a no-op for one already there). */
  join(d: number): void {
    if (this.seen[d]) return;
    this.seen[d] = 1;
    this.touched[this.count++] = d;
  }

  /**
   * Coordination: a slot that answers more of the question outranks one that repeats a single
   * word of it, whatever the field weights say. Scales each total by (soft / coverageTotal)^power
   * (1 for a question without coverage weight), and writes the factor into `factors` when given.
   */
  coordinate(coverageTotal: number, power: number, factors?: Float64Array): void {
    const { total, soft, touched } = this;
    for (let i = 0; i < this.count; i++) {
      const d = touched[i]!;
      const f = coverageTotal > 0 ? (soft[d]! / coverageTotal) ** power : 1;
      if (factors) factors[d] = f;
      total[d] = total[d]! * f;
    }
  }

  /** Clears every slot the query touched, for the next query. */
  reset(): void {
    this.clearWord();
    const { total, soft, seen, touched } = this;
    for (let i = 0; i < this.count; i++) {
      const d = touched[i]!;
      total[d] = 0;
      soft[d] = 0;
      seen[d] = 0;
    }
    this.count = 0;
  }

  private clearWord(): void {
    const { wordTouched, wordScore, wordFrac, wordFracOwn, wordCover } = this;
    for (let i = 0; i < this.wordCount; i++) {
      const d = wordTouched[i]!;
      wordScore[d] = 0;
      wordFrac[d] = 0;
      wordFracOwn[d] = 0;
      wordCover[d] = 0;
    }
    this.wordCount = 0;
  }
}
