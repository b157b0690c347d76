/**
 * Turns the definitions into what the deployer uploads: the request body, the PNG and a name that
 * carries a hash of both. Same definitions → same name, so a re-deploy recognises its own menus
 * and creates nothing; any change to areas, text or pixels → a new name → a new menu.
 */
import { createHash } from "node:crypto";
import { MENUS, type MenuDef, type MenuKey } from "../src/richmenu/definitions.js";
import { layoutMenu } from "../src/richmenu/layout.js";
import { menuSvg } from "./menu-svg.js";
import { renderPng } from "./render-png.js";
import { richMenuRequest, type UnnamedRichMenuRequest } from "../src/richmenu/rich-menu-request.js";

/** Every menu this tool makes has a name starting with this; others are never touched. */
export const NAME_PREFIX = "kmzmenu-";

/** A menu ready to deploy. */
export interface BuiltMenu {
  key: MenuKey;
  alias: string;
  /** `kmzmenu-<key>-<hash12>`. */
  name: string;
  hash: string;
  request: UnnamedRichMenuRequest & { name: string };
  png: Buffer;
}

/** Name of a menu from its key and content hash. */
export const menuName = (key: MenuKey, hash: string): string => `${NAME_PREFIX}${key}-${hash}`;

/** The key encoded in one of our names, or null for a menu this tool did not make. */
export function keyOfName(name: string): string | null {
  const m = /^kmzmenu-([a-z]+)-[0-9a-f]{12}$/.exec(name);
  return m?.[1] ?? null;
}

/** Content hash over the request body (canonical JSON) and the image bytes. */
export function contentHash(request: UnnamedRichMenuRequest, png: Buffer): string {
  return createHash("sha256").update(JSON.stringify(request)).update(png).digest("hex").slice(0, 12);
}

/** Builds one menu (renders its PNG). */
export function buildMenu(def: MenuDef): BuiltMenu {
  const layout = layoutMenu(def);
  const req = richMenuRequest(layout);
  const png = renderPng(menuSvg(layout));
  const hash = contentHash(req, png);
  const name = menuName(def.key, hash);
  return { key: def.key, alias: def.alias, name, hash, request: { ...req, name }, png };
}

/** Builds every defined menu. */
export function buildMenus(defs: readonly MenuDef[] = MENUS): BuiltMenu[] {
  return defs.map(buildMenu);
}
