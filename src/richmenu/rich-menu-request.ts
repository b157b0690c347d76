/**
 * The LINE `RichMenuRequest` for a laid-out menu: one area per button (its tap rectangle) and one
 * `richmenuswitch` area per inactive tab. Built from the same layout as the image.
 */
import type { messagingApi } from "@line/bot-sdk";
import { encodePostback } from "../postback.js";
import { menuByKey, type MenuAction } from "./definitions.js";
import type { MenuLayout } from "./layout.js";

/** A rich menu request without its name (the name carries the content hash, added by `build-menus.ts`). */
export interface UnnamedRichMenuRequest {
  size: { width: number; height: number };
  selected: boolean;
  chatBarText: string;
  areas: MenuArea[];
}

/** A tap area with everything set (the SDK type leaves both fields optional). */
export interface MenuArea {
  bounds: { x: number; y: number; width: number; height: number };
  action: messagingApi.Action;
}

function lineAction(action: MenuAction, label: string): messagingApi.Action {
  const data = encodePostback(action.postback);
  if (action.type === "switch") {
    return { type: "richmenuswitch", label, richMenuAliasId: menuByKey(action.to).alias, data };
  }
  // displayText shows the tap as the resident's own message, so the reply below it has context.
  return { type: "postback", label, data, displayText: label };
}

/** Builds the request body for `POST /v2/bot/richmenu` (name excluded). Pure. */
export function richMenuRequest(layout: MenuLayout): UnnamedRichMenuRequest {
  const areas: MenuArea[] = [];
  for (const t of layout.tabs) {
    if (t.active) continue;
    areas.push({
      bounds: { ...t.rect },
      action: lineAction({ type: "switch", to: t.tab.menu, postback: t.tab.postback }, t.tab.a11y),
    });
  }
  for (const b of layout.buttons) {
    areas.push({ bounds: { ...b.tap }, action: lineAction(b.button.action, b.button.a11y) });
  }
  return {
    size: { ...layout.size },
    // Open by default: the menu is these residents' whole interface.
    selected: true,
    chatBarText: layout.def.chatBarText,
    areas,
  };
}
