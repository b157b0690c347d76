/**
 * 「くわしく」: the full description and every figure of one program, its status with the reason,
 * and where the data comes from. Only catalogue facts; nothing is paraphrased into new claims.
 */
import type { Program } from "../../knowledge/schema.js";
import { formatThousandYen } from "../../knowledge/format.js";
import { programYearLabel } from "../../knowledge/fiscal-year.js";
import { COPY } from "../copy.js";
import { exploreButtons, stampLines, statusColor, statusText } from "./program-bubble.js";
import { plainText, residentDescription, statusNote } from "../program-words.js";
import { topicQuickReplies } from "./quick-replies.js";
import {
  button,
  clip,
  COLORS,
  flexMessage,
  hbox,
  separator,
  text,
  vbox,
  type FlexComponent,
  type Message,
  type TextStyle,
} from "./parts.js";

function row(label: string, value: string, style: TextStyle): FlexComponent {
  return hbox(
    [
      text(label, { size: style.small, color: COLORS.muted, flex: 2 }),
      text(value, { size: style.small, flex: 3, align: "end" }),
    ],
    { margin: "sm" },
  );
}

/** The detail bubble of one program; `source` is the ward file's source note. */
export function programDetail(p: Program, style: TextStyle, source: string | null): Message {
  const f = p.figures;
  const contents: FlexComponent[] = [
    text(statusText(p), { size: style.small, weight: "bold", color: statusColor(p.status) }),
    text(plainText(p.name), { size: style.title, weight: "bold", margin: "md" }),
    text(`${p.ward}／${plainText(p.heading)}`, { size: style.small, color: COLORS.muted, margin: "sm" }),
    separator(),
    text(clip(residentDescription(p), 1200), { size: style.body, margin: "md" }),
    separator(),
    row(COPY.program.budgetLine, p.budgetLine, style),
    row(COPY.program.initial, formatThousandYen(f.initial), style),
    row(COPY.program.sept, formatThousandYen(f.sept), style),
    row(COPY.program.feb, formatThousandYen(f.feb), style),
    row(COPY.program.settlement, formatThousandYen(f.settlement), style),
    text(statusNote(p) ?? COPY.program.ranAsPlanned(programYearLabel(p)), {
      size: style.small,
      color: statusColor(p.status),
      margin: "md",
    }),
  ];
  // figureNotes explain to staff how each figure was read off the sheet; a resident needs only
  // to know what 「不明」 means and that some figures were worked out, in plain words.
  const hasUnknown = [f.initial, f.sept, f.feb, f.settlement].some((v) => v === null);
  if (hasUnknown || p.figureNotes)
    contents.push(
      text(hasUnknown ? COPY.program.unknownFigure : COPY.program.derivedFigures, {
        size: style.small,
        color: COLORS.muted,
        margin: "sm",
      }),
    );
  if (p.places.length > 0)
    contents.push(
      text(`${COPY.program.places}：${clip(plainText(p.places.join("、")), 120)}`, {
        size: style.small,
        margin: "md",
      }),
    );
  if (p.audience.length > 0)
    contents.push(
      text(`${COPY.program.audience}：${clip(plainText(p.audience.join("、")), 120)}`, {
        size: style.small,
        margin: "sm",
      }),
    );
  if (p.contact)
    contents.push(text(clip(COPY.program.contact(p.contact), 120), { size: style.small, margin: "sm" }));
  contents.push(...stampLines(p, style));
  if (source)
    contents.push(
      text(`${COPY.program.source}：${clip(source, 150)}`, {
        // The smallest size only in normal mode: 「文字を大きく」 must make every line larger.
        size: style.large ? "sm" : "xs",
        color: COLORS.muted,
        margin: "md",
      }),
    );
  return flexMessage(
    COPY.program.altDetail(clip(plainText(p.name), 100), statusText(p)),
    {
      type: "bubble",
      size: style.bubble,
      body: vbox(contents, { paddingAll: "lg" }),
      footer: vbox([...exploreButtons(p), button(COPY.label.office, { kind: "office" })], {
        spacing: "sm",
        paddingAll: "md",
      }),
    },
    topicQuickReplies(),
  );
}
