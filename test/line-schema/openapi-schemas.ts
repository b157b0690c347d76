/**
 * LINE's OpenAPI documents as ajv schemas. The documents use `discriminator.mapping`, which JSON
 * Schema validators ignore: left as is, a Flex bubble whose body is `{}` would pass. So every
 * discriminated schema is turned into `if/then` branches over its mapping, the parent's own
 * properties move to a `…__base` schema that children extend (breaking the parent → child →
 * parent cycle), and each child pins its own discriminator value, so a child referenced directly
 * (a bubble's `body` → FlexBox) must really be a box. Concrete objects are closed, so a misspelt
 * property is an error.
 *
 * Test and staff-side tooling only (it reads YAML and compiles ajv code, ~100 ms): it lives
 * under test/ so nothing in src/ — and nothing on the webhook's path — can load ajv or yaml.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2019, type ErrorObject } from "ajv/dist/2019.js";
import addFormatsModule from "ajv-formats";
import { parse as parseYaml } from "yaml";

import { isObj, type Json, type LineValidationError } from "../../src/line/platform-limits.js";
export { isObj, type Json, type LineValidationError };

/** LINE's OpenAPI documents, committed as test fixtures (test/fixtures/README.md). */
export const DEFAULT_SPEC_DIR = fileURLToPath(new URL("../fixtures/line-openapi/", import.meta.url));

const LOCAL_REF = "#/components/schemas/";

/**
 * The formats LINE's OpenAPI documents use: JSON Schema's (uri, date-time … via ajv-formats) and
 * OpenAPI's numeric ones (int32, int64, float, double), so ajv checks them instead of warning.
 */
export function addOpenApiFormats(ajv: Ajv2019): void {
  (addFormatsModule as unknown as (a: Ajv2019) => void)(ajv);
  for (const name of ["int32", "int64"]) ajv.addFormat(name, { type: "number", validate: Number.isInteger });
  for (const name of ["float", "double"]) ajv.addFormat(name, { type: "number", validate: Number.isFinite });
}

/**
 * Rewrites OpenAPI `discriminator` schemas into plain JSON Schema (`if`/`then` per mapped value)
 * that ajv can check, so an unknown or mismatched `type` is reported instead of ignored.
 */
export function convertDiscriminators(schemas: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(schemas);
  const parents = Object.entries(schemas).filter(
    (e): e is [string, Json] => isObj(e[1]) && isObj(e[1].discriminator),
  );
  for (const [parentName, parent] of parents) {
    const disc = parent.discriminator as { propertyName: string; mapping?: Record<string, string> };
    const prop = disc.propertyName;
    const mapping = disc.mapping ?? {};
    const base = structuredClone(parent);
    delete base.discriminator;
    out[`${parentName}__base`] = base;
    const values = Object.keys(mapping);
    out[parentName] = {
      type: "object",
      required: [prop],
      properties: { [prop]: { type: "string", enum: values } },
      allOf: [
        { $ref: `${LOCAL_REF}${parentName}__base` },
        ...values.map((value) => ({
          if: { properties: { [prop]: { const: value } }, required: [prop] },
          then: { $ref: mapping[value] },
        })),
      ],
    };
    for (const [value, target] of Object.entries(mapping)) {
      const childName = target.slice(LOCAL_REF.length);
      const child = out[childName];
      if (!target.startsWith(LOCAL_REF) || !isObj(child)) continue;
      // A child extends the parent's own properties, not the dispatching parent (no cycle).
      retarget(child, `${LOCAL_REF}${parentName}`, `${LOCAL_REF}${parentName}__base`);
      const pin = { type: "object", required: [prop], properties: { [prop]: { const: value } } };
      child.allOf = [...(Array.isArray(child.allOf) ? (child.allOf as unknown[]) : []), pin];
    }
  }
  return out;
}

/**
 * Closes every concrete object schema (`unevaluatedProperties: false`), so a misspelt or
 * misplaced property (`wrapp`, `scaling` on a box) is an error instead of being silently
 * ignored. Discriminating parents and `…__base` schemas stay open: the concrete child that
 * extends them is the one that knows all its properties. Exported for tests; pure.
 */
export function closeObjects(schemas: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const concrete =
      isObj(schema) &&
      !name.endsWith("__base") &&
      (isObj(schema.properties) || Array.isArray(schema.allOf)) &&
      schema.additionalProperties === undefined &&
      !isDispatcher(schema);
    out[name] = concrete ? { ...schema, unevaluatedProperties: false } : schema;
  }
  return out;
}

const isDispatcher = (schema: Json): boolean =>
  Array.isArray(schema.allOf) && schema.allOf.some((part) => isObj(part) && isObj(part.if));

function retarget(schema: Json, from: string, to: string): void {
  if (!Array.isArray(schema.allOf)) return;
  for (const part of schema.allOf) if (isObj(part) && part.$ref === from) part.$ref = to;
}

/** Makes local refs absolute so the component map can be registered under one id. */
function absolutise(node: unknown, id: string): unknown {
  if (Array.isArray(node)) return node.map((n) => absolutise(n, id));
  if (!isObj(node)) return node;
  const copy: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$ref" && typeof v === "string" && v.startsWith("#/")) copy[k] = `${id}${v}`;
    else if (k === "nullable" || k === "example" || k === "externalDocs" || k === "discriminator") continue;
    else copy[k] = absolutise(v, id);
  }
  // OpenAPI 3.0 `nullable: true` means the JSON Schema type also admits null.
  if (node.nullable === true && typeof node.type === "string") copy.type = [node.type, "null"];
  return copy;
}

/** Reads `components.schemas` of one of LINE's OpenAPI documents; errors say where to put the spec. */
export function readSchemas(file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(
      `Cannot read LINE's OpenAPI document at ${file} (${(e as Error).message}). ` +
        "Restore test/fixtures/line-openapi/ (see test/fixtures/README.md) or pass its directory.",
    );
  }
  const schemas = (doc as { components?: { schemas?: Record<string, unknown> } }).components?.schemas;
  if (!schemas) throw new Error(`${file} has no components.schemas: is it one of LINE's OpenAPI documents?`);
  return schemas;
}

/**
 * An ajv instance holding one OpenAPI document's schemas under `id`, with the discriminators
 * converted and, unless `unknownProperties`, every object closed to properties it does not define.
 */
export function openApiAjv(
  schemas: Record<string, unknown>,
  id: string,
  unknownProperties: boolean,
): Ajv2019 {
  // Draft 2019-09 for `unevaluatedProperties`, which sees through allOf and if/then.
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: true });
  addOpenApiFormats(ajv);
  const converted = convertDiscriminators(schemas);
  const closed = unknownProperties ? converted : closeObjects(converted);
  ajv.addSchema({ $id: id, components: { schemas: absolutise(closed, id) } });
  return ajv;
}

/**
 * Validates values against one named schema of any of LINE's OpenAPI documents (e.g.
 * `webhook.yml` → `CallbackRequest`), with the same discriminator conversion as the message checks.
 * Unknown properties are allowed: LINE may add fields to what it sends.
 */
export function createOpenApiSchemaValidator(
  file: string,
  schemaName: string,
): (value: unknown) => LineValidationError[] {
  const id = `line-${schemaName}.json`;
  const validate = openApiAjv(readSchemas(file), id, true).compile({
    $ref: `${id}#/components/schemas/${schemaName}`,
  });
  return (value) => (validate(value) ? [] : fromAjv(validate.errors));
}

/** ajv errors as pointer + message, without the noise of `if` branches, deduplicated. */
export function fromAjv(errors: ErrorObject[] | null | undefined, prefix = ""): LineValidationError[] {
  const out: LineValidationError[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    // "must match then schema" only repeats the errors found inside the branch.
    if (e.keyword === "if") continue;
    let message = e.message ?? e.keyword;
    if (e.keyword === "enum")
      message += `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
    if (e.keyword === "const") message += `: ${String((e.params as { allowedValue: unknown }).allowedValue)}`;
    if (e.keyword === "additionalProperties")
      message += `: ${String((e.params as { additionalProperty: unknown }).additionalProperty)}`;
    if (e.keyword === "unevaluatedProperties")
      message = `unknown property "${String((e.params as { unevaluatedProperty: unknown }).unevaluatedProperty)}"`;
    const item = { pointer: prefix + e.instancePath, message };
    const key = `${item.pointer}\u0000${item.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}
