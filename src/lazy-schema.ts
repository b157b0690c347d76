/**
 * A zod schema built the first time something touches it, not when its module is imported.
 *
 * A new instance of the webhook imports every module that declares a schema — knowledge files,
 * notices, bulletins — and zod 4 builds each `.min()`, `.nullable()`, `.strict()` as a new
 * schema: some 200 of them, a sizeable share of a cold start's module evaluation (issue 14,
 * docs/benchmarks.md). The knowledge files an instance reads are checked at build time (their
 * digests, src/knowledge/checked-file.ts) and staff input arrives later, so most instances never
 * parse with most schemas. Wrapped, a schema is the same object to every caller (same type, same
 * methods, composes into other schemas); it is built on the first property read, so a file that
 * does need checking is checked by exactly the schema written here.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let schema: T | undefined;
  const proxy = new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
  unbuilt.set(proxy, () => schema === undefined);
  const real = (): T => {
    if (schema === undefined) {
      schema = build();
      built++;
    }
    return schema;
  };
  return proxy;
}

let built = 0;
/** Each wrapped schema, with whether it is still unbuilt (read without building it). */
const unbuilt = new WeakMap<object, () => boolean>();

/**
 * Whether `value` is a wrapped schema not built yet: false once something touched it, and for
 * anything not made by {@link lazySchema} (a test names the schemas that must wait for first use).
 */
export function isUnbuiltLazySchema(value: unknown): boolean {
  return typeof value === "object" && value !== null && (unbuilt.get(value)?.() ?? false);
}

/**
 * How many wrapped schemas this module instance has built: a test imports a webhook instance's
 * start-up modules in a fresh module registry and expects none (test/unit/knowledge/known-wards.test.ts).
 */
export function lazySchemasBuilt(): number {
  return built;
}
