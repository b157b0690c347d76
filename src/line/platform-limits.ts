/**
 * The platform limits from LINE's Messaging API reference that the OpenAPI document does not
 * encode (text 5,000 UTF-16 units, carousel ≤ 12 bubbles and ≤ 50 KB, label lengths, URI
 * schemes, rich menu sizes …), plus the URI syntax the document does (`format: uri`), walked
 * by hand over a message or rich menu. Pure, with no schema to load, so production code can
 * run it too: staff previews, dry runs and confirms check the exact messages that will be
 * sent, and refuse what LINE would refuse. The tests' full validator
 * (test/line-schema/line-validator.ts) adds the OpenAPI schema on top.
 */

/** One problem found in a message or rich menu: where (JSON pointer) and what. */
export interface LineValidationError {
  /** JSON pointer into the validated value, e.g. `/0/contents/body/contents/2/action/label`. */
  pointer: string;
  message: string;
}

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * RFC 3986 URI syntax as JSON Schema's `format: uri` checks it: a scheme, then only unreserved,
 * reserved and percent-encoded characters. Kana, spaces, `|`, `^`, `{` … make LINE answer 400
 * for the whole request, so they must arrive percent-encoded (`new URL(s).href` does most).
 */
const URI_SYNTAX = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

/** true when `v` is a URI LINE's `format: uri` accepts (syntax only; schemes are checked apart). */
export function isRfc3986Uri(v: string): boolean {
  if (!URI_SYNTAX.test(v)) return false;
  const hash = v.indexOf("#");
  // One fragment, and brackets only around an IPv6 host.
  if (hash >= 0 && v.indexOf("#", hash + 1) >= 0) return false;
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(v)?.[1];
  const rest = authority === undefined ? v : v.slice(v.indexOf(authority) + authority.length);
  if (/[[\]]/.test(rest)) return false;
  if (authority !== undefined) {
    const host = authority.slice(authority.lastIndexOf("@") + 1);
    const m = /^(\[[0-9A-Fa-f:.]+\]|[^[\]:]*)(?::(\d*))?$/.exec(host);
    if (!m) return false;
  }
  return true;
}

/** Platform limits from LINE's Messaging API reference that the OpenAPI document leaves out. */
export const LINE_LIMITS = {
  messagesPerRequest: 5,
  multicastRecipients: 500,
  textLength: 5000,
  altTextLength: 1500,
  carouselBubbles: 12,
  // LINE says "30 KB" / "50 KB"; decimal kilobytes are the stricter reading.
  bubbleBytes: 30_000,
  carouselBytes: 50_000,
  quickReplyItems: 13,
  labelLength: 20,
  flexLabelLength: 40,
  imageCarouselLabelLength: 12,
  postbackDataLength: 300,
  displayTextLength: 300,
  actionTextLength: 300,
  uriLength: 1000,
  imageUrlLength: 2000,
  uriSchemes: ["https:", "line:", "tel:"] as readonly string[],
  richMenu: {
    minWidth: 800,
    maxWidth: 2500,
    minHeight: 250,
    minAspectRatio: 1.45,
    maxAreas: 20,
    chatBarTextLength: 14,
    nameLength: 300,
    imageBytes: 1024 * 1024,
  },
  richMenuAliasId: /^[a-z0-9_-]{1,32}$/,
} as const;

type Push = (pointer: string, message: string) => void;

const strLen = (v: unknown): number => (typeof v === "string" ? v.length : 0);
const jsonBytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v) ?? "", "utf8");

interface ActionRules {
  labelRequired: boolean;
  labelMax: number;
  where: "quickReply" | "template" | "imageCarousel" | "flex" | "flexButton" | "richMenu" | "imagemap";
}

/** Limit violations in a `messages` array; pointers start at `prefix`. */
export function checkMessageLimits(messages: unknown, prefix: string): LineValidationError[] {
  const errors: LineValidationError[] = [];
  const push: Push = (pointer, message) => errors.push({ pointer, message });
  if (!Array.isArray(messages)) return errors;
  messages.forEach((m, i) => checkMessage(m, `${prefix}/${i}`, push));
  return errors;
}

function checkMessage(m: unknown, p: string, push: Push): void {
  if (!isObj(m)) return;
  if (m.type === "text" || m.type === "textV2") {
    if (typeof m.text === "string") {
      if (m.text.trim().length === 0) push(`${p}/text`, "must not be empty");
      if (m.text.length > LINE_LIMITS.textLength)
        push(
          `${p}/text`,
          `must be at most ${LINE_LIMITS.textLength} characters (UTF-16 units), got ${m.text.length}`,
        );
    }
  }
  if (m.type === "flex" || m.type === "template" || m.type === "imagemap") checkAltText(m, p, push);
  if (m.type === "flex") checkFlexContainer(m.contents, `${p}/contents`, push);
  if (m.type === "template") checkTemplate(m.template, `${p}/template`, push);
  if (m.type === "image" || m.type === "video") {
    checkImageUrl(m.originalContentUrl, `${p}/originalContentUrl`, push);
    checkImageUrl(m.previewImageUrl, `${p}/previewImageUrl`, push);
  }
  if (m.type === "imagemap") {
    checkImageUrl(m.baseUrl, `${p}/baseUrl`, push);
    if (Array.isArray(m.actions))
      m.actions.forEach((a, i) => {
        if (isObj(a) && a.type === "uri") checkUri(a.linkUri, `${p}/actions/${i}/linkUri`, push, true);
      });
  }
  if (isObj(m.quickReply)) checkQuickReply(m.quickReply, `${p}/quickReply`, push);
  if (isObj(m.sender)) checkImageUrl(m.sender.iconUrl, `${p}/sender/iconUrl`, push);
}

function checkAltText(m: Json, p: string, push: Push): void {
  if (typeof m.altText !== "string" || m.altText.trim().length === 0)
    push(`${p}/altText`, "is required (non-empty)");
  else if (m.altText.length > LINE_LIMITS.altTextLength)
    push(`${p}/altText`, `must be at most ${LINE_LIMITS.altTextLength} characters, got ${m.altText.length}`);
}

function checkQuickReply(q: Json, p: string, push: Push): void {
  if (!Array.isArray(q.items)) return push(`${p}/items`, "is required");
  if (q.items.length === 0) push(`${p}/items`, "must have at least 1 item");
  if (q.items.length > LINE_LIMITS.quickReplyItems)
    push(`${p}/items`, `must have at most ${LINE_LIMITS.quickReplyItems} items, got ${q.items.length}`);
  q.items.forEach((item, i) => {
    if (!isObj(item)) return;
    if (item.imageUrl !== undefined) checkImageUrl(item.imageUrl, `${p}/items/${i}/imageUrl`, push, 1000);
    if (!isObj(item.action)) return push(`${p}/items/${i}/action`, "is required");
    checkAction(item.action, `${p}/items/${i}/action`, push, {
      labelRequired: true,
      labelMax: LINE_LIMITS.labelLength,
      where: "quickReply",
    });
  });
}

function checkTemplate(t: unknown, p: string, push: Push): void {
  if (!isObj(t)) return;
  const rules: ActionRules = { labelRequired: true, labelMax: LINE_LIMITS.labelLength, where: "template" };
  const actions = (a: unknown, ap: string, min: number, max: number): void => {
    if (!Array.isArray(a)) return push(ap, "is required");
    if (a.length < min || a.length > max) push(ap, `must have ${min}–${max} actions, got ${a.length}`);
    a.forEach((x, i) => isObj(x) && checkAction(x, `${ap}/${i}`, push, rules));
  };
  const text = (v: unknown, tp: string, max: number): void => {
    if (strLen(v) > max) push(tp, `must be at most ${max} characters, got ${strLen(v)}`);
  };
  if (t.type === "buttons") {
    text(t.title, `${p}/title`, 40);
    text(t.text, `${p}/text`, t.title !== undefined || t.thumbnailImageUrl !== undefined ? 60 : 160);
    if (t.thumbnailImageUrl !== undefined) checkImageUrl(t.thumbnailImageUrl, `${p}/thumbnailImageUrl`, push);
    actions(t.actions, `${p}/actions`, 1, 4);
    if (isObj(t.defaultAction))
      checkAction(t.defaultAction, `${p}/defaultAction`, push, { ...rules, labelRequired: false });
  } else if (t.type === "confirm") {
    text(t.text, `${p}/text`, 240);
    actions(t.actions, `${p}/actions`, 2, 2);
  } else if (t.type === "carousel" && Array.isArray(t.columns)) {
    if (t.columns.length < 1 || t.columns.length > 10)
      push(`${p}/columns`, `must have 1–10 columns, got ${t.columns.length}`);
    const counts = new Set<number>();
    t.columns.forEach((c, i) => {
      if (!isObj(c)) return;
      const cp = `${p}/columns/${i}`;
      text(c.title, `${cp}/title`, 40);
      text(c.text, `${cp}/text`, c.title !== undefined || c.thumbnailImageUrl !== undefined ? 60 : 120);
      actions(c.actions, `${cp}/actions`, 1, 3);
      if (Array.isArray(c.actions)) counts.add(c.actions.length);
      if (isObj(c.defaultAction))
        checkAction(c.defaultAction, `${cp}/defaultAction`, push, { ...rules, labelRequired: false });
    });
    if (counts.size > 1) push(`${p}/columns`, "every column must have the same number of actions");
  } else if (t.type === "image_carousel" && Array.isArray(t.columns)) {
    if (t.columns.length < 1 || t.columns.length > 10)
      push(`${p}/columns`, `must have 1–10 columns, got ${t.columns.length}`);
    t.columns.forEach((c, i) => {
      if (!isObj(c)) return;
      checkImageUrl(c.imageUrl, `${p}/columns/${i}/imageUrl`, push);
      if (isObj(c.action))
        checkAction(c.action, `${p}/columns/${i}/action`, push, {
          labelRequired: false,
          labelMax: LINE_LIMITS.imageCarouselLabelLength,
          where: "imageCarousel",
        });
    });
  }
}

function checkFlexContainer(c: unknown, p: string, push: Push): void {
  if (!isObj(c)) return;
  if (c.type === "bubble") checkBubble(c, p, push);
  if (c.type === "carousel" && Array.isArray(c.contents)) {
    if (c.contents.length === 0) push(`${p}/contents`, "must have at least 1 bubble");
    if (c.contents.length > LINE_LIMITS.carouselBubbles)
      push(
        `${p}/contents`,
        `must have at most ${LINE_LIMITS.carouselBubbles} bubbles, got ${c.contents.length}`,
      );
    const bytes = jsonBytes(c);
    if (bytes > LINE_LIMITS.carouselBytes)
      push(p, `carousel JSON must be at most ${LINE_LIMITS.carouselBytes} bytes, got ${bytes}`);
    c.contents.forEach((b, i) => isObj(b) && checkBubble(b, `${p}/contents/${i}`, push));
  }
}

function checkBubble(b: Json, p: string, push: Push): void {
  const bytes = jsonBytes(b);
  if (bytes > LINE_LIMITS.bubbleBytes)
    push(p, `bubble JSON must be at most ${LINE_LIMITS.bubbleBytes} bytes, got ${bytes}`);
  for (const block of ["header", "hero", "body", "footer"])
    if (isObj(b[block])) checkFlexComponent(b[block], `${p}/${block}`, push);
  if (isObj(b.action)) checkAction(b.action, `${p}/action`, push, flexRules(false));
}

const flexRules = (button: boolean): ActionRules => ({
  labelRequired: button,
  labelMax: LINE_LIMITS.flexLabelLength,
  where: button ? "flexButton" : "flex",
});

function checkFlexComponent(c: Json, p: string, push: Push): void {
  if (c.type === "box" && Array.isArray(c.contents))
    c.contents.forEach((x, i) => isObj(x) && checkFlexComponent(x, `${p}/contents/${i}`, push));
  if (c.type === "button") {
    if (!isObj(c.action)) push(`${p}/action`, "is required for a button");
    else checkAction(c.action, `${p}/action`, push, flexRules(true));
  } else if (isObj(c.action)) checkAction(c.action, `${p}/action`, push, flexRules(false));
  if (c.type === "image" || c.type === "icon") checkImageUrl(c.url, `${p}/url`, push);
  if (c.type === "video") {
    checkImageUrl(c.url, `${p}/url`, push);
    checkImageUrl(c.previewUrl, `${p}/previewUrl`, push);
  }
  if (c.type === "text" && c.text === undefined && !Array.isArray(c.contents))
    push(`${p}/text`, "is required unless contents (spans) are given");
}

function checkAction(a: Json, p: string, push: Push, rules: ActionRules): void {
  if (a.label === undefined) {
    if (rules.labelRequired) push(`${p}/label`, "is required here");
  } else if (typeof a.label === "string") {
    if (a.label.length === 0 && rules.labelRequired) push(`${p}/label`, "must not be empty");
    if (a.label.length > rules.labelMax)
      push(`${p}/label`, `must be at most ${rules.labelMax} characters here, got ${a.label.length}`);
  }
  const max = (key: string, limit: number): void => {
    if (strLen(a[key]) > limit)
      push(`${p}/${key}`, `must be at most ${limit} characters, got ${strLen(a[key])}`);
  };
  switch (a.type) {
    case "postback":
      if (typeof a.data !== "string") push(`${p}/data`, "is required");
      max("data", LINE_LIMITS.postbackDataLength);
      max("displayText", LINE_LIMITS.displayTextLength);
      max("text", LINE_LIMITS.actionTextLength);
      max("fillInText", 300);
      if (a.displayText !== undefined && a.text !== undefined)
        push(`${p}/displayText`, "displayText and text cannot both be set");
      if (rules.where === "quickReply" && a.displayText === undefined && a.text === undefined)
        push(`${p}/displayText`, "is required for a postback quick reply button");
      break;
    case "message":
      if (typeof a.text !== "string" || a.text.length === 0) push(`${p}/text`, "is required");
      max("text", LINE_LIMITS.actionTextLength);
      break;
    case "uri":
      checkUri(a.uri, `${p}/uri`, push, true);
      if (isObj(a.altUri) && a.altUri.desktop !== undefined)
        checkUri(a.altUri.desktop, `${p}/altUri/desktop`, push, false);
      break;
    case "datetimepicker":
      if (typeof a.data !== "string") push(`${p}/data`, "is required");
      if (a.mode === undefined) push(`${p}/mode`, "is required");
      max("data", LINE_LIMITS.postbackDataLength);
      break;
    case "richmenuswitch":
      if (rules.where !== "richMenu") push(`${p}/type`, "richmenuswitch can only be used in a rich menu");
      if (typeof a.richMenuAliasId !== "string" || !LINE_LIMITS.richMenuAliasId.test(a.richMenuAliasId))
        push(`${p}/richMenuAliasId`, "is required and must match ^[a-z0-9_-]{1,32}$");
      if (typeof a.data !== "string") push(`${p}/data`, "is required");
      max("data", LINE_LIMITS.postbackDataLength);
      break;
    case "camera":
    case "cameraRoll":
    case "location":
      if (rules.where !== "quickReply") push(`${p}/type`, `${a.type} can only be used in a quick reply`);
      break;
  }
}

/** Action URIs: at most 1,000 characters; https, line or tel only (no plain http). */
function checkUri(v: unknown, p: string, push: Push, required: boolean): void {
  if (v === undefined) {
    if (required) push(p, "is required");
    return;
  }
  if (typeof v !== "string") return push(p, "must be a string");
  if (v.length > LINE_LIMITS.uriLength)
    push(p, `must be at most ${LINE_LIMITS.uriLength} characters, got ${v.length}`);
  let scheme: string;
  try {
    scheme = new URL(v).protocol;
  } catch {
    return push(p, "must be an absolute URI");
  }
  if (!LINE_LIMITS.uriSchemes.includes(scheme)) push(p, `scheme must be https, line or tel (got ${scheme})`);
  if (!isRfc3986Uri(v)) push(p, "must be a URI (RFC 3986): percent-encode spaces, kana and other characters");
}

/** Image and media URLs: https only, at most 2,000 characters (1,000 for quick reply icons). */
function checkImageUrl(v: unknown, p: string, push: Push, limit: number = LINE_LIMITS.imageUrlLength): void {
  if (v === undefined) return;
  if (typeof v !== "string") return push(p, "must be a string");
  if (v.length > limit) push(p, `must be at most ${limit} characters, got ${v.length}`);
  if (!v.startsWith("https://")) push(p, "must be an https:// URL");
  else if (!isRfc3986Uri(v))
    push(p, "must be a URI (RFC 3986): percent-encode spaces, kana and other characters");
}

/** Limit violations in a rich menu request. */
export function checkRichMenuLimits(r: unknown): LineValidationError[] {
  const errors: LineValidationError[] = [];
  const push: Push = (pointer, message) => errors.push({ pointer, message });
  if (!isObj(r)) return errors;
  const rm = LINE_LIMITS.richMenu;
  const size = isObj(r.size) ? r.size : null;
  const width = typeof size?.width === "number" ? size.width : 0;
  const height = typeof size?.height === "number" ? size.height : 0;
  if (!size) push("/size", "is required");
  else {
    if (width < rm.minWidth || width > rm.maxWidth)
      push("/size/width", `must be ${rm.minWidth}–${rm.maxWidth} px, got ${width}`);
    if (height < rm.minHeight) push("/size/height", `must be at least ${rm.minHeight} px, got ${height}`);
    if (height > 0 && width / height < rm.minAspectRatio)
      push("/size", `width/height must be at least ${rm.minAspectRatio} (e.g. 2500×1686 or 2500×843)`);
  }
  if (typeof r.selected !== "boolean") push("/selected", "is required (true or false)");
  if (typeof r.name !== "string" || r.name.length === 0) push("/name", "is required");
  else if (r.name.length > rm.nameLength) push("/name", `must be at most ${rm.nameLength} characters`);
  if (typeof r.chatBarText !== "string" || r.chatBarText.length === 0) push("/chatBarText", "is required");
  else if (r.chatBarText.length > rm.chatBarTextLength)
    push("/chatBarText", `must be at most ${rm.chatBarTextLength} characters, got ${r.chatBarText.length}`);
  if (!Array.isArray(r.areas)) {
    push("/areas", "is required");
    return errors;
  }
  if (r.areas.length > rm.maxAreas)
    push("/areas", `must have at most ${rm.maxAreas} areas, got ${r.areas.length}`);
  r.areas.forEach((area, i) => {
    if (!isObj(area)) return;
    const b = isObj(area.bounds) ? area.bounds : null;
    if (!b) push(`/areas/${i}/bounds`, "is required");
    else if (size) {
      const [x, y, w, h] = [b.x, b.y, b.width, b.height].map((n) => (typeof n === "number" ? n : NaN)) as [
        number,
        number,
        number,
        number,
      ];
      if (!(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= width && y + h <= height))
        push(
          `/areas/${i}/bounds`,
          `must lie inside the ${width}×${height} menu (x=${x}, y=${y}, w=${w}, h=${h})`,
        );
    }
    if (!isObj(area.action)) push(`/areas/${i}/action`, "is required");
    else
      checkAction(area.action, `/areas/${i}/action`, push, {
        labelRequired: false,
        labelMax: LINE_LIMITS.labelLength,
        where: "richMenu",
      });
  });
  return errors;
}
