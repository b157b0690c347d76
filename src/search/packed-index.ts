/**
 * The prebuilt index as the service loads it: one buffer that needs no construction. Reading
 * the index as JSON (1.4 MB of text: decoding it, parsing it, then decoding its base64 columns)
 * was a third of the engine's start-up. Here the postings are typed arrays read in place, lists
 * of strings are one UTF-8 block each (one native decode and one split), and every other part
 * of the index is a JSON section parsed the first time something reads it: the documents'
 * readings and the lexicon's words (only needed to build an index again with other
 * parameters) are never parsed by a running service.
 *
 * Layout (all integers little-endian):
 *   "KSIX"  u32 header length  header (UTF-8 JSON)  sections, each at a multiple of 8
 * The header names the format, the index's scalar fields and each section (name, kind, offset,
 * bytes, count). Any field a later build adds to PrebuiltIndex is packed as a JSON section and
 * comes back as it went in, so adding a table needs no change here. Deterministic bytes: the
 * committed file is compared with a rebuild byte for byte. Pure.
 */
import type { Bm25Params } from "./bm25.js";
import { PackedLexicon, type LexiconData, type LexiconTables } from "./lexicon.js";
import type {
  ColumnPostings,
  CompactPostings,
  IndexedDoc,
  PrebuiltIndex,
  StoredPlaceKeys,
} from "./prebuilt-index.js";

const MAGIC = "KSIX";
/** Bumped when the container's layout changes; the reader refuses other versions. */
export const PACKED_FORMAT = 1;

type Kind = "json" | "strings" | "u16" | "u32";

interface Section {
  name: string;
  kind: Kind;
  offset: number;
  bytes: number;
  /** Elements (strings, integers). */
  count: number;
}

interface Header {
  packed: typeof PACKED_FORMAT;
  /** Fields of the index that are not objects (format, inputHash …). */
  scalars: Record<string, unknown>;
  sections: Section[];
}

/** Whether typed arrays are little-endian here (they use the platform's order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const SEPARATOR = "\u0000";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Whether bytes start like a packed index (the loader accepts the older JSON form too). */
export function isPackedIndex(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && decoder.decode(bytes.subarray(0, 4)) === MAGIC;
}

/** The index as one buffer (see the module comment). */
export function packIndex(index: PrebuiltIndex): Uint8Array {
  const parts: { name: string; kind: Kind; data: Uint8Array; count: number }[] = [];
  const json = (name: string, value: unknown) =>
    parts.push({ name, kind: "json", data: encoder.encode(JSON.stringify(value)), count: 0 });
  const strings = (name: string, list: readonly string[]) => {
    for (const s of list)
      if (s.includes(SEPARATOR)) throw new Error(`packIndex: ${name} holds a NUL character`);
    parts.push({ name, kind: "strings", data: encoder.encode(list.join(SEPARATOR)), count: list.length });
  };
  const ints = (name: string, values: ArrayLike<number>, kind: "u16" | "u32") => {
    const size = kind === "u16" ? 2 : 4;
    const data = new Uint8Array(values.length * size);
    const view = new DataView(data.buffer);
    for (let i = 0; i < values.length; i++)
      if (kind === "u16") view.setUint16(i * 2, values[i]!, true);
      else view.setUint32(i * 4, values[i]!, true);
    parts.push({ name, kind, data, count: values.length });
  };

  const scalars: Record<string, unknown> = {};
  const { docs, lexicon, lexiconTables, postings, placeKeys, ...rest } = index;
  json(
    "docs",
    docs.map(({ readings: _readings, ...d }) => d),
  );
  json(
    "docs.readings",
    docs.map((d) => d.readings),
  );
  json("lexicon", { stop: lexicon.stop, ...(lexicon.weak ? { weak: lexicon.weak } : {}) });
  json("lexicon.words", lexicon.words);
  scalars["lexicon.size"] = Object.keys(lexicon.words).length;
  if (lexiconTables) {
    scalars["lexiconTables.words"] = lexiconTables.words;
    strings("lexiconTables.keys", lexiconTables.keys);
    strings("lexiconTables.readings", lexiconTables.readings);
    strings("lexiconTables.display", lexiconTables.display);
    strings(
      "lexiconTables.byReading.keys",
      lexiconTables.byReading.map(([k]) => k),
    );
    ints(
      "lexiconTables.byReading.counts",
      lexiconTables.byReading.map(([, list]) => list.length),
      "u32",
    );
    strings(
      "lexiconTables.byReading.surfaces",
      lexiconTables.byReading.flatMap(([, list]) => list),
    );
  }
  if (postings) {
    const columns = toColumns(postings);
    if (columns) {
      json("postings.params", columns.params);
      strings("postings.terms", columns.terms);
      ints("postings.counts", columns.counts, "u32");
      ints("postings.docs", columns.docs, columns.docs instanceof Uint16Array ? "u16" : "u32");
      ints("postings.tf", columns.tf, "u32");
    } else json("postings", postings);
  }
  if (placeKeys) {
    scalars["placeKeys.of"] = placeKeys.of;
    strings("placeKeys.keys", placeKeys.keys);
    strings("placeKeys.names", placeKeys.names);
    strings("placeKeys.wards", placeKeys.wards);
    ints("placeKeys.flags", placeKeys.flags, "u32");
  }
  for (const key of Object.keys(rest).sort()) {
    const value = (rest as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (value !== null && typeof value === "object") json(key, value);
    else scalars[key] = value;
  }

  // The header's size depends on the offsets it lists: lay the sections out after a header
  // of the final length (offsets grow by at most a few digits; two passes settle it).
  let headerBytes = new Uint8Array(0);
  let sections: Section[] = [];
  for (let pass = 0; ; pass++) {
    const assumed = headerBytes.length;
    let at = align(8 + assumed);
    sections = parts.map((p) => {
      const s = { name: p.name, kind: p.kind, offset: at, bytes: p.data.length, count: p.count };
      at = align(at + p.data.length);
      return s;
    });
    headerBytes = encoder.encode(
      JSON.stringify({ packed: PACKED_FORMAT, scalars, sections } satisfies Header),
    );
    if (headerBytes.length === assumed) break;
    if (pass > 8) throw new Error("packIndex: the header's length does not settle");
  }
  const last = sections[sections.length - 1];
  const out = new Uint8Array(last ? align(last.offset + last.bytes) : align(8 + headerBytes.length));
  out.set(encoder.encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  parts.forEach((p, i) => out.set(p.data, sections[i]!.offset));
  return out;
}

/**
 * The index from its packed bytes. Typed arrays are views over `bytes` (copied once when the
 * buffer is not aligned or the platform is big-endian); JSON sections are parsed on first read.
 */
export function unpackIndex(input: Uint8Array): PrebuiltIndex {
  if (!isPackedIndex(input)) throw new Error("not a packed search index");
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new Error("packed search index is truncated");
  const header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + headerLength))) as Header;
  const version: unknown = header.packed;
  if (version !== PACKED_FORMAT)
    throw new Error(`packed search index has container format ${String(version)}, expected ${PACKED_FORMAT}`);
  const byName = new Map<string, Section>();
  for (const s of header.sections) {
    if (s.offset + s.bytes > bytes.length) throw new Error(`packed search index is truncated (${s.name})`);
    byName.set(s.name, s);
  }
  const raw = (s: Section) => bytes.subarray(s.offset, s.offset + s.bytes);
  const section = (name: string): Section => {
    const s = byName.get(name);
    if (!s) throw new Error(`packed search index lacks ${name}`);
    return s;
  };
  const parse = <T>(name: string): T => JSON.parse(decoder.decode(raw(section(name)))) as T;
  const strings = (name: string): string[] => {
    const s = section(name);
    return s.count === 0 ? [] : decoder.decode(raw(s)).split(SEPARATOR);
  };
  const u32 = (name: string): Uint32Array => {
    const s = section(name);
    if (LITTLE_ENDIAN) return new Uint32Array(bytes.buffer, bytes.byteOffset + s.offset, s.count);
    return Uint32Array.from({ length: s.count }, (_, i) => view.getUint32(s.offset + i * 4, true));
  };
  const u16 = (name: string): Uint16Array => {
    const s = section(name);
    if (LITTLE_ENDIAN) return new Uint16Array(bytes.buffer, bytes.byteOffset + s.offset, s.count);
    return Uint16Array.from({ length: s.count }, (_, i) => view.getUint16(s.offset + i * 2, true));
  };

  const { scalars } = header;
  const index: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(scalars)) if (!k.includes(".")) index[k] = v;
  /**
   * Each part is decoded on its first read, like the JSON sections below: an instance reads the
   * index at start for its format and its `checked` digests, and builds the search engine (which
   * reads the rest) only on the first message (load-engine.ts).
   */
  const lazy = (name: string, read: () => unknown): void => {
    let value: unknown;
    let done = false;
    Object.defineProperty(index, name, {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!done) [value, done] = [read(), true];
        return value;
      },
    });
  };
  lazy("docs", () => {
    let readings: IndexedDoc["readings"][] | null = null;
    return parse<Omit<IndexedDoc, "readings">[]>("docs").map(
      (d, i) =>
        // The readings are read only to build postings for other parameters (tuning, tests).
        Object.defineProperty(d, "readings", {
          enumerable: true,
          configurable: true,
          get: () => (readings ??= parse<IndexedDoc["readings"][]>("docs.readings"))[i]!,
        }) as IndexedDoc,
    );
  });
  lazy("lexicon", () => {
    const lexiconHead = parse<Omit<LexiconData, "words">>("lexicon");
    return new PackedLexicon(lexiconHead.stop, lexiconHead.weak, scalars["lexicon.size"] as number, () =>
      parse<Record<string, string>>("lexicon.words"),
    );
  });
  if (byName.has("lexiconTables.keys"))
    lazy("lexiconTables", (): LexiconTables => {
      const rk = strings("lexiconTables.byReading.keys");
      const counts = u32("lexiconTables.byReading.counts");
      const surfaces = strings("lexiconTables.byReading.surfaces");
      let at = 0;
      return {
        words: scalars["lexiconTables.words"] as number,
        keys: strings("lexiconTables.keys"),
        readings: strings("lexiconTables.readings"),
        display: strings("lexiconTables.display"),
        byReading: rk.map((k, i) => [k, surfaces.slice(at, (at += counts[i]!))]),
      };
    });
  if (byName.has("postings.terms"))
    lazy("postings", (): ColumnPostings => {
      const docsSection = section("postings.docs");
      return {
        params: parse<Bm25Params>("postings.params"),
        terms: strings("postings.terms"),
        counts: u32("postings.counts"),
        docs: docsSection.kind === "u16" ? u16("postings.docs") : u32("postings.docs"),
        tf: u32("postings.tf"),
      };
    });
  if (byName.has("placeKeys.keys"))
    lazy("placeKeys", (): StoredPlaceKeys => ({
      of: scalars["placeKeys.of"] as string,
      keys: strings("placeKeys.keys"),
      names: strings("placeKeys.names"),
      wards: strings("placeKeys.wards"),
      flags: u32("placeKeys.flags"),
    }));
  const special = /^(docs|lexicon|lexiconTables|postings\.|placeKeys\.)/;
  for (const s of header.sections)
    if (s.kind === "json" && !special.test(s.name)) lazy(s.name, () => parse(s.name));
  return index as unknown as PrebuiltIndex;
}

/** The postings as columns of integers; null for the older per-term form (packed as JSON). */
function toColumns(p: NonNullable<PrebuiltIndex["postings"]>): ColumnPostings | null {
  if (!Array.isArray(p.terms)) return null;
  const c = p as CompactPostings | ColumnPostings;
  if (typeof c.counts !== "string") return c as ColumnPostings;
  const compact = c as CompactPostings;
  const fromBase64 = (s: string, size: 2 | 4) => {
    const b = Buffer.from(s, "base64");
    const out = size === 2 ? new Uint16Array(b.length / 2) : new Uint32Array(b.length / 4);
    for (let i = 0; i < out.length; i++) out[i] = size === 2 ? b.readUInt16LE(i * 2) : b.readUInt32LE(i * 4);
    return out;
  };
  return {
    params: compact.params,
    terms: compact.terms,
    counts: fromBase64(compact.counts, 4) as Uint32Array,
    docs: fromBase64(compact.docs, compact.wideDocs ? 4 : 2),
    tf: fromBase64(compact.tf, 4) as Uint32Array,
  };
}

const align = (n: number) => Math.ceil(n / 8) * 8;
