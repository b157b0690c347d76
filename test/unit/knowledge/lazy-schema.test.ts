/**
 * Schemas built on first use (src/lazy-schema.ts): a webhook instance imports every module that
 * declares one, and building them all was a share of each cold start (issue 14). They must
 * behave as the schemas they wrap — same answers, same errors, composed into other schemas —
 * and a damaged knowledge file must still be refused (also test/unit/knowledge/checked-file.test.ts).
 */
import { types } from "node:util";
import * as z from "zod";
import { describe, expect, it } from "vitest";
import { lazySchema } from "../../../src/lazy-schema.js";
import * as schema from "../../../src/knowledge/schema.js";
import * as wards from "../../../src/knowledge/wards.js";
import * as gazetteer from "../../../src/knowledge/gazetteer.js";
import * as offices from "../../../src/knowledge/offices.js";
import * as vocabulary from "../../../src/knowledge/vocabulary.js";
import * as notice from "../../../src/notices/notice.js";
import * as bulletin from "../../../src/bulletin/bulletin.js";

describe("lazySchema", () => {
  it("builds the schema on the first touch, once", () => {
    let built = 0;
    const s = lazySchema(() => {
      built++;
      return z.object({ n: z.number().int().min(1) }).strict();
    });
    expect(built).toBe(0);
    expect(s.parse({ n: 2 })).toEqual({ n: 2 });
    expect(s.safeParse({ n: 0 }).success).toBe(false);
    expect(built).toBe(1);
  });

  it("answers as the schema it wraps, alone and inside other schemas (values, errors, refinements)", () => {
    const build = () =>
      z
        .object({ ward: z.string().min(1), n: z.number().int().nonnegative().nullable() })
        .strict()
        .superRefine((v, ctx) => {
          if (v.ward === "x") ctx.addIssue({ code: "custom", message: "no x" });
        });
    const eager = build();
    const lazy = lazySchema(build);
    const outerEager = z.object({ list: z.array(eager).min(1), opt: eager.optional() });
    const outerLazy = lazySchema(() => z.object({ list: z.array(lazy).min(1), opt: lazy.optional() }));
    const inputs: unknown[] = [
      { ward: "東区", n: 3 },
      { ward: "", n: 3 },
      { ward: "x", n: null },
      { ward: "東区", n: -1, extra: 1 },
      "not an object",
    ];
    for (const input of inputs) {
      expect(lazy.safeParse(input)).toEqual(eager.safeParse(input));
      for (const outer of [{ list: [input] }, { list: [], opt: input }, { list: [input, input], opt: input }])
        expect(outerLazy.safeParse(outer)).toEqual(outerEager.safeParse(outer));
    }
  });

  it("is what the modules a webhook instance imports declare (none is built at import)", () => {
    const exported = [schema, wards, gazetteer, offices, vocabulary, notice, bulletin].flatMap((m) =>
      Object.entries(m).filter(([name]) => name.endsWith("Schema")),
    );
    expect(exported.length).toBeGreaterThan(15);
    for (const [name, value] of exported) expect(types.isProxy(value), name).toBe(true);
  });
});
