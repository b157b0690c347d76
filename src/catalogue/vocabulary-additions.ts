/**
 * The staff's vocabulary additions merged into the committed vocabulary (pure): a synonym joins
 * the group of the catalogue word it means (or starts one), an out-of-scope topic is added with
 * where to ask. The merged vocabulary is what the next index is built and answers with.
 */
import type { Vocabulary } from "../knowledge/vocabulary.js";
import type { VocabularyAddition } from "../store/catalogue-port.js";

const day = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** The committed vocabulary plus the additions, in the order they were made. */
export function mergeVocabulary(base: Vocabulary, additions: readonly VocabularyAddition[]): Vocabulary {
  const v: Vocabulary = structuredClone(base);
  for (const a of additions) {
    const source = `職員が追加（${day(a.at)}、${a.by}）`;
    if (a.kind === "synonym") {
      const group = v.synonyms.find((g) => g.terms.includes(a.of));
      if (group) {
        if (!group.terms.includes(a.word)) group.terms.push(a.word);
      } else v.synonyms.push({ terms: [a.of, a.word], source });
    } else {
      v.outOfScope.push({ topic: a.topic, terms: a.terms, except: [], source, where: a.where });
    }
  }
  return v;
}
