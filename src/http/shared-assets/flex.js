// Renders LINE messages (text, Flex bubbles and carousels, quick replies) as HTML, following the
// Flex Message layout rules closely enough that staff and residents see what LINE would show.
// Plain browser JavaScript with no build step: the simulator and the staff console both load it.
/* global document, window */
(function (global) {
  "use strict";

  const SIZES = { xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, "3xl": 35, "4xl": 48, "5xl": 74 };
  const SPACING = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
  const ICON = { xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, "3xl": 35, "4xl": 48, "5xl": 74 };
  const IMG = {
    xxs: 40,
    xs: 60,
    sm: 80,
    md: 100,
    lg: 120,
    xl: 140,
    xxl: 160,
    "3xl": 180,
    "4xl": 200,
    "5xl": 220,
    full: "100%",
  };

  const px = (v, table) => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === "number") return `${v}px`;
    if (table && Object.hasOwn(table, v)) return typeof table[v] === "number" ? `${table[v]}px` : table[v];
    return v; // already "12px" or "50%"
  };

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === "style") Object.assign(e.style, v);
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("data-")) e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children || []) if (c) e.appendChild(c);
    return e;
  }

  /** Applies the common offset/margin/flex properties of a component inside its parent box. */
  function place(node, c, parentLayout, isFirst, parentSpacing) {
    const s = node.style;
    const flex = c.flex !== undefined ? c.flex : parentLayout === "vertical" ? 0 : 1;
    s.flex = `${flex} ${flex} ${flex === 0 ? "auto" : "0%"}`;
    s.minWidth = "0";
    const margin =
      c.margin !== undefined ? px(c.margin, SPACING) : isFirst ? undefined : px(parentSpacing, SPACING);
    if (margin && !isFirst) {
      if (parentLayout === "vertical") s.marginTop = margin;
      else s.marginLeft = margin;
    }
    if (c.position === "absolute") s.position = "absolute";
    else if (c.offsetTop || c.offsetBottom || c.offsetStart || c.offsetEnd) s.position = "relative";
    if (c.offsetTop) s.top = px(c.offsetTop, SPACING);
    if (c.offsetBottom) s.bottom = px(c.offsetBottom, SPACING);
    if (c.offsetStart) s.left = px(c.offsetStart, SPACING);
    if (c.offsetEnd) s.right = px(c.offsetEnd, SPACING);
    if (c.alignSelf) s.alignSelf = { start: "flex-start", end: "flex-end", center: "center" }[c.alignSelf];
    if (c.gravity && parentLayout === "horizontal")
      s.alignSelf = { top: "flex-start", bottom: "flex-end", center: "center" }[c.gravity];
    return node;
  }

  function renderAction(action, onAction, node) {
    if (!action || !onAction) return node;
    node.classList.add("flex-tappable");
    node.tabIndex = 0;
    node.setAttribute("role", "button");
    if (action.label) node.setAttribute("aria-label", action.label);
    const fire = (ev) => {
      ev.stopPropagation();
      onAction(action);
    };
    node.addEventListener("click", fire);
    node.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        fire(ev);
      }
    });
    return node;
  }

  function renderText(c, ctx) {
    const node = el("div", { className: "flex-text" });
    const s = node.style;
    s.fontSize = px(c.size || "md", SIZES);
    s.lineHeight = c.lineSpacing ? undefined : "1.4";
    if (c.weight === "bold") s.fontWeight = "700";
    if (c.color) s.color = c.color;
    if (c.align) s.textAlign = { start: "left", end: "right", center: "center" }[c.align];
    if (c.style === "italic") s.fontStyle = "italic";
    if (c.decoration === "underline") s.textDecoration = "underline";
    if (c.decoration === "line-through") s.textDecoration = "line-through";
    s.whiteSpace = c.wrap ? "pre-wrap" : "nowrap";
    if (!c.wrap) {
      s.overflow = "hidden";
      s.textOverflow = "ellipsis";
    }
    if (c.wrap && c.maxLines) {
      s.display = "-webkit-box";
      s.webkitLineClamp = String(c.maxLines);
      s.webkitBoxOrient = "vertical";
      s.overflow = "hidden";
    }
    if (Array.isArray(c.contents) && c.contents.length > 0) {
      for (const span of c.contents) {
        const sp = el("span", { text: span.text || "" });
        if (span.size) sp.style.fontSize = px(span.size, SIZES);
        if (span.weight === "bold") sp.style.fontWeight = "700";
        if (span.color) sp.style.color = span.color;
        node.appendChild(sp);
      }
    } else node.textContent = c.text || "";
    return renderAction(c.action, ctx.onAction, node);
  }

  function renderButton(c, ctx) {
    const style = c.style || "link";
    const node = el("div", { className: `flex-button flex-button-${style}` });
    node.style.height = c.height === "sm" ? "40px" : "52px";
    const color = c.color;
    if (style === "primary") node.style.background = color || "#17c950";
    if (style === "secondary") node.style.background = color || "#dcdfe5";
    if (style === "link" && color) node.style.color = color;
    node.appendChild(el("span", { text: (c.action && c.action.label) || "" }));
    return renderAction(c.action, ctx.onAction, node);
  }

  function renderImage(c) {
    const wrap = el("div", { className: "flex-image" });
    const img = el("img", { src: c.url, alt: c.altText || "" });
    wrap.style.width = px(c.size || "md", IMG);
    wrap.style.maxWidth = "100%";
    if (c.aspectRatio) {
      const [w, h] = String(c.aspectRatio).split(":").map(Number);
      if (w && h) wrap.style.aspectRatio = `${w} / ${h}`;
    }
    if (c.backgroundColor) wrap.style.background = c.backgroundColor;
    img.style.objectFit = c.aspectMode === "cover" ? "cover" : "contain";
    wrap.appendChild(img);
    return wrap;
  }

  function renderBox(c, ctx) {
    const layout = c.layout || "vertical";
    const node = el("div", { className: `flex-box flex-box-${layout}` });
    const s = node.style;
    s.display = "flex";
    s.flexDirection = layout === "vertical" ? "column" : "row";
    if (layout === "baseline") s.alignItems = "baseline";
    if (c.backgroundColor) s.background = c.backgroundColor;
    if (c.borderColor) s.borderColor = c.borderColor;
    if (c.borderWidth) {
      s.borderStyle = "solid";
      s.borderWidth =
        { none: "0", light: "0.5px", normal: "1px", medium: "2px", "semi-bold": "3px", bold: "4px" }[
          c.borderWidth
        ] || c.borderWidth;
    }
    if (c.cornerRadius) s.borderRadius = px(c.cornerRadius, SPACING);
    if (c.width) s.width = c.width;
    if (c.height) s.height = c.height;
    if (c.paddingAll) s.padding = px(c.paddingAll, SPACING);
    if (c.paddingTop) s.paddingTop = px(c.paddingTop, SPACING);
    if (c.paddingBottom) s.paddingBottom = px(c.paddingBottom, SPACING);
    if (c.paddingStart) s.paddingLeft = px(c.paddingStart, SPACING);
    if (c.paddingEnd) s.paddingRight = px(c.paddingEnd, SPACING);
    if (c.justifyContent) s.justifyContent = c.justifyContent;
    if (c.alignItems) s.alignItems = c.alignItems;
    (c.contents || []).forEach((child, i) => {
      const n = renderComponent(child, ctx);
      if (n) node.appendChild(place(n, child, layout, i === 0, c.spacing));
    });
    return renderAction(c.action, ctx.onAction, node);
  }

  function renderComponent(c, ctx) {
    switch (c && c.type) {
      case "box":
        return renderBox(c, ctx);
      case "text":
        return renderText(c, ctx);
      case "button":
        return renderButton(c, ctx);
      case "image":
        return renderImage(c);
      case "icon": {
        const i = el("img", { src: c.url, alt: "", className: "flex-icon" });
        i.style.width = i.style.height = px(c.size || "md", ICON);
        return i;
      }
      case "separator": {
        const sep = el("div", { className: "flex-separator" });
        if (c.color) sep.style.background = c.color;
        return sep;
      }
      case "spacer": {
        const sp = el("div", { className: "flex-spacer" });
        sp.style.height = px(c.size || "md", SPACING);
        return sp;
      }
      case "filler":
        return el("div", { className: "flex-filler" });
      case "span":
        return el("span", { text: c.text });
      default:
        return el("div", { className: "flex-unknown", text: `[${c && c.type}]` });
    }
  }

  function renderBubble(b, ctx) {
    const node = el("div", { className: `flex-bubble flex-bubble-${b.size || "mega"}` });
    if (b.direction === "rtl") node.dir = "rtl";
    for (const part of ["header", "hero", "body", "footer"]) {
      const c = b[part];
      if (!c) continue;
      const block = el("div", { className: `flex-block flex-${part}` });
      const st = b.styles && b.styles[part];
      if (st && st.backgroundColor) block.style.background = st.backgroundColor;
      if (st && st.separator) block.classList.add("flex-block-separator");
      const inner = renderComponent(c, ctx);
      if (c.type === "box" && !c.paddingAll && part !== "hero")
        inner.style.padding = inner.style.padding || "16px";
      block.appendChild(inner);
      node.appendChild(block);
    }
    return renderAction(b.action, ctx.onAction, node);
  }

  /** Renders one message object into a DOM node. `onAction(action)` receives taps. */
  function renderMessage(m, onAction) {
    const ctx = { onAction };
    if (m.type === "text") return el("div", { className: "msg-text", text: m.text });
    if (m.type === "flex") {
      const c = m.contents;
      if (c.type === "carousel") {
        const row = el("div", { className: "flex-carousel", role: "group" });
        row.setAttribute("aria-label", m.altText || "");
        for (const b of c.contents) row.appendChild(renderBubble(b, ctx));
        return row;
      }
      return renderBubble(c, ctx);
    }
    if (m.type === "image") return el("img", { className: "msg-image", src: m.previewImageUrl, alt: "" });
    if (m.type === "sticker") return el("div", { className: "msg-text", text: "(スタンプ)" });
    return el("div", { className: "msg-text", text: m.altText || `[${m.type}]` });
  }

  /** Renders a message's quick reply items as chips; null when it has none. */
  function renderQuickReply(m, onAction) {
    const items = (m.quickReply && m.quickReply.items) || [];
    if (items.length === 0) return null;
    const row = el("div", { className: "quick-replies", role: "group" });
    row.setAttribute("aria-label", "えらんでください");
    for (const it of items) {
      const chip = el("button", { className: "quick-reply", type: "button", text: it.action.label || "" });
      chip.addEventListener("click", () => onAction(it.action));
      row.appendChild(chip);
    }
    return row;
  }

  global.LineFlex = { renderMessage, renderQuickReply };
})(window);
