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
  const real = (): T => {
    if (schema === undefined) {
      schema = build();
      built++;
    }
    return schema;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

let built = 0;

/**
 * How many wrapped schemas this module instance has built: a test imports a webhook instance's
 * start-up modules in a fresh module registry and expects none (test/unit/knowledge/known-wards.test.ts).
 */
export function lazySchemasBuilt(): number {
  return built;
}
