/**
 * Who is acting, and what their token lets them do: a ward-scoped token edits and sends for its
 * ward only; a city-wide token does everything. Pure checks; tokens are resolved in http/.
 */
import type * as z from "zod";
import type { Ward } from "../knowledge/schema.js";

export interface Staff {
  /** The name the audit log shows (a token's name, 「ADMIN_TOKENS」, 「CLI」). */
  name: string;
  scope: { kind: "city" } | { kind: "ward"; ward: Ward };
}

/** A command-line or environment-token user: city-wide. */
export const cityStaff = (name: string): Staff => ({ name, scope: { kind: "city" } });

/** True when the staff member may act for this ward (null: a city-wide matter). */
export function mayActFor(staff: Staff, ward: Ward | null): boolean {
  if (staff.scope.kind === "city") return true;
  return ward !== null && staff.scope.ward === ward;
}

/** The ward a ward-scoped token is limited to, or null for city-wide. */
export const staffWard = (staff: Staff): Ward | null =>
  staff.scope.kind === "ward" ? staff.scope.ward : null;

/** Why something was refused, with an HTTP status; the message is the Japanese staff read. */
export class CatalogueError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
    readonly issues: Array<{ row?: number; column?: string | null; path?: string; message: string }> = [],
  ) {
    super(message);
    this.name = "CatalogueError";
  }
}

/** `value` parsed by `schema`, or a 400 CatalogueError listing each field's problem. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new CatalogueError(
      400,
      "invalid",
      "入力を確かめてください。",
      r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  return r.data;
}
