/**
 * The deploy planner: current state on LINE + the built menus → an ordered list of actions.
 * Pure, so every case (first deploy, re-deploy, changed menu, broken upload, disaster switch) is
 * a unit test, and `--dry-run` prints exactly what a real run would do.
 *
 * Ownership: only menus whose name matches `kmzmenu-<key>-<hash>` and aliases starting with
 * `kmz-` are ever changed or deleted; anything made by hand or by another tool is left alone.
 *
 * Modes: in "disaster" mode the default menu is the disaster menu and the `main` alias (target of
 * the settings tab's 「メニュー」) points to it too, so nobody can tab back to the everyday menu.
 * The current mode is read from LINE (which menu is the default), so a re-deploy keeps it.
 */
import { keyOfName, NAME_PREFIX } from "./build-menus.js";
import type { MenuKey } from "../src/richmenu/definitions.js";

/** LINE allows at most 1,000 rich menus per channel. */
export const MAX_MENUS = 1000;
/** Aliases this tool owns. */
export const ALIAS_PREFIX = "kmz-";

export type Mode = "normal" | "disaster";

/** What is on LINE now. `hasImage` matters only for our own menus. */
export interface RemoteState {
  menus: { richMenuId: string; name: string; hasImage: boolean }[];
  aliases: { richMenuAliasId: string; richMenuId: string }[];
  defaultRichMenuId: string | null;
}

/** The part of a built menu the planner needs. */
export interface DesiredMenu {
  key: MenuKey;
  alias: string;
  name: string;
}

/** A menu referred to by key: resolved to the reused id, or the id of the menu created earlier in the run. */
export interface MenuRef {
  key: MenuKey;
}

export type DeployAction =
  | { op: "reuse-menu"; key: MenuKey; name: string; richMenuId: string }
  | { op: "create-menu"; key: MenuKey; name: string }
  | { op: "create-alias"; aliasId: string; target: MenuRef }
  | { op: "update-alias"; aliasId: string; target: MenuRef; from: string }
  | { op: "set-default"; target: MenuRef; from: string | null }
  | { op: "relink-users"; from: string; target: MenuRef }
  | { op: "unlink-users"; from: string }
  | { op: "unlink-all-users" }
  | { op: "delete-alias"; aliasId: string }
  | { op: "delete-menu"; richMenuId: string; name: string; reason: string };

export interface DeployPlan {
  mode: Mode;
  previousMode: Mode;
  actions: DeployAction[];
  /** Menu ids known before the run (reused menus). */
  reused: Partial<Record<MenuKey, string>>;
}

export interface PlanOptions {
  /** Force a mode (`disaster on|off`); omitted → keep the current one. */
  mode?: Mode;
  /**
   * On a mode change, unlink every per-user rich menu so the new default reaches everyone.
   * Tab switching (`richmenuswitch`) links menus per user, and per-user links outrank the default.
   */
  unlinkUsersOnModeChange?: boolean;
}

/** Thrown when the plan cannot be carried out; the message says what to do. */
export class DeployPlanError extends Error {
  override name = "DeployPlanError";
}

/** Reads the mode from the current default menu. */
export function currentMode(state: RemoteState): Mode {
  const def = state.menus.find((m) => m.richMenuId === state.defaultRichMenuId);
  return def && keyOfName(def.name) === "disaster" ? "disaster" : "normal";
}

/** Which menu an alias should point to in a mode. */
function aliasTarget(key: MenuKey, mode: Mode, defined: Set<MenuKey>): MenuKey {
  return mode === "disaster" && key === "main" && defined.has("disaster") ? "disaster" : key;
}

/** Plans a deploy. Pure; throws `DeployPlanError` when LINE's limits would be exceeded. */
export function planDeploy(
  state: RemoteState,
  desired: readonly DesiredMenu[],
  opts: PlanOptions = {},
): DeployPlan {
  const previousMode = currentMode(state);
  const mode = opts.mode ?? previousMode;
  const defined = new Set(desired.map((d) => d.key));
  if (mode === "disaster" && !defined.has("disaster")) {
    throw new DeployPlanError(
      'no "disaster" menu is defined in src/richmenu/definitions.ts, so disaster mode cannot be set',
    );
  }
  const actions: DeployAction[] = [];
  const reused: Partial<Record<MenuKey, string>> = {};
  const keep = new Set<string>();

  for (const d of desired) {
    const same = state.menus.find((m) => m.name === d.name && m.hasImage && !keep.has(m.richMenuId));
    if (same) {
      reused[d.key] = same.richMenuId;
      keep.add(same.richMenuId);
      actions.push({ op: "reuse-menu", key: d.key, name: d.name, richMenuId: same.richMenuId });
    } else {
      actions.push({ op: "create-menu", key: d.key, name: d.name });
    }
  }
  const creates = actions.filter((a) => a.op === "create-menu").length;
  if (state.menus.length + creates > MAX_MENUS) {
    const ours = state.menus.filter((m) => m.name.startsWith(NAME_PREFIX)).length;
    throw new DeployPlanError(
      `LINE allows ${MAX_MENUS} rich menus per channel; ${state.menus.length} exist (${ours} made by this tool) ` +
        `and ${creates} would be created. Delete unused menus (npm run richmenu -- list) and run again.`,
    );
  }

  const idOf = (key: MenuKey): string | undefined => reused[key];
  const sameTarget = (current: string, key: MenuKey): boolean => idOf(key) === current;

  // Aliases: create missing ones, repoint those that differ.
  for (const d of desired) {
    const targetKey = aliasTarget(d.key, mode, defined);
    const existing = state.aliases.find((a) => a.richMenuAliasId === d.alias);
    if (!existing) actions.push({ op: "create-alias", aliasId: d.alias, target: { key: targetKey } });
    else if (!sameTarget(existing.richMenuId, targetKey))
      actions.push({
        op: "update-alias",
        aliasId: d.alias,
        target: { key: targetKey },
        from: existing.richMenuId,
      });
  }

  const defaultKey: MenuKey = mode === "disaster" ? "disaster" : "main";
  if (
    defined.has(defaultKey) &&
    (state.defaultRichMenuId === null || !sameTarget(state.defaultRichMenuId, defaultKey))
  ) {
    actions.push({ op: "set-default", target: { key: defaultKey }, from: state.defaultRichMenuId });
  }

  // Our menus that are going away: move residents linked to them (by tab switching) to the replacement.
  const obsolete = state.menus.filter((m) => keyOfName(m.name) !== null && !keep.has(m.richMenuId));
  const modeChanged = mode !== previousMode;
  const unlinkAll = modeChanged && (opts.unlinkUsersOnModeChange ?? true);
  if (!unlinkAll) {
    for (const m of obsolete) {
      const key = keyOfName(m.name) as MenuKey;
      if (defined.has(key)) {
        actions.push({
          op: "relink-users",
          from: m.richMenuId,
          target: { key: aliasTarget(key, mode, defined) },
        });
      } else {
        actions.push({ op: "unlink-users", from: m.richMenuId });
      }
    }
  }
  if (unlinkAll) actions.push({ op: "unlink-all-users" });

  const wantedAliases = new Set(desired.map((d) => d.alias));
  for (const a of state.aliases) {
    if (a.richMenuAliasId.startsWith(ALIAS_PREFIX) && !wantedAliases.has(a.richMenuAliasId)) {
      actions.push({ op: "delete-alias", aliasId: a.richMenuAliasId });
    }
  }
  for (const m of obsolete) {
    const key = keyOfName(m.name) as MenuKey;
    const reason = !defined.has(key)
      ? "no longer defined"
      : desired.some((d) => d.name === m.name)
        ? m.hasImage
          ? "duplicate"
          : "image missing (an earlier run stopped half-way)"
        : "replaced by a newer version";
    actions.push({ op: "delete-menu", richMenuId: m.richMenuId, name: m.name, reason });
  }
  return { mode, previousMode, actions, reused };
}

/** True when the plan changes nothing on LINE. */
export const isNoop = (plan: DeployPlan): boolean => plan.actions.every((a) => a.op === "reuse-menu");
