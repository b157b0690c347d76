/**
 * Menu icons as small SVG drawings on a 100×100 grid, written by hand so the images need no
 * external assets and render the same everywhere. Each icon uses only the button's two colours:
 * `fg` (same as the label) and `bg` (the button fill, used to cut shapes out).
 */
import type { IconName } from "../src/richmenu/definitions.js";

type Draw = (fg: string, bg: string) => string;

const stroke = (fg: string, w: number): string =>
  `fill="none" stroke="${fg}" stroke-width="${w}" stroke-linecap="round" stroke-linejoin="round"`;

const person = (
  cx: number,
  headY: number,
  r: number,
  bodyW: number,
  bottom: number,
  fill: string,
): string => {
  const top = headY + r + 4;
  const left = cx - bodyW / 2;
  const right = cx + bodyW / 2;
  const shoulder = top + bodyW * 0.35;
  return (
    `<circle cx="${cx}" cy="${headY}" r="${r}" fill="${fill}"/>` +
    `<path d="M${left} ${bottom} V${shoulder} C${left} ${top} ${right} ${top} ${right} ${shoulder} V${bottom} Z" fill="${fill}"/>`
  );
};

const ICONS: Record<IconName, Draw> = {
  bousai: (fg) =>
    `<path d="M50 8 L95 90 H5 Z" ${stroke(fg, 9)}/>` +
    `<rect x="44.5" y="34" width="11" height="32" rx="4" fill="${fg}"/>` +
    `<circle cx="50" cy="78" r="6.5" fill="${fg}"/>`,
  evacuate: (fg) =>
    `<path d="M6 46 L50 8 L94 46" ${stroke(fg, 9)}/>` +
    `<path d="M18 40 V92 H82 V40" ${stroke(fg, 9)}/>` +
    `<path d="M30 68 H66 M52 54 L66 68 L52 82" ${stroke(fg, 9)}/>`,
  kenko: (fg, bg) =>
    `<path d="M50 92 C18 68 4 52 4 32 C4 16 16 6 30 6 C40 6 46 12 50 19 C54 12 60 6 70 6 C84 6 96 16 96 32 C96 52 82 68 50 92 Z" fill="${fg}"/>` +
    `<rect x="43" y="24" width="14" height="40" rx="2" fill="${bg}"/>` +
    `<rect x="30" y="37" width="40" height="14" rx="2" fill="${bg}"/>`,
  kosodate: (fg) => person(36, 20, 14, 44, 94, fg) + person(76, 50, 10, 30, 94, fg),
  chiiki: (fg, bg) =>
    person(18, 40, 10, 30, 92, fg) +
    person(82, 40, 10, 30, 92, fg) +
    `<path d="M26 94 V62 C26 44 74 44 74 62 V94 Z" fill="${bg}"/>` +
    `<circle cx="50" cy="24" r="17" fill="${bg}"/>` +
    person(50, 24, 13, 40, 92, fg),
  event: (fg, bg) =>
    `<rect x="8" y="16" width="84" height="78" rx="8" ${stroke(fg, 8)}/>` +
    `<rect x="8" y="16" width="84" height="22" rx="6" fill="${fg}"/>` +
    `<rect x="25" y="4" width="10" height="22" rx="4" fill="${fg}" stroke="${bg}" stroke-width="3"/>` +
    `<rect x="65" y="4" width="10" height="22" rx="4" fill="${fg}" stroke="${bg}" stroke-width="3"/>` +
    [0, 1, 2]
      .flatMap((c) =>
        [0, 1].map(
          (r) => `<rect x="${22 + c * 22}" y="${50 + r * 20}" width="12" height="12" fill="${fg}"/>`,
        ),
      )
      .join(""),
  settings: (fg, bg) =>
    [0, 45, 90, 135, 180, 225, 270, 315]
      .map(
        (deg) =>
          `<rect x="41" y="4" width="18" height="24" rx="3" fill="${fg}" transform="rotate(${deg} 50 50)"/>`,
      )
      .join("") +
    `<circle cx="50" cy="50" r="32" fill="${fg}"/>` +
    `<circle cx="50" cy="50" r="13" fill="${bg}"/>`,
  ward: (fg, bg) =>
    `<path d="M50 96 C50 96 16 60 16 38 A34 34 0 0 1 84 38 C84 60 50 96 50 96 Z" fill="${fg}"/>` +
    `<circle cx="50" cy="38" r="13" fill="${bg}"/>`,
  bell: (fg) =>
    `<path d="M50 8 C30 8 22 26 22 44 V64 L12 78 H88 L78 64 V44 C78 26 70 8 50 8 Z" fill="${fg}"/>` +
    `<circle cx="50" cy="88" r="9" fill="${fg}"/>`,
  "text-size": (fg) =>
    `<circle cx="42" cy="42" r="30" ${stroke(fg, 9)}/>` +
    `<path d="M64 64 L90 90" ${stroke(fg, 15)}/>` +
    `<path d="M28 42 H56 M42 28 V56" ${stroke(fg, 8)}/>`,
  guide: (fg, bg) =>
    `<path d="M50 22 C38 12 20 12 6 16 V86 C20 82 38 82 50 92 C62 82 80 82 94 86 V16 C80 12 62 12 50 22 Z" fill="${fg}"/>` +
    `<path d="M50 26 V86" ${stroke(bg, 5)}/>`,
  office: (fg) =>
    `<path d="M6 32 L50 6 L94 32 Z" fill="${fg}"/>` +
    [14, 33, 55, 74].map((x) => `<rect x="${x}" y="38" width="12" height="42" fill="${fg}"/>`).join("") +
    `<rect x="6" y="84" width="88" height="10" fill="${fg}"/>`,
  home: (fg) => `<path d="M50 8 L96 48 H83 V94 H60 V66 H40 V94 H17 V48 H4 Z" fill="${fg}"/>`,
};

/** SVG for one icon scaled into a square box at (x, y) with side `size`. */
export function iconSvg(name: IconName, x: number, y: number, size: number, fg: string, bg: string): string {
  const s = size / 100;
  return `<g transform="translate(${x} ${y}) scale(${s})">${ICONS[name](fg, bg)}</g>`;
}
