/**
 * Test helpers that hold a message or rich menu to LINE's official schema and platform limits.
 * Use them on everything a builder produces: `expectValidLineMessages(reply.messages)`.
 */
import {
  createLineValidator,
  formatLineErrors,
  type LineValidator,
  type SendContext,
} from "../line-schema/line-validator.js";

let validator: LineValidator | null = null;
// Compiling the OpenAPI document takes a few hundred ms: do it once per test file.
const get = (): LineValidator => (validator ??= createLineValidator());

/** Throws, listing every problem, unless `messages` is a valid `messages` array for LINE. */
export function expectValidLineMessages(messages: unknown, context: SendContext = "reply"): void {
  const errors = get().validateMessages(messages, { context });
  if (errors.length > 0) {
    throw new Error(
      `Not a valid LINE messages array (${errors.length} problems):\n${formatLineErrors(errors)}`,
    );
  }
}

/** Throws, listing every problem, unless `request` is a valid rich menu for LINE. */
export function expectValidRichMenu(request: unknown): void {
  const errors = get().validateRichMenu(request);
  if (errors.length > 0) {
    throw new Error(`Not a valid LINE rich menu (${errors.length} problems):\n${formatLineErrors(errors)}`);
  }
}
