// The chat simulator page: a resident's LINE chat with the bot, driven through the real signed
// webhook pipeline by the simulator API. No build step; uses LineFlex from shared/flex.js.
/* global document, window, crypto, localStorage, fetch, setInterval, LineFlex */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const chat = $("chat");
  const quick = $("quick");
  const STORAGE = "kumamoto-sim-users";

  const newUserId = () => {
    const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");
    return `U${hex}`;
  };
  let users = JSON.parse(localStorage.getItem(STORAGE) || "[]");
  if (users.length === 0) users = [newUserId()];
  let current = users[0];
  let inboxSeen = 0;
  let menus = [];
  let menuAlias = null;

  function saveUsers() {
    localStorage.setItem(STORAGE, JSON.stringify(users));
    const sel = $("user");
    sel.innerHTML = "";
    users.forEach((u, i) => {
      const o = document.createElement("option");
      o.value = u;
      o.textContent = `利用者 ${i + 1}`;
      o.selected = u === current;
      sel.appendChild(o);
    });
  }

  function addItem(cls, node) {
    const li = document.createElement("li");
    li.className = cls;
    if (cls === "bot") {
      // As in LINE: the account's icon on the left, the message beside it.
      const avatar = document.createElement("div");
      avatar.className = "avatar";
      avatar.setAttribute("aria-hidden", "true");
      avatar.textContent = "熊";
      const content = document.createElement("div");
      content.className = "content";
      content.appendChild(node);
      li.append(avatar, content);
    } else li.appendChild(node);
    chat.appendChild(li);
    chat.scrollTop = chat.scrollHeight;
    return li;
  }
  const userBubble = (text) => {
    const d = document.createElement("div");
    d.className = "msg-text";
    d.textContent = text;
    addItem("user", d);
  };
  const systemLine = (text) => {
    const d = document.createElement("div");
    d.textContent = text;
    addItem("system", d);
  };

  function showBotMessages(messages) {
    quick.innerHTML = "";
    let first = null;
    for (const m of messages) {
      const li = addItem("bot", LineFlex.renderMessage(m, onAction));
      li.dataset.type = m.type;
      // A carousel runs to the screen's edge and scrolls sideways, as in LINE.
      if (m.type === "flex" && m.contents && m.contents.type === "carousel") li.classList.add("carousel");
      first = first || li;
    }
    // A long answer (a carousel) is shown from its top, as a phone would, not from its end.
    if (first && chat.scrollHeight - first.offsetTop > chat.clientHeight)
      chat.scrollTop = first.offsetTop - 8;
    const last = messages[messages.length - 1];
    if (last) {
      const qr = LineFlex.renderQuickReply(last, onAction);
      if (qr) quick.appendChild(qr);
    }
  }

  async function send(event) {
    const res = await fetch("api/events", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId: current, ...event }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      systemLine(`エラー: ${body.error || res.status}`);
      return;
    }
    if (body.noReply) systemLine("（返事はありませんでした）");
    showBotMessages(body.messages || []);
  }

  function onAction(action) {
    // As in LINE, quick replies go away once the resident taps something.
    if (action.type !== "uri") quick.innerHTML = "";
    switch (action.type) {
      case "message":
        userBubble(action.text);
        return send({ type: "text", text: action.text });
      case "postback":
        if (action.displayText) userBubble(action.displayText);
        return send({ type: "postback", data: action.data });
      case "richmenuswitch":
        selectMenu(action.richMenuAliasId);
        return send({ type: "postback", data: action.data, newRichMenuAliasId: action.richMenuAliasId });
      case "uri":
        window.open(action.uri, "_blank", "noopener");
        return undefined;
      default:
        systemLine(`(${action.type} はシミュレーターでは使えません)`);
        return undefined;
    }
  }

  function selectMenu(aliasId) {
    const menu = menus.find((m) => m.aliasId === aliasId) || menus[0];
    const root = $("menu");
    root.innerHTML = "";
    if (!menu) return;
    menuAlias = menu.aliasId;
    $("menu-pick").value = menu.aliasId;
    root.dataset.menu = menu.name;
    const img = document.createElement("img");
    img.src = menu.imageUrl;
    img.alt = menu.name;
    root.appendChild(img);
    for (const a of menu.areas) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "area";
      b.setAttribute("aria-label", a.action.label || "");
      b.dataset.label = a.action.label || "";
      Object.assign(b.style, {
        left: `${(a.bounds.x / menu.size.width) * 100}%`,
        top: `${(a.bounds.y / menu.size.height) * 100}%`,
        width: `${(a.bounds.width / menu.size.width) * 100}%`,
        height: `${(a.bounds.height / menu.size.height) * 100}%`,
      });
      b.addEventListener("click", () => onAction(a.action));
      root.appendChild(b);
    }
  }

  // What each menu is, for the tester's menu picker (staff switch residents to the disaster menu).
  const MENU_NAMES = { main: "ふだんのメニュー", settings: "設定タブ", disaster: "災害時のメニュー" };
  let defaultAlias = null;

  async function loadMenus() {
    const res = await fetch("api/richmenus");
    const body = await res.json();
    menus = body.menus || [];
    defaultAlias = body.defaultAliasId;
    const picker = $("menu-pick");
    picker.innerHTML = "";
    for (const m of menus) {
      const o = document.createElement("option");
      o.value = m.aliasId;
      o.textContent = MENU_NAMES[m.name] || m.name;
      picker.appendChild(o);
    }
    selectMenu(menuAlias || defaultAlias);
  }

  async function pollInbox() {
    try {
      const who = current;
      const res = await fetch(`api/inbox?userId=${encodeURIComponent(who)}&since=${inboxSeen}`);
      const body = await res.json();
      if (who !== current) return; // switched users meanwhile
      if (body.messages && body.messages.length) {
        systemLine("お知らせが届きました");
        showBotMessages(body.messages);
      }
      inboxSeen = body.next ?? inboxSeen;
    } catch {
      /* the server may be restarting; try again on the next tick */
    }
  }

  $("composer").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = $("text").value;
    if (!text.trim()) return;
    $("text").value = "";
    userBubble(text);
    send({ type: "text", text });
  });
  // Each simulated user starts from an empty screen and the default menu, like another phone.
  function switchTo(userId, note) {
    current = userId;
    chat.innerHTML = "";
    quick.innerHTML = "";
    inboxSeen = 0;
    menuAlias = null;
    selectMenu(defaultAlias);
    systemLine(note);
  }
  $("user").addEventListener("change", (ev) => switchTo(ev.target.value, "利用者を切り替えました"));
  $("new-user").addEventListener("click", () => {
    users.push(newUserId());
    switchTo(users[users.length - 1], "新しい利用者です。「友だち追加」を押してください");
    saveUsers();
  });
  $("menu-pick").addEventListener("change", (ev) => selectMenu(ev.target.value));
  $("follow").addEventListener("click", () => {
    systemLine("友だち追加しました");
    send({ type: "follow" });
  });
  $("unfollow").addEventListener("click", () => {
    systemLine("ブロックしました");
    send({ type: "unfollow" });
  });
  $("refollow").addEventListener("click", () => {
    systemLine("ブロックを解除しました");
    send({ type: "follow", isUnblocked: true });
  });
  $("menu-toggle").addEventListener("click", () => {
    const menu = $("menu");
    const open = menu.hidden;
    menu.hidden = !open;
    $("menu-toggle").setAttribute("aria-expanded", String(open));
    $("menu-toggle").textContent = open ? "メニュー ▼" : "メニュー ▲";
  });

  saveUsers();
  loadMenus().catch(() => systemLine("メニューを読みこめませんでした"));
  setInterval(pollInbox, 2000);
})();
