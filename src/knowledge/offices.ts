/**
 * Ward offices (name and address only) from `knowledge/offices.json`. The bot's 区役所 reply
 * states nothing else: no phone numbers or opening hours, which we cannot verify here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DEFAULT_KNOWLEDGE_DIR } from "./load.js";
import { WARDS, WardSchema } from "./schema.js";

export const OfficesSchema = z
  .object({
    source: z.string().min(1),
    citySite: z.url({ protocol: /^https$/ }),
    offices: z
      .array(z.object({ ward: WardSchema, name: z.string().min(1), address: z.string().min(1) }).strict())
      .length(WARDS.length),
  })
  .strict()
  .refine(
    (o) => WARDS.every((w) => o.offices.some((x) => x.ward === w)),
    "every ward needs exactly one office",
  );
export type Offices = z.infer<typeof OfficesSchema>;

/** Reads and validates `knowledge/offices.json`; throws naming the file on error. */
export function loadOffices(dir: string = DEFAULT_KNOWLEDGE_DIR): Offices {
  const parsed = OfficesSchema.safeParse(JSON.parse(readFileSync(join(dir, "offices.json"), "utf8")));
  if (!parsed.success) throw new Error(`knowledge/offices.json: ${parsed.error.message}`);
  return parsed.data;
}
