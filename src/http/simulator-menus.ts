/**
 * The rich menus as the simulator shows them: the committed images from `richmenu/images/` and
 * the tap areas computed from the same definitions and layout the deployer uploads to LINE, so
 * what a tester taps in the browser is exactly what a resident's tap would send.
 */
import { fileURLToPath } from "node:url";
import { MENUS, menuByKey } from "../richmenu/definitions.js";
import { layoutMenu } from "../richmenu/layout.js";
import { richMenuRequest } from "../richmenu/rich-menu-request.js";
import type { SimulatorMenu } from "./simulator.js";

/** Where `npm run richmenu -- render` writes `<key>.png` (committed). */
export const RICH_MENU_IMAGE_DIR = fileURLToPath(new URL("../../richmenu/images/", import.meta.url));

/** Every defined menu with its image URL (relative to /simulator/) and areas; the default is the main menu. */
export function simulatorMenus(): { menus: SimulatorMenu[]; defaultAliasId: string } {
  const menus = MENUS.map((def): SimulatorMenu => {
    const req = richMenuRequest(layoutMenu(def));
    return {
      aliasId: def.alias,
      name: def.key,
      size: req.size,
      imageUrl: `richmenu/${def.key}.png`,
      areas: req.areas.map((a) => ({
        bounds: a.bounds,
        action: a.action,
      })),
    };
  });
  return { menus, defaultAliasId: menuByKey("main").alias };
}
