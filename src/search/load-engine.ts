/**
 * The edge that wires the search engine from files: the committed prebuilt index, the
 * vocabulary and the gazetteer. Entry points (CLI, server, functions) call this; tests and
 * benchmarks may build engines from their own data with `createSearchEngine`.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadGazetteer, type Gazetteer } from "../knowledge/gazetteer.js";
import { loadVocabulary, type Vocabulary } from "../knowledge/vocabulary.js";
import { isPackedIndex, unpackIndex } from "./packed-index.js";
import { INDEX_FORMAT, type PrebuiltIndex } from "./prebuilt-index.js";
import { createSearchEngine, type EngineParams, type ExplainingSearchEngine } from "./search-engine.js";
import type { SearchEngine } from "./types.js";

/** Where `npm run build:index` writes the committed index (packed-index.ts). */
export const DEFAULT_INDEX_PATH = join(dirname(fileURLToPath(import.meta.url)), "prebuilt/index.bin");

/**
 * Reads a prebuilt index: the packed form, or the JSON form indexes had before it. The message
 * names the fix when it is missing or of another format.
 */
export function loadPrebuiltIndex(path: string = DEFAULT_INDEX_PATH): PrebuiltIndex {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new Error(`search index not found at ${path}: run \`npm run build:index\``);
  }
  let index: PrebuiltIndex;
  try {
    index = isPackedIndex(bytes) ? unpackIndex(bytes) : (JSON.parse(bytes.toString("utf8")) as PrebuiltIndex);
  } catch (err) {
    throw new Error(
      `search index at ${path} is unreadable (${err instanceof Error ? err.message : String(err)}): run \`npm run build:index\``,
    );
  }
  const format: unknown = index.format;
  if (format !== INDEX_FORMAT) {
    throw new Error(
      `search index at ${path} has format ${String(format)}, expected ${INDEX_FORMAT}: run \`npm run build:index\``,
    );
  }
  return index;
}

/** Where to read the engine's data from (defaults: the repository's files). */
export interface EngineFiles {
  indexPath?: string;
  knowledgeDir?: string;
  params?: Partial<EngineParams>;
  /** Already loaded by the caller (createDeps needs them too): not read and checked again. */
  vocabulary?: Vocabulary;
  gazetteer?: Gazetteer;
  index?: PrebuiltIndex;
}

/**
 * The vocabulary and gazetteer of `dir`, read without a schema check when their bytes are the
 * ones the index's build checked (src/knowledge/checked-file.ts).
 */
export function loadKnowledgeFor(
  index: Pick<PrebuiltIndex, "checked"> | null,
  dir?: string,
): { vocabulary: Vocabulary; gazetteer: Gazetteer } {
  return {
    vocabulary: loadVocabulary(dir, index?.checked?.["vocabulary.json"]),
    gazetteer: loadGazetteer(dir, index?.checked?.["gazetteer.json"]),
  };
}

/** The engine over the committed index, vocabulary and gazetteer. */
export function loadSearchEngine(files: EngineFiles = {}): ExplainingSearchEngine {
  const index = files.index ?? loadPrebuiltIndex(files.indexPath);
  return createSearchEngine(
    index,
    files.vocabulary ?? loadVocabulary(files.knowledgeDir, index.checked?.["vocabulary.json"]),
    files.gazetteer ?? loadGazetteer(files.knowledgeDir, index.checked?.["gazetteer.json"]),
    files.params,
  );
}

/** A search engine built on its first use (see {@link lazySearchEngine}). */
export interface LazySearchEngine extends SearchEngine {
  /** Whether the engine has been built yet. */
  built(): boolean;
}

/**
 * The engine of `build`, built when a message is first read or searched, not when the instance
 * starts: a new instance's first webhook is often a follow or a tap, which needs no search, and
 * building the engine from the index was about a third of the deps' start-up work
 * (docs/benchmarks.md, issue 14 fifth session). The first question then pays the build instead:
 * `npm run bench:cold-start` measures both. The index, vocabulary and gazetteer are read and
 * checked at start all the same, so a broken file still stops the start. A build that throws is
 * tried again on the next use.
 */
export function lazySearchEngine(build: () => SearchEngine): LazySearchEngine {
  let engine: SearchEngine | null = null;
  const get = (): SearchEngine => (engine ??= build());
  return {
    search: (query, options) => get().search(query, options),
    analyseMessage: (text) => get().analyseMessage(text),
    analysePart: (of, text, clauses) => get().analysePart(of, text, clauses),
    built: () => engine !== null,
  };
}
