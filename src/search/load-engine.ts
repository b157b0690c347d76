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
import { INDEX_FORMAT, type PrebuiltIndex } from "./prebuilt-index.js";
import { createSearchEngine, type EngineParams, type ExplainingSearchEngine } from "./search-engine.js";

/** Where `npm run build:index` writes the committed index. */
export const DEFAULT_INDEX_PATH = join(dirname(fileURLToPath(import.meta.url)), "prebuilt/index.json");

/** Reads the prebuilt index; the message names the fix when it is missing or of another format. */
export function loadPrebuiltIndex(path: string = DEFAULT_INDEX_PATH): PrebuiltIndex {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch {
    throw new Error(`search index not found at ${path}: run \`npm run build:index\``);
  }
  const index = JSON.parse(raw) as PrebuiltIndex;
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
}

/** The engine over the committed index, vocabulary and gazetteer. */
export function loadSearchEngine(files: EngineFiles = {}): ExplainingSearchEngine {
  return createSearchEngine(
    loadPrebuiltIndex(files.indexPath),
    files.vocabulary ?? loadVocabulary(files.knowledgeDir),
    files.gazetteer ?? loadGazetteer(files.knowledgeDir),
    files.params,
  );
}
