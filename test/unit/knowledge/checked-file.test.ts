/**
 * Knowledge files checked at build time are read without a schema check only while their bytes
 * are unchanged: any other byte is checked at start, and refused there when it breaks the schema.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { checkedDigest, digestOf, readKnowledgeJson } from "../../../src/knowledge/checked-file.js";
import { loadVocabulary, VocabularySchema } from "../../../src/knowledge/vocabulary.js";
import { DEFAULT_KNOWLEDGE_DIR, loadCatalogue } from "../../../src/knowledge/load.js";
import { DEFAULT_INDEX_PATH, loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import { knowledgeChecks } from "../../../src/knowledge/checked-knowledge.js";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadOffices } from "../../../src/knowledge/offices.js";
import { loadWardRegistry, WARD_REGISTRY_KEY } from "../../../src/knowledge/wards.js";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";
import { memoryStoreConfig } from "../../helpers/bot-fixtures.js";
import { createDeps } from "../../../src/deps.js";

const Schema = z.object({ words: z.array(z.string().min(1)) }).strict();
const dir = mkdtempSync(join(tmpdir(), "checked-file-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("readKnowledgeJson", () => {
  it("checks a file whose bytes are not the ones checked at build time", () => {
    const path = file("bad.json", '{"words": [""]}');
    expect(() => readKnowledgeJson(path, "bad.json", Schema)).toThrow(/bad\.json/);
    expect(() => readKnowledgeJson(path, "bad.json", Schema, digestOf("something else"))).toThrow(
      /bad\.json/,
    );
  });

  it("reads the bytes the build checked as plain JSON (no second check)", () => {
    const path = file("good.json", '{"words": ["防災"]}');
    const digest = checkedDigest(path, Schema);
    expect(digest).toBe(digestOf('{"words": ["防災"]}'));
    expect(readKnowledgeJson(path, "good.json", Schema, digest)).toEqual({ words: ["防災"] });
    // The same bytes skip the schema: a value the schema would refuse proves it was not run.
    const refused = file("refused.json", '{"words": [""]}');
    expect(readKnowledgeJson(refused, "refused.json", Schema, digestOf('{"words": [""]}'))).toEqual({
      words: [""],
    });
  });

  it("records no digest for a file the schema changes (defaults filled in) or refuses", () => {
    const WithDefault = z.object({ words: z.array(z.string()), more: z.array(z.string()).default([]) });
    expect(checkedDigest(file("default.json", '{"words": []}'), WithDefault)).toBeUndefined();
    expect(checkedDigest(file("refuse.json", '{"words": [""]}'), Schema)).toBeUndefined();
  });
});

describe("the committed index", () => {
  it("names the committed vocabulary's bytes, and reading them so gives the checked vocabulary", () => {
    const checked = loadPrebuiltIndex().checked?.["vocabulary.json"];
    expect(checked, "run `npm run build:index`").toBe(
      checkedDigest(join(DEFAULT_KNOWLEDGE_DIR, "vocabulary.json"), VocabularySchema),
    );
    expect(loadVocabulary(undefined, checked)).toEqual(loadVocabulary());
  });
});

describe("every knowledge file an instance reads at start", () => {
  const checked = loadPrebuiltIndex().checked ?? {};

  it("is named in the committed index with the digest of its checked bytes", () => {
    for (const c of knowledgeChecks(DEFAULT_KNOWLEDGE_DIR))
      expect(checked[c.key], `${c.key}: run \`npm run build:index\``).toBe(
        checkedDigest(join(DEFAULT_KNOWLEDGE_DIR, c.file), c.schema, c.trusted),
      );
    expect(Object.keys(checked).sort()).toEqual(
      knowledgeChecks(DEFAULT_KNOWLEDGE_DIR)
        .map((c) => c.key)
        .sort(),
    );
  });

  it("reads as the same values through the digests as through the schemas", () => {
    const dir = DEFAULT_KNOWLEDGE_DIR;
    const registry = loadWardRegistry(dir, checked[WARD_REGISTRY_KEY]);
    expect(registry.entries).toEqual(loadWardRegistry(dir).entries);
    expect(loadGazetteer(dir, checked["gazetteer.json"])).toEqual(loadGazetteer(dir));
    expect(loadOffices(dir, registry, checked["offices.json"])).toEqual(loadOffices(dir));
    expect(loadCatalogue(dir, registry, checked)).toEqual(loadCatalogue(dir));
  });

  describe("a copy of knowledge/ with one byte changed", () => {
    const copy = (): string => {
      const to = mkdtempSync(join(tmpdir(), "knowledge-"));
      cpSync(DEFAULT_KNOWLEDGE_DIR, to, { recursive: true });
      return to;
    };
    /** Changes the first `from` in a file to `to`, the same number of bytes. */
    const change = (dir: string, file: string, from: string, to: string) => {
      const path = join(dir, file);
      const text = readFileSync(path, "utf8");
      expect(text).toContain(from);
      writeFileSync(path, text.replace(from, to));
    };

    it("is refused at start when the change breaks a file's schema (ward file, offices, registry)", () => {
      const dir = copy();
      change(dir, "wards/chuo.json", '"status": "実施"', '"status": "実旋"');
      expect(() => loadCatalogue(dir, loadWardRegistry(dir, checked[WARD_REGISTRY_KEY]), checked)).toThrow(
        /knowledge\/wards\/chuo\.json: .*status/s,
      );
      change(dir, "offices.json", '"number": "096-', '"number": "996-');
      expect(() => loadOffices(dir, KNOWLEDGE_WARDS, checked["offices.json"])).toThrow(
        /knowledge\/offices\.json/,
      );
      change(dir, "gazetteer.json", '"slug": "chuo"', '"slug": "Chuo"');
      expect(() => loadWardRegistry(dir, checked[WARD_REGISTRY_KEY])).toThrow(/gazetteer\.json \(wards\)/);
    });

    it("is checked, not trusted, when the change keeps the file valid", () => {
      const dir = copy();
      // One more space: other bytes, the same values. Read through the schema, so it loads.
      change(dir, "wards/chuo.json", '"status": "実施"', '"status":  "実施"');
      expect(loadCatalogue(dir, KNOWLEDGE_WARDS, checked).programs).toEqual(loadCatalogue().programs);
    });

    it("refuses a deployed instance's start (createDeps over the copy and the committed index)", async () => {
      const dir = copy();
      change(dir, "offices.json", '"number": "096-', '"number": "996-');
      const config = memoryStoreConfig();
      await expect(
        createDeps(config, { files: { knowledgeDir: dir, indexPath: DEFAULT_INDEX_PATH } }),
      ).rejects.toThrow(/knowledge\/offices\.json/);
      // The unchanged copy starts.
      const intact = copy();
      const deps = await createDeps(config, {
        files: { knowledgeDir: intact, indexPath: DEFAULT_INDEX_PATH },
      });
      expect(deps.offices).toEqual(loadOffices());
    });
  });
});
