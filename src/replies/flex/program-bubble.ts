/**
 * One program as a Flex bubble: name, ward, policy heading, a one-line plain summary, FY2020
 * budget and settlement, and a status that is always shown — a cancelled, unspent or
 * unbudgeted program is labelled as such and never looks like it is running.
 */
import type { Program, Status } from "../../knowledge/schema.js";
import { formatThousandYen } from "../../knowledge/format.js";
import { programYearLabel } from "../../knowledge/fiscal-year.js";
import { shareJson } from "../../text/shared-json.js";
import { COPY } from "../copy.js";
import { plainText, residentDescription, statusNote } from "../program-words.js";
import {
  button,
  clip,
  COLORS,
  separator,
  text,
  vbox,
  type FlexBubble,
  type FlexButton,
  type TextStyle,
} from "./parts.js";

/** Statuses that must never be presented as running. */
export const NOT_RUNNING: ReadonlySet<Status> = new Set<Status>(["中止", "未実施", "予算外"]);

/** The status badge colour: one for 実施, one for 一部実施, a warning colour for every status that is not running. */
export function statusColor(status: Status): string {
  if (status === "実施") return COLORS.ok;
  if (status === "一部実施" || status === "予定") return COLORS.notice;
  return COLORS.warn;
}

export { plainText };

/** The first sentence of the description, cut to a line or two (never inside a word). */
export function summaryOf(p: Program, max = 60): string {
  const description = residentDescription(p);
  const first = description.split(/(?<=[。！？])|\n/)[0] ?? description;
  return clip(first.trim(), max);
}

/** 「当初予算 150万円 ／ 決算 149.9万円」 */
export function budgetLine(p: Program): string {
  return `${COPY.program.initial} ${formatThousandYen(p.figures.initial)} ／ ${COPY.program.settlement} ${formatThousandYen(p.figures.settlement)}`;
}

/** The status label with the program's fiscal year, e.g. 「令和2年度：中止」. */
export function statusText(p: Program): string {
  const year = programYearLabel(p);
  return year === null
    ? COPY.program.statusLabel[p.status]
    : `${year}：${COPY.program.statusLabel[p.status]}`;
}

/** 「この区のほかの取組」 and 「ほかの区の同じ分野」: the ways on from one program, on both its bubbles. */
export function exploreButtons(p: Program): FlexButton[] {
  return [
    button(
      COPY.label.wardOthers,
      { kind: "ward-programs", ward: p.ward, offset: 0 },
      { displayText: COPY.tapped.wardOthers(p.ward) },
    ),
    button(
      COPY.label.sameTopic,
      { kind: "same-topic", programId: p.id },
      { displayText: COPY.tapped.sameTopic },
    ),
  ];
}

/** 「担当：…」 and 「最終更新日：…」 for programs staff keep in the console; nothing for the FY2020 files. */
export function stampLines(p: Program, style: TextStyle) {
  const muted = { size: style.small, color: COLORS.muted, margin: "sm" as const };
  return [
    ...(p.department ? [text(clip(COPY.program.department(p.department), 60), muted)] : []),
    ...(p.updatedAt !== undefined ? [text(COPY.program.updatedOn(p.updatedAt), muted)] : []),
  ];
}

/**
 * Bubbles already built, per program and text size. A bubble depends on nothing else, and
 * building five per answer was about a tenth of the bot's CPU per question (docs/benchmarks.md,
 * "Webhook"). A program of a newer catalogue version is a new object, so its old bubbles go with
 * the old object (a WeakMap holds no program alive).
 */
const built = new WeakMap<Program, Map<string, FlexBubble>>();

/** The bubble used in result carousels (built once per program and text size, then shared). */
export function programBubble(p: Program, style: TextStyle): FlexBubble {
  const key = `${style.title}|${style.body}|${style.small}|${style.bubble}`;
  let byStyle = built.get(p);
  const known = byStyle?.get(key);
  if (known) return known;
  // Frozen (a caller that changed it would throw, not alter the next answer) and shared: the LINE
  // client writes its JSON once, not in every reply that shows it.
  const bubble = shareJson(buildProgramBubble(p, style));
  if (!byStyle) built.set(p, (byStyle = new Map<string, FlexBubble>()));
  byStyle.set(key, bubble);
  return bubble;
}

function buildProgramBubble(p: Program, style: TextStyle): FlexBubble {
  // 「新規」 is not shown: it was new in FY2020, which says nothing to a resident today.
  const note = statusNote(p);
  const hasUnknown = p.figures.initial === null || p.figures.settlement === null;
  const body = vbox(
    [
      text(statusText(p), { size: style.small, weight: "bold", color: statusColor(p.status) }),
      text(plainText(p.name), { size: style.title, weight: "bold", margin: "md" }),
      text(`${p.ward}／${plainText(p.heading)}`, {
        size: style.small,
        color: COLORS.muted,
        margin: "sm",
      }),
      separator(),
      // No maxLines: LINE would cut the line wherever it ends; summaryOf already cut at a word.
      text(summaryOf(p), { size: style.body, margin: "md" }),
      text(budgetLine(p), { size: style.small, color: COLORS.muted, margin: "md" }),
      ...(hasUnknown
        ? [text(COPY.program.unknownShort, { size: style.small, color: COLORS.muted, margin: "sm" })]
        : []),
      // Why it did not run (or ran only in part), in plain words and never cut.
      ...(note ? [text(note, { size: style.small, color: statusColor(p.status), margin: "sm" })] : []),
      ...stampLines(p, style),
    ],
    { spacing: "none", paddingAll: "lg" },
  );
  return {
    type: "bubble",
    size: style.bubble,
    body,
    footer: vbox(
      [
        button(
          COPY.label.detail,
          { kind: "detail", programId: p.id },
          {
            style: "primary",
            displayText: COPY.tapped.detail(clip(plainText(p.name), 60)),
          },
        ),
        ...exploreButtons(p),
      ],
      { spacing: "sm", paddingAll: "md" },
    ),
  };
}
