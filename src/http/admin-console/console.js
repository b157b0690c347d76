/* global document, sessionStorage, fetch, window, setTimeout, clearTimeout */
// Staff console for notices: plain JS, no build. It talks only to /admin/api with the bearer
// token the staff member types in (kept in sessionStorage, gone when the tab closes).
// All data is written with textContent, never as HTML.

const API = "/admin/api";
const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
};

let token = sessionStorage.getItem("adminToken") || "";
let meta = null;
let currentId = null;
let pollTimer = null;

function say(text, isError = false) {
  const s = $("status");
  s.textContent = text;
  s.classList.toggle("error", isError);
}

async function api(path, { method = "GET", body } = {}) {
  const res = await fetch(API + path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (res.status === 401) {
    sessionStorage.removeItem("adminToken");
    showLogin();
  }
  if (!res.ok) {
    const err = new Error(data.message || `エラー (${res.status})`);
    err.issues = data.issues || [];
    throw err;
  }
  return data;
}

// ---------- Flex preview ----------

// Drawn by the simulator's renderer (shared/flex.js), so staff see what residents will see.
// No tap handler: buttons in a preview do nothing.
function renderMessages(target, messages) {
  target.replaceChildren();
  for (const m of messages || []) {
    target.append(el("div", { class: "preview-msg" }, window.LineFlex.renderMessage(m)));
    if (m.altText) target.append(el("p", { class: "flex-alt", text: `通知に出る文: ${m.altText}` }));
  }
}

// ---------- compose ----------

function formValue() {
  const f = $("notice-form");
  const v = (name) => f.elements[name].value.trim();
  const checked = (box) => [...$(box).querySelectorAll("input:checked")].map((i) => i.value);
  const out = {
    title: v("title"),
    body: $("f-body").value,
    wards: checked("f-wards"),
    topics: checked("f-topics"),
    startsAt: v("startsAt"),
    place: v("place"),
    author: v("author"),
  };
  if (v("endsAt")) out.endsAt = v("endsAt");
  if (v("url")) out.url = v("url");
  if (v("imageUrl")) out.imageUrl = v("imageUrl");
  if (v("programId")) out.programId = v("programId");
  return out;
}

function showIssues(issues) {
  for (const p of document.querySelectorAll("#notice-form .err")) p.textContent = "";
  for (const input of document.querySelectorAll("#notice-form [aria-invalid]"))
    input.removeAttribute("aria-invalid");
  for (const i of issues || []) {
    const key = String(i.path).split(".")[0];
    const p = $(`e-${key}`);
    if (p) p.textContent = p.textContent ? `${p.textContent} ${i.message}` : i.message;
    $(`f-${key}`)?.setAttribute("aria-invalid", "true");
  }
}

let previewSeq = 0;
let previewTimer = null;
function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(updatePreview, 250);
}

async function updatePreview() {
  const seq = ++previewSeq;
  try {
    const r = await api("/preview", {
      method: "POST",
      body: { notice: formValue(), largeText: $("f-large").checked },
    });
    if (seq !== previewSeq) return;
    if (r.messages) renderMessages($("preview"), r.messages);
    else $("preview").replaceChildren(el("p", { text: "必須の項目を入れると、ここに見え方が出ます。" }));
    $("preview-issues").textContent = (r.issues || []).map((i) => i.message).join(" ");
  } catch (e) {
    if (seq === previewSeq) $("preview-issues").textContent = e.message;
  }
}

async function saveDraft(ev) {
  ev.preventDefault();
  try {
    const { notice } = await api("/notices", { method: "POST", body: formValue() });
    showIssues([]);
    say(`下書きを保存しました（${notice.id}）。人数を数えてから確定してください。`);
    await select(notice.id);
    await loadNotices();
    $("current-h").scrollIntoView();
    $("btn-dry-run").focus();
  } catch (e) {
    showIssues(e.issues);
    say(e.message, true);
    document.querySelector("#notice-form [aria-invalid]")?.focus();
  }
}

// ---------- the selected notice ----------

function fmtTime(ms) {
  if (ms == null) return "—";
  return new Intl.DateTimeFormat("ja-JP", {
    timeZone: "Asia/Tokyo",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(ms);
}

function countTable(caption, rows) {
  return el(
    "table",
    {},
    el("caption", { text: caption }),
    el(
      "tbody",
      {},
      ...rows.map(([k, v]) =>
        el("tr", {}, el("th", { scope: "row", text: k }), el("td", { class: "num", text: String(v) })),
      ),
    ),
  );
}

async function select(id) {
  currentId = id;
  clearTimeout(pollTimer);
  $("dry-run").replaceChildren();
  await refreshCurrent();
}

async function refreshCurrent() {
  if (!currentId) return;
  const { notice, report } = await api(`/notices/${encodeURIComponent(currentId)}`);
  $("current-empty").hidden = true;
  $("current-body").hidden = false;
  $("c-title").textContent = notice.title;
  $("c-when").textContent = notice.whenWithEra;
  $("c-state").textContent = notice.stateLabel;
  $("c-sendAt").textContent = notice.sendAtLabel || "—";
  const editable = notice.state === "draft";
  $("btn-confirm").disabled = !editable;
  $("btn-cancel").disabled = !(notice.state === "draft" || notice.state === "confirmed");
  $("btn-push-preview").hidden = !meta.previewPush;
  $("report").replaceChildren(
    countTable("人数", [
      ["対象", report.recipients.total],
      ["送信ずみ", report.recipients.sent],
      ["送信まち", report.recipients.pending],
      ["失敗", report.recipients.failed],
    ]),
    ...(report.failures.length
      ? [
          countTable(
            "失敗の理由（人数）",
            report.failures.map((f) => [f.reason, f.recipients]),
          ),
        ]
      : []),
  );
  if (notice.state === "confirmed" || notice.state === "sending") {
    pollTimer = setTimeout(() => refreshCurrent().catch((e) => say(e.message, true)), 2000);
  }
}

async function dryRun() {
  try {
    const r = await api(`/notices/${encodeURIComponent(currentId)}/dry-run`, { method: "POST", body: {} });
    const wardRows = meta.wards.map((w) => [w, r.recipients.byWard[w] || 0]);
    const topicRows = Object.entries(meta.topics).map(([k, label]) => [label, r.recipients.byTopic[k] || 0]);
    const quota = r.quota
      ? r.quota.limit === null
        ? `今月の上限: なし（使用 ${r.quota.used} 通）`
        : `今月の残り: ${r.quota.remaining} 通（上限 ${r.quota.limit} 通）`
      : "今月の上限: わかりません";
    $("dry-run").replaceChildren(
      el("p", {
        text: `届く人: ${r.recipients.total} 人 / 使うメッセージ数: ${r.estimatedMessages} 通 / ${quota}`,
      }),
      ...(r.withinQuota === false
        ? [el("p", { class: "warn", text: "今月の残りを超えます。送信できません。" })]
        : []),
      // What LINE would refuse in the exact messages: confirm is refused until it is fixed.
      ...(r.problems || []).map((p) => el("p", { class: "warn", text: p.message })),
      countTable("区ごとの人数", wardRows),
      countTable("分野ごとの人数（重なりあり）", topicRows),
    );
    say("人数を数えました。");
  } catch (e) {
    say(e.message, true);
  }
}

async function pushPreview() {
  try {
    const r = await api(`/notices/${encodeURIComponent(currentId)}/preview`, {
      method: "POST",
      body: { push: true },
    });
    say(
      r.pushed?.ok ? "自分のLINEに下見を送りました。" : r.pushed?.message || "送れませんでした。",
      !r.pushed?.ok,
    );
  } catch (e) {
    say(e.message, true);
  }
}

async function confirmNotice(ev) {
  ev.preventDefault();
  if (!$("f-checked").checked) {
    say("下見と人数を確かめてから、チェックを入れてください。", true);
    $("f-checked").focus();
    return;
  }
  try {
    const sendAt = $("f-sendAt").value || null;
    const { notice } = await api(`/notices/${encodeURIComponent(currentId)}/confirm`, {
      method: "POST",
      body: { sendAt },
    });
    say(`確定しました。${notice.sendAtLabel} に送ります。`);
    await refreshCurrent();
    await loadNotices();
  } catch (e) {
    say(e.message, true);
  }
}

async function cancelNotice() {
  if (!window.confirm("このお知らせを取り消しますか？")) return;
  try {
    await api(`/notices/${encodeURIComponent(currentId)}/cancel`, { method: "POST", body: {} });
    say("取り消しました。");
    await refreshCurrent();
    await loadNotices();
  } catch (e) {
    say(e.message, true);
  }
}

// ---------- lists ----------

async function loadNotices() {
  const { notices, counts } = await api("/notices");
  $("state-counts").textContent = Object.entries(counts)
    .map(([s, n]) => `${meta.states[s]} ${n}件`)
    .join(" / ");
  $("notice-rows").replaceChildren(
    ...notices.map((n) =>
      el(
        "tr",
        {},
        el("td", { text: n.title }),
        el("td", { text: n.when }),
        el("td", { text: n.wards.join("・") }),
        el("td", { text: n.stateLabel }),
        el(
          "td",
          {},
          el("button", {
            type: "button",
            text: "ひらく",
            "aria-label": `${n.title} をひらく`,
            onclick: () => select(n.id).then(() => $("current-h").scrollIntoView()),
          }),
        ),
      ),
    ),
  );
}

async function loadQuestions() {
  const { questions } = await api("/unanswered?limit=50");
  $("question-rows").replaceChildren(
    ...(questions.length
      ? questions.map((q) =>
          el(
            "tr",
            {},
            el("td", { text: q.text }),
            el("td", { class: "num", text: String(q.count) }),
            el("td", { class: "num", text: String(q.askers) }),
            el("td", { text: fmtTime(q.lastAt) }),
          ),
        )
      : [el("tr", {}, el("td", { colspan: "4", text: "まだありません。" }))]),
  );
}

// ---------- start ----------

function showLogin() {
  $("login").hidden = false;
  $("app").hidden = true;
  $("token").focus();
}

async function start() {
  try {
    meta = await api("/meta");
  } catch (e) {
    say(e.message, true);
    return showLogin();
  }
  $("login").hidden = true;
  $("app").hidden = false;
  $("f-wards").replaceChildren(
    ...meta.wards.map((w) => el("label", {}, el("input", { type: "checkbox", name: "wards", value: w }), w)),
  );
  $("f-topics").replaceChildren(
    ...Object.entries(meta.topics).map(([k, label]) =>
      el("label", {}, el("input", { type: "checkbox", name: "topics", value: k }), label),
    ),
  );
  const sel = $("f-programId");
  for (const p of meta.programs) sel.append(el("option", { value: p.id, text: `${p.ward} ${p.name}` }));
  $("f-title").maxLength = meta.limits.title;
  $("f-body").maxLength = meta.limits.body;
  $("f-place").maxLength = meta.limits.place;
  say("ログインしました。");
  await Promise.all([loadNotices(), loadQuestions(), updatePreview()]);
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    token = $("token").value.trim();
    sessionStorage.setItem("adminToken", token);
    start();
  });
  $("notice-form").addEventListener("input", schedulePreview);
  $("notice-form").addEventListener("change", schedulePreview);
  $("notice-form").addEventListener("submit", saveDraft);
  $("btn-dry-run").addEventListener("click", dryRun);
  $("btn-push-preview").addEventListener("click", pushPreview);
  $("confirm-form").addEventListener("submit", confirmNotice);
  $("btn-cancel").addEventListener("click", cancelNotice);
  if (token) start();
  else showLogin();
});
