/**
 * The port the deployer talks to: the part of the rich menu client (`src/line/rich-menu-api.ts`)
 * it uses, so tests can hand it a smaller fake, and `readRemoteState`, which reads what is on LINE.
 */
import {
  createRichMenuApi,
  type BatchOperation,
  type RichMenuApi,
  type RichMenuApiOptions,
} from "../src/line/rich-menu-api.js";
import type { RemoteState } from "./plan-deploy.js";

export type { BatchOperation };

/** What the deployer needs from LINE. */
export type DeployApi = Pick<
  RichMenuApi,
  | "list"
  | "create"
  | "uploadImage"
  | "hasImage"
  | "delete"
  | "setDefault"
  | "getDefault"
  | "listAliases"
  | "createAlias"
  | "updateAlias"
  | "deleteAlias"
  | "batch"
>;

/** Wires the deploy port: the rich menu client itself. */
export function createDeployApi(opts: RichMenuApiOptions): DeployApi {
  return createRichMenuApi(opts);
}

/** Reads everything the planner needs; images are checked only for menus `isOurs` accepts. */
export async function readRemoteState(
  api: DeployApi,
  isOurs: (name: string) => boolean,
): Promise<RemoteState> {
  const [menus, aliases, defaultRichMenuId] = await Promise.all([
    api.list(),
    api.listAliases(),
    api.getDefault(),
  ]);
  const withImages = await Promise.all(
    menus.map(async (m) => ({
      richMenuId: m.richMenuId,
      name: m.name,
      hasImage: isOurs(m.name) ? await api.hasImage(m.richMenuId) : true,
    })),
  );
  return {
    menus: withImages,
    aliases: aliases.map((a) => ({ richMenuAliasId: a.richMenuAliasId, richMenuId: a.richMenuId })),
    defaultRichMenuId,
  };
}
