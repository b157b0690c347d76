/** planDeploy: the idempotent plan from what is on LINE to the desired menus, aliases, default and disaster mode. */
import { describe, expect, it } from "vitest";
import { menuName } from "../../../richmenu/build-menus.js";
import type { MenuKey } from "../../../src/richmenu/definitions.js";
import {
  currentMode,
  DeployPlanError,
  isNoop,
  MAX_MENUS,
  planDeploy,
  type DeployAction,
  type DesiredMenu,
  type RemoteState,
} from "../../../richmenu/plan-deploy.js";

const h = (c: string): string => c.repeat(12);
const desired: DesiredMenu[] = [
  { key: "main", alias: "kmz-main", name: menuName("main", h("a")) },
  { key: "settings", alias: "kmz-settings", name: menuName("settings", h("b")) },
  { key: "disaster", alias: "kmz-disaster", name: menuName("disaster", h("c")) },
];
const ids: Record<MenuKey, string> = { main: "rm-main", settings: "rm-settings", disaster: "rm-disaster" };

/** The state right after a successful deploy of `desired` in a mode. */
function deployed(mode: "normal" | "disaster" = "normal"): RemoteState {
  return {
    menus: desired.map((d) => ({ richMenuId: ids[d.key], name: d.name, hasImage: true })),
    aliases: [
      { richMenuAliasId: "kmz-main", richMenuId: mode === "disaster" ? ids.disaster : ids.main },
      { richMenuAliasId: "kmz-settings", richMenuId: ids.settings },
      { richMenuAliasId: "kmz-disaster", richMenuId: ids.disaster },
    ],
    defaultRichMenuId: mode === "disaster" ? ids.disaster : ids.main,
  };
}
const empty: RemoteState = { menus: [], aliases: [], defaultRichMenuId: null };
const ops = (actions: DeployAction[]): string[] => actions.map((a) => a.op);

describe("planDeploy", () => {
  it("first deploy: creates every menu, every alias and sets the main menu as default", () => {
    const plan = planDeploy(empty, desired);
    expect(plan.mode).toBe("normal");
    expect(plan.actions).toEqual([
      { op: "create-menu", key: "main", name: desired[0]!.name },
      { op: "create-menu", key: "settings", name: desired[1]!.name },
      { op: "create-menu", key: "disaster", name: desired[2]!.name },
      { op: "create-alias", aliasId: "kmz-main", target: { key: "main" } },
      { op: "create-alias", aliasId: "kmz-settings", target: { key: "settings" } },
      { op: "create-alias", aliasId: "kmz-disaster", target: { key: "disaster" } },
      { op: "set-default", target: { key: "main" }, from: null },
    ]);
    expect(isNoop(plan)).toBe(false);
  });

  it("re-deploy of the same definitions changes nothing", () => {
    const plan = planDeploy(deployed(), desired);
    expect(ops(plan.actions)).toEqual(["reuse-menu", "reuse-menu", "reuse-menu"]);
    expect(isNoop(plan)).toBe(true);
    expect(plan.reused).toEqual(ids);
  });

  it("a changed menu: creates the new version, repoints its alias, moves its residents, deletes the old one", () => {
    const changed = desired.map((d) =>
      d.key === "settings" ? { ...d, name: menuName("settings", h("d")) } : d,
    );
    const plan = planDeploy(deployed(), changed);
    expect(plan.actions.filter((a) => a.op !== "reuse-menu")).toEqual([
      { op: "create-menu", key: "settings", name: menuName("settings", h("d")) },
      { op: "update-alias", aliasId: "kmz-settings", target: { key: "settings" }, from: ids.settings },
      { op: "relink-users", from: ids.settings, target: { key: "settings" } },
      {
        op: "delete-menu",
        richMenuId: ids.settings,
        name: menuName("settings", h("b")),
        reason: "replaced by a newer version",
      },
    ]);
  });

  it("a changed default menu is set as the new default", () => {
    const changed = desired.map((d) => (d.key === "main" ? { ...d, name: menuName("main", h("e")) } : d));
    const plan = planDeploy(deployed(), changed);
    expect(plan.actions).toContainEqual({ op: "set-default", target: { key: "main" }, from: ids.main });
  });

  it("never touches menus or aliases it did not make", () => {
    const state = deployed();
    state.menus.push({ richMenuId: "rm-hand", name: "秋祭りメニュー", hasImage: false });
    state.menus.push({ richMenuId: "rm-other", name: "kmzmenu-main-nothex", hasImage: true });
    state.aliases.push({ richMenuAliasId: "autumn", richMenuId: "rm-hand" });
    const plan = planDeploy(state, desired);
    expect(isNoop(plan)).toBe(true);
  });

  it("deletes its own menus and aliases that are no longer defined and unlinks their residents", () => {
    const state = deployed();
    state.menus.push({
      richMenuId: "rm-old",
      name: menuName("main", h("f")).replace("main", "kids"),
      hasImage: true,
    });
    state.aliases.push({ richMenuAliasId: "kmz-kids", richMenuId: "rm-old" });
    const plan = planDeploy(state, desired);
    expect(plan.actions.filter((a) => a.op !== "reuse-menu")).toEqual([
      { op: "unlink-users", from: "rm-old" },
      { op: "delete-alias", aliasId: "kmz-kids" },
      {
        op: "delete-menu",
        richMenuId: "rm-old",
        name: "kmzmenu-kids-ffffffffffff",
        reason: "no longer defined",
      },
    ]);
  });

  it("a menu left without its image by an interrupted run is recreated and the broken one deleted", () => {
    const state = deployed();
    state.menus[1] = { ...state.menus[1]!, hasImage: false };
    const plan = planDeploy(state, desired);
    const ops2 = plan.actions.filter((a) => a.op !== "reuse-menu");
    expect(ops2[0]).toEqual({ op: "create-menu", key: "settings", name: desired[1]!.name });
    expect(ops2).toContainEqual({
      op: "update-alias",
      aliasId: "kmz-settings",
      target: { key: "settings" },
      from: ids.settings,
    });
    expect(ops2.at(-1)).toMatchObject({
      op: "delete-menu",
      richMenuId: ids.settings,
      reason: expect.stringMatching(/image missing/),
    });
  });

  it("a duplicate of a current menu (two runs at once) is deleted, one copy kept", () => {
    const state = deployed();
    state.menus.push({ richMenuId: "rm-main-2", name: desired[0]!.name, hasImage: true });
    const plan = planDeploy(state, desired);
    expect(plan.reused.main).toBe(ids.main);
    expect(plan.actions.at(-1)).toMatchObject({
      op: "delete-menu",
      richMenuId: "rm-main-2",
      reason: "duplicate",
    });
  });

  it("disaster on: default and the main alias point to the disaster menu; every per-user link is cleared", () => {
    const plan = planDeploy(deployed(), desired, { mode: "disaster" });
    expect(plan.previousMode).toBe("normal");
    expect(plan.actions.filter((a) => a.op !== "reuse-menu")).toEqual([
      { op: "update-alias", aliasId: "kmz-main", target: { key: "disaster" }, from: ids.main },
      { op: "set-default", target: { key: "disaster" }, from: ids.main },
      { op: "unlink-all-users" },
    ]);
  });

  it("disaster on with --keep-user-links leaves per-user links alone", () => {
    const plan = planDeploy(deployed(), desired, { mode: "disaster", unlinkUsersOnModeChange: false });
    expect(ops(plan.actions)).not.toContain("unlink-all-users");
  });

  it("a re-deploy during a disaster keeps disaster mode", () => {
    expect(currentMode(deployed("disaster"))).toBe("disaster");
    const plan = planDeploy(deployed("disaster"), desired);
    expect(plan.mode).toBe("disaster");
    expect(isNoop(plan)).toBe(true);
  });

  it("disaster off: back to the main menu for everyone", () => {
    const plan = planDeploy(deployed("disaster"), desired, { mode: "normal" });
    expect(plan.actions.filter((a) => a.op !== "reuse-menu")).toEqual([
      { op: "update-alias", aliasId: "kmz-main", target: { key: "main" }, from: ids.disaster },
      { op: "set-default", target: { key: "main" }, from: ids.disaster },
      { op: "unlink-all-users" },
    ]);
    expect(isNoop(planDeploy(deployed(), desired, { mode: "normal" }))).toBe(true);
  });

  it("a changed main menu during a disaster moves its residents to the disaster menu", () => {
    const changed = desired.map((d) => (d.key === "main" ? { ...d, name: menuName("main", h("9")) } : d));
    const plan = planDeploy(deployed("disaster"), changed);
    expect(plan.actions).toContainEqual({ op: "relink-users", from: ids.main, target: { key: "disaster" } });
    expect(ops(plan.actions)).not.toContain("set-default");
  });

  it("refuses disaster mode when no disaster menu is defined", () => {
    expect(() => planDeploy(empty, desired.slice(0, 2), { mode: "disaster" })).toThrow(DeployPlanError);
  });

  it("refuses to go over LINE's 1,000 menus, before changing anything", () => {
    const full: RemoteState = {
      menus: Array.from({ length: MAX_MENUS - 1 }, (_, i) => ({
        richMenuId: `x${i}`,
        name: `other ${i}`,
        hasImage: true,
      })),
      aliases: [],
      defaultRichMenuId: null,
    };
    expect(() => planDeploy(full, desired)).toThrow(
      /1000 rich menus per channel; 999 exist .* 3 would be created/,
    );
    full.menus.pop();
    full.menus.pop();
    expect(() => planDeploy(full, desired)).not.toThrow();
  });
});
