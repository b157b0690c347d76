/**
 * The rich menus as typed data: the single source for the drawn image, the tap areas and the
 * actions. Older residents never type, so every button does something useful at once and carries
 * an accessible `label` (what screen readers announce). Postback data always comes from
 * `encodePostback`, so a menu cannot emit something the bot does not understand.
 */
import { encodePostback, type CurrentPostback } from "../postback.js";

/** The menus we deploy. `main` is the everyday menu; `disaster` replaces it in an emergency. */
export type MenuKey = "main" | "settings" | "disaster";

/** Names of the icons in `icons.ts` (simple SVG paths, no external assets). */
export type IconName =
  | "bousai"
  | "evacuate"
  | "kenko"
  | "kosodate"
  | "chiiki"
  | "event"
  | "settings"
  | "ward"
  | "bell"
  | "text-size"
  | "guide"
  | "office"
  | "home";

/** What a tap does: a postback to the bot, or a tab switch (which also sends a postback). */
export type MenuAction =
  | { type: "postback"; postback: CurrentPostback }
  | { type: "switch"; to: MenuKey; postback: CurrentPostback };

/** Colours of a button: `fg` is used for the label and the icon, `bg` fills the button. */
export interface Palette {
  bg: string;
  fg: string;
}

/** One big button. */
export interface ButtonDef {
  /** Stable id, used in tests and file names. */
  id: string;
  /** Label lines as drawn (one or two short lines). */
  lines: readonly string[];
  /** Accessible text announced by screen readers (the action's `label`, ≤ 20 characters). */
  a11y: string;
  icon: IconName;
  palette: Palette;
  action: MenuAction;
}

/** A tab in the tab bar at the top of a tabbed menu. */
export interface TabDef {
  menu: MenuKey;
  label: string;
  a11y: string;
  /** Sent when the tab is tapped (the switch carries a postback too). */
  postback: CurrentPostback;
}

/** A whole menu. Rows are laid out top to bottom; buttons in a row share its width equally. */
export interface MenuDef {
  key: MenuKey;
  /** Rich menu alias id (`^[a-z0-9_-]{1,32}$`), target of `richmenuswitch` actions. */
  alias: string;
  /** Text on the chat bar (≤ 14 characters). */
  chatBarText: string;
  size: { width: 2500; height: 1686 | 843 };
  /** Tabs drawn on top; `undefined` for a menu without tabs. */
  tabs?: { items: readonly TabDef[]; active: MenuKey };
  /** Rows of buttons with their relative heights. */
  rows: readonly { weight: number; buttons: readonly ButtonDef[] }[];
}

/** Page colours shared by every menu. */
export const PAGE = {
  background: "#FFFFFF",
  tabBar: "#D9D9D9",
  tabInactiveText: "#1A1A1A",
  tabActiveText: "#0B2A66",
  tabActiveMark: "#0B3D91",
} as const;

const WHITE = "#FFFFFF";

/** Button colours: dark fills with white labels, each ≥ 7:1 (checked in tests). */
export const PALETTES = {
  bousai: { bg: "#9E0000", fg: WHITE },
  kenko: { bg: "#1B5E20", fg: WHITE },
  kosodate: { bg: "#8A1F5C", fg: WHITE },
  chiiki: { bg: "#0D47A1", fg: WHITE },
  event: { bg: "#5B1A8C", fg: WHITE },
  settings: { bg: "#37474F", fg: WHITE },
  office: { bg: "#004D40", fg: WHITE },
  warning: { bg: "#FFD600", fg: "#000000" },
} as const satisfies Record<string, Palette>;

const topic = (t: "bousai" | "kenko" | "kosodate" | "chiiki"): MenuAction => ({
  type: "postback",
  postback: { kind: "topic", topic: t },
});

/** Tab-switch postbacks: into settings shows the settings card, back to the menu shows the short guide. */
const TO_SETTINGS: CurrentPostback = { kind: "settings" };
const TO_MAIN: CurrentPostback = { kind: "help" };

const TABS: readonly TabDef[] = [
  { menu: "main", label: "メニュー", a11y: "メニューのタブ", postback: TO_MAIN },
  { menu: "settings", label: "設定・つかいかた", a11y: "設定とつかいかたのタブ", postback: TO_SETTINGS },
];

const SETTINGS_BUTTON: ButtonDef = {
  id: "settings",
  lines: ["区の設定", "つかいかた"],
  a11y: "区の設定とつかいかた",
  icon: "settings",
  palette: PALETTES.settings,
  action: { type: "switch", to: "settings", postback: TO_SETTINGS },
};

// Buttons that appear on more than one menu: one definition, so they cannot drift apart.
const KENKO_BUTTON: ButtonDef = {
  id: "kenko",
  lines: ["健康・介護"],
  a11y: "健康と介護の取組を見る",
  icon: "kenko",
  palette: PALETTES.kenko,
  action: topic("kenko"),
};

const OFFICE_BUTTON: ButtonDef = {
  id: "office",
  lines: ["区役所"],
  a11y: "区役所の場所を見る",
  icon: "office",
  palette: PALETTES.office,
  action: { type: "postback", postback: { kind: "office" } },
};

const MAIN: MenuDef = {
  key: "main",
  alias: "kmz-main",
  chatBarText: "メニュー",
  size: { width: 2500, height: 1686 },
  tabs: { items: TABS, active: "main" },
  rows: [
    {
      weight: 1,
      buttons: [
        {
          id: "bousai",
          lines: ["防災"],
          a11y: "防災の取組を見る",
          icon: "bousai",
          palette: PALETTES.bousai,
          action: topic("bousai"),
        },
        KENKO_BUTTON,
        {
          id: "kosodate",
          lines: ["子育て"],
          a11y: "子育ての取組を見る",
          icon: "kosodate",
          palette: PALETTES.kosodate,
          action: topic("kosodate"),
        },
      ],
    },
    {
      weight: 1,
      buttons: [
        {
          id: "chiiki",
          lines: ["地域活動", "補助金"],
          a11y: "地域活動と補助金を見る",
          icon: "chiiki",
          palette: PALETTES.chiiki,
          action: topic("chiiki"),
        },
        {
          id: "event",
          lines: ["イベント"],
          a11y: "これからのイベントを見る",
          icon: "event",
          palette: PALETTES.event,
          action: { type: "postback", postback: { kind: "events" } },
        },
        SETTINGS_BUTTON,
      ],
    },
  ],
};

const SETTINGS: MenuDef = {
  key: "settings",
  alias: "kmz-settings",
  chatBarText: "設定・つかいかた",
  size: { width: 2500, height: 1686 },
  tabs: { items: TABS, active: "settings" },
  rows: [
    {
      weight: 1,
      buttons: [
        {
          id: "ward",
          lines: ["区をえらぶ"],
          a11y: "住んでいる区をえらぶ",
          icon: "ward",
          palette: PALETTES.chiiki,
          action: { type: "postback", postback: { kind: "ward-picker" } },
        },
        {
          id: "subscriptions",
          lines: ["受け取る", "情報"],
          a11y: "受け取るお知らせをえらぶ",
          icon: "bell",
          palette: PALETTES.event,
          action: { type: "postback", postback: { kind: "settings" } },
        },
        {
          id: "large-text",
          lines: ["文字の", "大きさ"],
          a11y: "文字を大きくする",
          icon: "text-size",
          palette: PALETTES.kenko,
          action: { type: "postback", postback: { kind: "large-text", on: true } },
        },
      ],
    },
    {
      weight: 1,
      buttons: [
        {
          id: "help",
          lines: ["つかいかた"],
          a11y: "つかいかたを見る",
          icon: "guide",
          palette: PALETTES.kosodate,
          action: { type: "postback", postback: { kind: "help" } },
        },
        OFFICE_BUTTON,
        {
          id: "back",
          lines: ["メニュー", "にもどる"],
          a11y: "メニューにもどる",
          icon: "home",
          palette: PALETTES.settings,
          action: { type: "switch", to: "main", postback: TO_MAIN },
        },
      ],
    },
  ],
};

const DISASTER: MenuDef = {
  key: "disaster",
  alias: "kmz-disaster",
  chatBarText: "災害時メニュー",
  size: { width: 2500, height: 1686 },
  rows: [
    {
      weight: 1.25,
      buttons: [
        {
          id: "evacuate",
          lines: ["避難・防災情報"],
          a11y: "避難と防災の情報を見る",
          icon: "evacuate",
          palette: PALETTES.warning,
          // The emergency bulletin and official contacts, never the FY2020 budget cards.
          action: { type: "postback", postback: { kind: "bulletin" } },
        },
      ],
    },
    {
      weight: 1,
      buttons: [OFFICE_BUTTON, KENKO_BUTTON, SETTINGS_BUTTON],
    },
  ],
};

/** Every menu we deploy, in deploy order. */
export const MENUS: readonly MenuDef[] = [MAIN, SETTINGS, DISASTER];

/** Looks a menu up by key. */
export function menuByKey(key: MenuKey): MenuDef {
  const m = MENUS.find((d) => d.key === key);
  if (!m) throw new Error(`no rich menu "${key}" is defined in richmenu/definitions.ts`);
  return m;
}

/** One tap a menu can emit, for the bot's tests: the exact postback data and, for switches, the alias. */
export interface EmittedAction {
  menu: MenuKey;
  /** Button id, or `tab:<menu>` for a tab. */
  source: string;
  a11y: string;
  data: string;
  switchTo?: { menu: MenuKey; alias: string };
}

/** Every postback/switch the deployed menus can emit (the bot must answer each usefully). */
export function allMenuActions(menus: readonly MenuDef[] = MENUS): EmittedAction[] {
  const out: EmittedAction[] = [];
  for (const m of menus) {
    for (const t of m.tabs?.items ?? []) {
      if (t.menu === m.tabs?.active) continue;
      out.push({
        menu: m.key,
        source: `tab:${t.menu}`,
        a11y: t.a11y,
        data: encodePostback(t.postback),
        switchTo: { menu: t.menu, alias: menuByKey(t.menu).alias },
      });
    }
    for (const row of m.rows) {
      for (const b of row.buttons) {
        const a = b.action;
        out.push({
          menu: m.key,
          source: b.id,
          a11y: b.a11y,
          data: encodePostback(a.postback),
          ...(a.type === "switch" ? { switchTo: { menu: a.to, alias: menuByKey(a.to).alias } } : {}),
        });
      }
    }
  }
  return out;
}
