/**
 * A packed index is decoded part by part on first read: an instance reads it at start for its
 * format and `checked` digests only, and decodes the documents, lexicon and postings when it
 * builds the search engine on the first message (issue 14, cold start).
 */
import { describe, expect, it } from "vitest";
import { packIndex, unpackIndex } from "../../../src/search/packed-index.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";

/** The committed index packed again, with the first byte of each named section broken. */
function withBrokenSections(names: string[]): Uint8Array {
  const bytes = packIndex(loadPrebuiltIndex());
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + view.getUint32(4, true)))) as {
    sections: { name: string; offset: number }[];
  };
  for (const name of names) {
    const s = header.sections.find((x) => x.name === name);
    expect(s, name).toBeDefined();
    bytes[s!.offset] = "!".charCodeAt(0);
  }
  return bytes;
}

describe("unpackIndex", () => {
  it("decodes no document, lexicon or posting until one is read", () => {
    const index = unpackIndex(withBrokenSections(["docs", "lexicon", "postings.params"]));
    // What a start reads: the format and the digests of the checked knowledge files.
    expect(index.format).toBe(loadPrebuiltIndex().format);
    expect(index.checked).toEqual(loadPrebuiltIndex().checked);
    // The broken parts fail when read, not before.
    expect(() => index.docs).toThrow(SyntaxError);
    expect(() => index.lexicon).toThrow(SyntaxError);
    expect(() => index.postings).toThrow(SyntaxError);
  });

  it("gives the same index as before packing, each part decoded once", () => {
    const index = unpackIndex(packIndex(loadPrebuiltIndex()));
    expect(index.docs).toBe(index.docs);
    expect(index.postings).toBe(index.postings);
    expect(JSON.stringify(index.docs)).toBe(JSON.stringify(loadPrebuiltIndex().docs));
  });
});
