/**
 * A button tap: the `v1:` postback parsed into an action and answered by the one dispatch that
 * also answers typed text. An outdated or unknown payload gets 「メニューが新しくなりました」.
 */
import { postbackCodec } from "../../postback.js";
import type { Message } from "../../replies/flex/parts.js";
import { fromPostback } from "../actions.js";
import type { Ctx } from "../context.js";
import { dispatch } from "../dispatch.js";

/** A button tap → the reply messages (none for a rich-menu tab switch). */
export function handlePostback(ctx: Ctx, data: unknown): Promise<Message[]> {
  return dispatch(ctx, fromPostback(postbackCodec(ctx.deps.wards).parse(data)));
}
