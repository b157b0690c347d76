/**
 * Pure Flex views for emergencies and the ward office: the bulletin bubble (staff's latest
 * word for an area, with its time stamp), the contacts bubble (official phone numbers and
 * pages from knowledge/offices.json, the ward office with a map link), and the office card.
 * Facts that knowledge/ does not have (a ward office's phone number) are said to be unknown,
 * never filled in.
 */
import type { messagingApi } from "@line/bot-sdk";
import type { Ward } from "../../knowledge/schema.js";
import { mapUrl, officeOf, telUri, type Office, type Offices } from "../../knowledge/offices.js";
import type { Bulletin } from "../../bulletin/bulletin.js";
import { formatDay, formatClock } from "../../time/tokyo-time.js";
import { EMERGENCY_COPY as C } from "../emergency-copy.js";
import {
  COLORS,
  clip,
  flexMessage,
  separator,
  text,
  vbox,
  type FlexBubble,
  type FlexButton,
  type FlexComponent,
  type Message,
  type TextStyle,
} from "./parts.js";

/** Dark red of the disaster menu; white on it is above 7:1. */
const ALERT = "#9E0000";
const WHITE = "#FFFFFF";

function uriButton(label: string, uri: string, style: "primary" | "secondary", color?: string): FlexButton {
  const b: FlexButton = {
    type: "button",
    style,
    height: "md",
    margin: "sm",
    action: { type: "uri", label: clip(label, 20), uri },
    scaling: true,
  };
  if (color) b.color = color;
  return b;
}

/**
 * A label above its value, the value on the bubble's whole width: beside a label column an
 * address or a phone number broke at its hyphen (「東本町16-」「30」) on a 320 px phone.
 */
const row = (label: string, value: string, s: TextStyle): FlexComponent =>
  vbox([text(label, { size: s.small, color: COLORS.muted }), text(value, { size: s.body })], {
    margin: "md",
  });

/** 「12月6日(日) 09:30 更新」 */
const stamp = (ms: number): string => C.bulletin.updated(`${formatDay(ms)} ${formatClock(ms)}`);

/** One bulletin: area and time stamp on a red header, then the staff's text. */
export function bulletinBubble(b: Bulletin, s: TextStyle): FlexBubble {
  const bubble: FlexBubble = {
    type: "bubble",
    size: s.bubble,
    header: vbox(
      [
        text(C.bulletin.kicker, { size: s.small, color: WHITE, weight: "bold" }),
        text(C.bulletin.area(b.scope), { size: s.title, color: WHITE, weight: "bold" }),
      ],
      { backgroundColor: ALERT, paddingAll: "lg" },
    ),
    body: vbox(
      [
        text(b.title, { size: s.title, weight: "bold" }),
        text(stamp(b.updatedAt), { size: s.small, color: COLORS.muted, margin: "sm" }),
        separator(),
        text(b.body, { size: s.body, margin: "md" }),
        text(C.bulletin.by(b.author), { size: s.small, color: COLORS.muted, margin: "md" }),
      ],
      { spacing: "sm" },
    ),
  };
  if (b.url) bubble.footer = vbox([uriButton(C.bulletin.more, b.url, "primary", ALERT)]);
  return bubble;
}

/** Address, reception hours and phone (or that it is unknown) of one office. */
function officeRows(o: Office, offices: Offices, s: TextStyle): FlexComponent[] {
  return [
    row(C.office.address, o.address, s),
    row(C.office.hours, C.office.hoursValue(offices.hours.text, offices.hours.scope), s),
    row(C.office.phone, o.phone ? o.phone.number : C.office.phoneUnknown, s),
  ];
}

/**
 * The official contacts in an emergency: the city's disaster phone numbers (tap to call), the
 * resident's ward office with a map link, and the official pages.
 */
export function contactsBubble(offices: Offices, ward: Ward | null, s: TextStyle): FlexBubble {
  const d = offices.disaster;
  const body: FlexComponent[] = [
    text(C.contacts.title, { size: s.title, weight: "bold" }),
    // The number on a line of its own, so it is never broken at a hyphen.
    ...d.phones.map((p) => row(p.label, p.number, s)),
  ];
  const footer: FlexComponent[] = d.phones.map((p) =>
    uriButton(C.contacts.call(p.label), telUri(p.number), "primary", ALERT),
  );
  if (ward) {
    const o = officeOf(offices, ward);
    body.push(
      separator(),
      text(o.name, { size: s.body, weight: "bold", margin: "md" }),
      ...officeRows(o, offices, s),
    );
    footer.push(uriButton(C.office.map, mapUrl(o.address), "secondary"));
  }
  for (const l of d.links) footer.push(uriButton(l.label, l.url, "secondary"));
  return {
    type: "bubble",
    size: s.bubble,
    body: vbox(body, { spacing: "sm" }),
    footer: vbox(footer, { spacing: "sm" }),
  };
}

/**
 * The reply to 「避難・防災情報」 and (in disaster mode) 避難/避難所: the bulletins of the
 * resident's area first, then the contacts; with none published, says so and gives the contacts.
 */
export function bulletinMessages(
  bulletins: readonly Bulletin[],
  offices: Offices,
  ward: Ward | null,
  s: TextStyle,
): Message[] {
  const contacts = contactsBubble(offices, ward, s);
  if (bulletins.length === 0) {
    return [{ type: "text", text: C.bulletin.none(ward) }, flexMessage(C.contacts.altText, contacts)];
  }
  const first = bulletins[0] as Bulletin;
  const alt = bulletins.map((b) => C.bulletin.altText(b.scope, b.title)).join(" ／ ");
  return [
    flexMessage(alt || C.bulletin.altText(first.scope, first.title), {
      type: "carousel",
      contents: [...bulletins.map((b) => bulletinBubble(b, s)), contacts],
    } satisfies messagingApi.FlexCarousel),
  ];
}

/** The 区役所 card: the resident's office, or all five (a carousel) when the ward is unknown. */
export function officeMessages(offices: Offices, ward: Ward | null, s: TextStyle): Message[] {
  const bubble = (o: Office): FlexBubble => ({
    type: "bubble",
    size: s.bubble,
    body: vbox(
      [
        text(C.office.heading(o.ward), { size: s.small, color: COLORS.muted, weight: "bold" }),
        text(o.name, { size: s.title, weight: "bold" }),
        ...officeRows(o, offices, s),
      ],
      { spacing: "sm" },
    ),
    footer: vbox(
      [
        uriButton(C.office.map, mapUrl(o.address), "primary", COLORS.primary),
        uriButton(C.office.hoursSource, offices.hours.source, "secondary"),
        uriButton(C.office.site, offices.citySite, "secondary"),
      ],
      { spacing: "sm" },
    ),
  });
  const list = ward ? [officeOf(offices, ward)] : offices.offices;
  const contents =
    list.length === 1
      ? bubble(list[0] as Office)
      : ({ type: "carousel", contents: list.map(bubble) } satisfies messagingApi.FlexCarousel);
  return [{ type: "text", text: C.office.intro(ward) }, flexMessage(C.office.altText(ward), contents)];
}
