/** Knowledge files checked at build time are read without a schema check only while their bytes are unchanged. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { checkedDigest, digestOf, readKnowledgeJson } from "../../../src/knowledge/checked-file.js";
import { loadVocabulary, VocabularySchema } from "../../../src/knowledge/vocabulary.js";
import { DEFAULT_KNOWLEDGE_DIR } from "../../../src/knowledge/load.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";

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
