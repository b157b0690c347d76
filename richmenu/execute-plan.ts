/**
 * Carries out a deploy plan against the rich menu port, in plan order, reporting each step.
 * A created menu whose image upload fails is deleted again, so a failed run leaves no half-made
 * menu behind; any other failure stops the run, and running again picks up where it stopped
 * (the planner sees what already exists).
 */
import type { BuiltMenu } from "./build-menus.js";
import type { MenuKey } from "../src/richmenu/definitions.js";
import type { DeployAction, DeployPlan } from "./plan-deploy.js";
import type { BatchOperation, DeployApi } from "./deploy-api.js";

/** LINE rejects rich menu images over 1 MB. */
export const MAX_IMAGE_BYTES = 1024 * 1024;

/** One line describing an action, for `--dry-run` and the run log. */
export function describeAction(a: DeployAction): string {
  switch (a.op) {
    case "reuse-menu":
      return `keep    menu ${a.key}: ${a.name} (${a.richMenuId}) is up to date`;
    case "create-menu":
      return `create  menu ${a.key}: ${a.name} and upload its image`;
    case "create-alias":
      return `create  alias ${a.aliasId} → menu ${a.target.key}`;
    case "update-alias":
      return `update  alias ${a.aliasId} → menu ${a.target.key} (was ${a.from})`;
    case "set-default":
      return `set     default menu → ${a.target.key}${a.from ? ` (was ${a.from})` : ""}`;
    case "relink-users":
      return `relink  residents on ${a.from} → menu ${a.target.key}`;
    case "unlink-users":
      return `unlink  residents on ${a.from} (they see the default menu)`;
    case "unlink-all-users":
      return "unlink  every per-user menu so every resident sees the new default";
    case "delete-alias":
      return `delete  alias ${a.aliasId} (no longer defined)`;
    case "delete-menu":
      return `delete  menu ${a.name} (${a.richMenuId}): ${a.reason}`;
  }
}

export interface ExecuteResult {
  ids: Partial<Record<MenuKey, string>>;
  created: string[];
  deleted: string[];
  batchRequestId: string | null;
}

/** Executes a plan. `log` receives one line per step done. */
export async function executePlan(
  plan: DeployPlan,
  built: readonly BuiltMenu[],
  api: DeployApi,
  log: (line: string) => void,
): Promise<ExecuteResult> {
  const ids: Partial<Record<MenuKey, string>> = { ...plan.reused };
  const result: ExecuteResult = { ids, created: [], deleted: [], batchRequestId: null };
  const idOf = (key: MenuKey): string => {
    const id = ids[key];
    if (!id) throw new Error(`internal: menu ${key} has no id yet (plan order is wrong)`);
    return id;
  };
  const batch: BatchOperation[] = [];
  const flushBatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    result.batchRequestId = await api.batch(batch.splice(0));
    log(`        batch request id: ${result.batchRequestId ?? "(none returned)"}`);
  };

  for (const a of plan.actions) {
    if (a.op !== "relink-users" && a.op !== "unlink-users" && a.op !== "unlink-all-users") await flushBatch();
    switch (a.op) {
      case "reuse-menu":
        continue;
      case "create-menu": {
        const menu = built.find((b) => b.key === a.key);
        if (!menu) throw new Error(`internal: menu ${a.key} was planned but not built`);
        if (menu.png.length > MAX_IMAGE_BYTES) {
          throw new Error(
            `the image of menu ${a.key} is ${menu.png.length} bytes; LINE accepts at most 1 MB. ` +
              "Simplify its drawing (richmenu/icons.ts, richmenu/menu-svg.ts) and run `npm run richmenu -- render`.",
          );
        }
        const id = await api.create(menu.request);
        try {
          await api.uploadImage(id, menu.png, "image/png");
        } catch (e) {
          await api.delete(id).catch(() => undefined);
          throw e;
        }
        ids[a.key] = id;
        result.created.push(id);
        break;
      }
      case "create-alias":
        await api.createAlias(a.aliasId, idOf(a.target.key));
        break;
      case "update-alias":
        await api.updateAlias(a.aliasId, idOf(a.target.key));
        break;
      case "set-default":
        await api.setDefault(idOf(a.target.key));
        break;
      case "relink-users":
        batch.push({ type: "link", from: a.from, to: idOf(a.target.key) });
        break;
      case "unlink-users":
        batch.push({ type: "unlink", from: a.from });
        break;
      case "unlink-all-users":
        batch.push({ type: "unlinkAll" });
        break;
      case "delete-alias":
        await api.deleteAlias(a.aliasId);
        break;
      case "delete-menu":
        await api.delete(a.richMenuId);
        result.deleted.push(a.richMenuId);
        break;
    }
    log(describeAction(a) + (a.op === "create-menu" ? ` → ${ids[a.key]}` : ""));
  }
  await flushBatch();
  return result;
}
