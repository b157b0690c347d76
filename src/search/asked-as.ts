/**
 * Program-side phrasings (`knowledge/asked-as/<ward>.json`): for every program, questions
 * residents would ask about it — elderly polite, 熊本弁, a situation, a paraphrase without the
 * program's words, kana only, English, terse, plain — written from the program's own name and
 * description only, by an author who never saw an evaluation set. They are indexed as their own
 * field, so everyday words meet the catalogue's official ones. The schema is pure;
 * `loadAskedAs` is the edge that reads the files.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { lazySchema } from "../lazy-schema.js";
import { DEFAULT_KNOWLEDGE_DIR } from "../knowledge/load.js";

/** One file: program id → its phrasings, each with the style it was written in. */
export const AskedAsFileSchema = lazySchema(() =>
  z.record(
    z.string().regex(/^(chuo|higashi|nishi|minami|kita)-(m|f)-[0-9a-z]+(-[0-9a-z]+)?$/),
    z.array(z.object({ text: z.string().min(1), style: z.string().min(1) }).strict()).min(1),
  ),
);
/** Program id → the phrasings' texts. */
export type AskedAs = ReadonlyMap<string, readonly string[]>;

/** Reads every `asked-as/*.json` of the knowledge folder (none: an empty map). Throws naming the file. */
export function loadAskedAs(dir: string = DEFAULT_KNOWLEDGE_DIR): AskedAs {
  const folder = join(dir, "asked-as");
  const out = new Map<string, string[]>();
  if (!existsSync(folder)) return out;
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const parsed = AskedAsFileSchema.safeParse(JSON.parse(readFileSync(join(folder, file), "utf8")));
    if (!parsed.success) throw new Error(`knowledge/asked-as/${file}: ${parsed.error.message}`);
    for (const [id, list] of Object.entries(parsed.data))
      out.set(id, [...(out.get(id) ?? []), ...list.map((p) => p.text)]);
  }
  return out;
}
