/**
 * Ward offices and the city's disaster contacts from `knowledge/offices.json`. Every phone
 * number, hour and URL carries the page it was read from (`source`); what no page confirmed is
 * left out and named under `missing`, so replies can say plainly that they do not know it.
 */
import { join } from "node:path";
import * as z from "zod";
import { lazySchema } from "../lazy-schema.js";
import { readKnowledgeJson } from "./checked-file.js";
import { DEFAULT_KNOWLEDGE_DIR } from "./load.js";
import { loadWardRegistry, type Ward, type WardRegistry } from "./wards.js";

const https = lazySchema(() => z.url({ protocol: /^https$/ }));
/** Why a fact is not in the data (for maintainers; residents are told only that it is unknown). */
const Missing = lazySchema(() => z.record(z.string(), z.string().min(1)));

const OfficeSchema = lazySchema(() =>
  z
    .object({
      /** A ward of the registry (checked by loadOffices). */
      ward: z.string().min(1),
      name: z.string().min(1),
      address: z.string().min(1),
      /** A Japanese phone number as printed on the source page. */
      phone: z
        .object({ number: z.string().regex(/^0\d{1,4}-\d{1,4}-\d{3,4}$/), source: https })
        .strict()
        .optional(),
      missing: Missing.optional(),
    })
    .strict()
    .refine((o) => o.phone !== undefined || o.missing?.phone !== undefined, {
      message: "an office without a phone number must say why under missing.phone",
    }),
);

export const OfficesSchema = lazySchema(() =>
  z
    .object({
      source: z.string().min(1),
      citySite: https,
      hours: z
        .object({
          text: z.string().min(1),
          scope: z.string().min(1),
          since: z.iso.date(),
          source: https,
          note: z.string().optional(),
        })
        .strict(),
      offices: z.array(OfficeSchema).min(1),
      disaster: z
        .object({
          links: z
            .array(
              z
                .object({
                  label: z.string().min(1).max(20),
                  url: https,
                  source: https,
                  note: z.string().optional(),
                })
                .strict(),
            )
            .min(1),
          phones: z.array(
            z
              .object({
                label: z.string().min(1).max(20),
                number: z.string().regex(/^0\d{1,4}-\d{1,4}-\d{3,4}$/),
                source: https,
                note: z.string().optional(),
              })
              .strict(),
          ),
          missing: Missing.optional(),
        })
        .strict(),
    })
    .strict(),
);
export type Offices = z.infer<typeof OfficesSchema>;
export type Office = Offices["offices"][number];

/**
 * Reads and validates `knowledge/offices.json`: exactly one office for every ward of the registry
 * (that of the same folder by default) and none for a ward it does not list. Throws naming the
 * file on error. `checked`: the digest of the file as checked at build time (checked-file.ts);
 * the ward checks run either way.
 */
export function loadOffices(
  dir: string = DEFAULT_KNOWLEDGE_DIR,
  registry: WardRegistry = loadWardRegistry(dir),
  checked?: string,
): Offices {
  const offices = readKnowledgeJson(
    join(dir, "offices.json"),
    "knowledge/offices.json",
    OfficesSchema,
    checked,
  );
  const wards = offices.offices.map((o) => o.ward);
  const stray = wards.find((w) => !registry.has(w));
  if (stray !== undefined)
    throw new Error(`knowledge/offices.json: ${stray} is not a ward of gazetteer.json`);
  for (const w of registry.names)
    if (wards.filter((x) => x === w).length !== 1)
      throw new Error(`knowledge/offices.json: ${w} needs exactly one office`);
  return offices;
}

/** The office of a ward. */
export function officeOf(offices: Offices, ward: Ward): Office {
  const o = offices.offices.find((x) => x.ward === ward);
  if (!o) throw new Error(`knowledge/offices.json has no office for ${ward}`);
  return o;
}

/**
 * A map link for an address: a Google Maps search URL built from the address itself (the
 * documented `api=1` form), so it is derived from the data rather than a fact of its own.
 */
export const mapUrl = (address: string): string =>
  `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;

/** `tel:` URI for a printed number (digits only). */
export const telUri = (number: string): string => `tel:${number.replace(/[^0-9]/g, "")}`;
