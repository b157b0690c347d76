/**
 * Checks that what we send to LINE is a valid LINE message / rich menu: the official OpenAPI
 * document (`test/fixtures/line-openapi/messaging-api.yml`, converted by `openapi-schemas.ts`) plus
 * the platform limits the document leaves out (`platform-limits.ts`). Used by the tests, the fake
 * LINE API and the benchmarks; the compiled validator is cached per spec directory.
 */
import { resolve } from "node:path";
import type { ValidateFunction } from "ajv/dist/2019.js";
import {
  DEFAULT_SPEC_DIR,
  fromAjv,
  isObj,
  openApiAjv,
  readSchemas,
  type LineValidationError,
} from "./openapi-schemas.js";
import { checkMessageLimits, checkRichMenuLimits, LINE_LIMITS } from "../../src/line/platform-limits.js";

export type SendContext = "reply" | "push" | "multicast";

export interface LineValidator {
  /** Validates the `messages` array of a reply / push / multicast request. */
  validateMessages(messages: unknown, options?: { context?: SendContext }): LineValidationError[];
  /** Validates a whole request body (`ReplyMessageRequest`, `PushMessageRequest`, `MulticastRequest`). */
  validateRequest(context: SendContext, body: unknown): LineValidationError[];
  /** Validates a rich menu against `RichMenuRequest` and LINE's rich menu rules. */
  validateRichMenu(request: unknown): LineValidationError[];
}

const SCHEMA_ID = "line-messaging-api.json";
const ref = (name: string): { $ref: string } => ({ $ref: `${SCHEMA_ID}#/components/schemas/${name}` });

interface Compiled {
  messages: ValidateFunction;
  requests: Record<SendContext, ValidateFunction>;
  richMenu: ValidateFunction;
}

const cache = new Map<string, Compiled>();

function compile(specDir: string, unknownProperties: boolean): Compiled {
  const cacheKey = `${specDir}\u0000${unknownProperties}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const ajv = openApiAjv(readSchemas(resolve(specDir, "messaging-api.yml")), SCHEMA_ID, unknownProperties);
  const compiled: Compiled = {
    messages: ajv.compile({
      type: "array",
      minItems: 1,
      maxItems: LINE_LIMITS.messagesPerRequest,
      items: ref("Message"),
    }),
    requests: {
      reply: ajv.compile(ref("ReplyMessageRequest")),
      push: ajv.compile(ref("PushMessageRequest")),
      multicast: ajv.compile(ref("MulticastRequest")),
    },
    richMenu: ajv.compile(ref("RichMenuRequest")),
  };
  cache.set(cacheKey, compiled);
  return compiled;
}

export interface LineValidatorOptions {
  /** Accept properties the OpenAPI document does not define (default false: they are errors). */
  allowUnknownProperties?: boolean;
}

/**
 * Builds a validator over LINE's OpenAPI document in `specDir` (default: test/fixtures/line-openapi). Compilation is cached per directory and options.
 */
export function createLineValidator(
  specDir: string = DEFAULT_SPEC_DIR,
  options: LineValidatorOptions = {},
): LineValidator {
  const compiled = compile(resolve(specDir), options.allowUnknownProperties ?? false);
  return {
    validateMessages(messages) {
      const ok = compiled.messages(messages);
      const errors = ok ? [] : fromAjv(compiled.messages.errors);
      return [...errors, ...checkMessageLimits(messages, "")];
    },
    validateRequest(context, body) {
      const fn = compiled.requests[context];
      const errors = fn(body) ? [] : fromAjv(fn.errors);
      if (isObj(body)) {
        if (context === "multicast" && Array.isArray(body.to)) {
          body.to.forEach((to, i) => {
            if (typeof to !== "string" || to.length === 0)
              errors.push({ pointer: `/to/${i}`, message: "must be a user ID" });
          });
        }
        errors.push(...checkMessageLimits(body.messages, "/messages"));
      }
      return errors;
    },
    validateRichMenu(request) {
      const errors = compiled.richMenu(request) ? [] : fromAjv(compiled.richMenu.errors);
      return [...errors, ...checkRichMenuLimits(request)];
    },
  };
}

/** Formats errors one per line, for exceptions and CLI output. */
export function formatLineErrors(errors: LineValidationError[]): string {
  return errors.map((e) => `${e.pointer || "/"}: ${e.message}`).join("\n");
}
