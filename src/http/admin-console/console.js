/* global document, window, setTimeout, clearTimeout */
// Staff console for notices: plain JS, no build. The login, the API client and the DOM helpers
// are common.js's, shared with the catalogue console. All data is written with textContent,
// never as HTML.

import { $, api, el, login, say, showApp, showLogin } from "./common.js";

let meta = null;
let currentId = null;
let pollTimer = null;

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

// Errors appear only for fields the staff member has touched (or all of them after a save
// attempt), and each one goes away as soon as the field is fixed: every edit re-validates
// through the preview call, and the error lines are redrawn from its answer.
const touched = new Set();
let submitted = false;

function fieldKey(target) {
  if (!target) return null;
  if (target.name === "wards" || target.name === "topics") return target.name;
  return target.name || null;
}

function showIssues(issues) {
  const byKey = new Map();
  for (const i of issues || []) {
    const key = String(i.path).split(".")[0];
    if (!submitted && !touched.has(key)) continue;
    byKey.set(key, byKey.has(key) ? `${byKey.get(key)} ${i.message}` : i.message);
  }
  for (const p of document.querySelectorAll("#notice-form .err")) {
    const key = p.id.replace(/^e-/, "");
    p.textContent = byKey.get(key) || "";
  }
  for (const input of document.querySelectorAll("#notice-form [aria-invalid]"))
    input.removeAttribute("aria-invalid");
  for (const key of byKey.keys()) $(`f-${key}`)?.setAttribute("aria-invalid", "true");
}

/**
 * "12 / 40 文字" under a field; above the limit it turns red and says how many to remove. The
 * field itself has no maxlength: a paste is never cut silently, the server refuses it instead.
 */
function updateCounter(input, counter, limit, normalise) {
  const n = normalise(input.value).length;
  counter.textContent =
    n > limit ? `${n} / ${limit} 文字（${n - limit}文字 多すぎます）` : `${n} / ${limit} 文字`;
  counter.classList.toggle("over", n > limit);
}
const oneLineLength = (v) => v.trim();
const bodyLength = (v) => v.replace(/\r\n?/g, "\n").trim();

function updateNoticeCounters() {
  if (!meta) return;
  updateCounter($("f-title"), $("f-title-count"), meta.limits.title, oneLineLength);
  updateCounter($("f-body"), $("f-body-count"), meta.limits.body, bodyLength);
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
    $("preview-issues").textContent = "";
    showIssues(r.issues);
  } catch (e) {
    if (seq === previewSeq) $("preview-issues").textContent = e.message;
  }
}

let editingId = null;

function setEditing(id) {
  editingId = id;
  $("save-draft").textContent = id ? "下書きを更新" : "下書きを保存";
  $("new-draft").hidden = !id;
}

async function saveDraft(ev) {
  ev.preventDefault();
  submitted = true;
  try {
    const { notice } = editingId
      ? await api(`/notices/${encodeURIComponent(editingId)}`, { method: "PUT", body: formValue() })
      : await api("/notices", { method: "POST", body: formValue() });
    submitted = false;
    touched.clear();
    showIssues([]);
    say(
      editingId
        ? `下書きを直しました（${notice.id}）。もう一度 人数を数えてから確定してください。`
        : `下書きを保存しました（${notice.id}）。人数を数えてから確定してください。`,
    );
    setEditing(notice.id);
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

let currentState = null;

async function select(id) {
  currentId = id;
  currentState = null;
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
  $("c-dryRun").textContent = notice.dryRun
    ? `${notice.dryRun.recipients} 人（${notice.dryRun.atLabel} に数えました）`
    : notice.state === "draft"
      ? "まだ数えていません。確定の前に「対象の人数を数える」を押してください。"
      : "—";
  const editable = notice.state === "draft";
  $("btn-confirm").disabled = !editable;
  $("btn-edit").hidden = !editable;
  // The list's counts (送信予定 / 送信済み …) follow the notice as the sender moves it on.
  if (currentState !== null && currentState !== notice.state) await loadNotices();
  currentState = notice.state;
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
        : `今月の残り: ${r.quota.remaining} 通（上限 ${r.quota.limit} 通` +
          (r.quota.reserved ? `、送信予定のお知らせで ${r.quota.reserved} 通 使う予定` : "") +
          "）"
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
    await refreshCurrent();
  } catch (e) {
    say(e.message, true);
  }
}

/** "YYYY-MM-DDTHH:mm" in Tokyo time, the value a datetime-local field takes. */
function tokyoLocal(ms) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Tokyo",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

async function editCurrent() {
  const { notice } = await api(`/notices/${encodeURIComponent(currentId)}`);
  const f = $("notice-form");
  f.elements.title.value = notice.title;
  $("f-body").value = notice.body;
  for (const box of $("f-wards").querySelectorAll("input")) box.checked = notice.wards.includes(box.value);
  for (const box of $("f-topics").querySelectorAll("input")) box.checked = notice.topics.includes(box.value);
  f.elements.startsAt.value = tokyoLocal(notice.startsAt);
  f.elements.endsAt.value = notice.endsAt === null ? "" : tokyoLocal(notice.endsAt);
  f.elements.place.value = notice.place;
  f.elements.url.value = notice.url || "";
  f.elements.imageUrl.value = notice.imageUrl || "";
  f.elements.programId.value = notice.programId || "";
  f.elements.author.value = notice.author;
  setEditing(notice.id);
  updateNoticeCounters();
  await updatePreview();
  $("compose-h").scrollIntoView();
  $("f-title").focus();
  say("下書きを直せます。直したら、もう一度 人数を数えてください。");
}

function newDraft() {
  $("notice-form").reset();
  setEditing(null);
  touched.clear();
  submitted = false;
  updateNoticeCounters();
  schedulePreview();
  $("f-title").focus();
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

// ---------- emergency bulletins ----------

let bulletinAreas = [];

function bulletinSlug() {
  const scope = $("b-scope").value;
  return (bulletinAreas.find((a) => a.scope === scope) || {}).slug;
}

function updateBulletinCounters() {
  if (!bulletinMeta) return;
  updateCounter($("b-title"), $("b-title-count"), bulletinMeta.limits.title, oneLineLength);
  updateCounter($("b-body"), $("b-body-count"), bulletinMeta.limits.body, bodyLength);
}

let bulletinMeta = null;

async function loadBulletins() {
  const r = await api("/bulletins");
  bulletinMeta = r;
  bulletinAreas = r.areas.map((a) => ({ ...a, slug: r.slugs[a.scope] }));
  const sel = $("b-scope");
  const chosen = sel.value;
  if (sel.options.length === 0)
    for (const a of bulletinAreas) sel.append(el("option", { value: a.scope, text: a.label }));
  if (chosen) sel.value = chosen;
  $("bulletin-rows").replaceChildren(
    ...bulletinAreas.map((a) => {
      const b = a.bulletin;
      const state = !b ? "なし" : b.state === "published" ? "公開中" : "取り下げ";
      return el(
        "tr",
        {},
        el("th", { scope: "row", text: a.label }),
        el("td", { text: state, class: b && b.state === "published" ? "state-published" : "" }),
        el("td", { text: b ? b.title : "—" }),
        el("td", { text: b ? b.updatedAtLabel : "—" }),
      );
    }),
  );
  updateBulletinCounters();
}

function fillBulletinForm() {
  const a = bulletinAreas.find((x) => x.scope === $("b-scope").value);
  const b = a && a.bulletin && a.bulletin.state === "published" ? a.bulletin : null;
  $("b-title").value = b ? b.title : "";
  $("b-body").value = b ? b.body : "";
  $("b-url").value = b && b.url ? b.url : "";
  if (b) $("b-author").value = b.author;
  $("b-withdraw").disabled = !b;
  for (const p of document.querySelectorAll("#bulletin-form .err")) p.textContent = "";
  updateBulletinCounters();
}

async function previewBulletin() {
  const slug = bulletinSlug();
  if (!slug) return;
  const r = await api("/bulletins/preview", { method: "POST", body: { scope: slug } });
  renderMessages($("b-preview"), r.messages);
}

async function publishBulletin(ev) {
  ev.preventDefault();
  const body = {
    title: $("b-title").value,
    body: $("b-body").value,
    author: $("b-author").value,
  };
  if ($("b-url").value.trim()) body.url = $("b-url").value.trim();
  for (const p of document.querySelectorAll("#bulletin-form .err")) p.textContent = "";
  try {
    const { bulletin } = await api(`/bulletins/${bulletinSlug()}`, { method: "PUT", body });
    say(`${bulletin.scopeLabel}の 緊急のお知らせを 公開しました（${bulletin.updatedAtLabel} 更新）。`);
    await loadBulletins();
    fillBulletinForm();
    await previewBulletin();
  } catch (e) {
    for (const i of e.issues || []) {
      const p = $(`e-b-${String(i.path).split(".")[0]}`);
      if (p) p.textContent = p.textContent ? `${p.textContent} ${i.message}` : i.message;
    }
    say(e.message, true);
  }
}

async function withdrawBulletin() {
  const label = $("b-scope").selectedOptions[0]?.textContent || "";
  if (!window.confirm(`${label}の 緊急のお知らせを 取り下げますか？`)) return;
  try {
    const { bulletin } = await api(`/bulletins/${bulletinSlug()}/withdraw`, { method: "POST", body: {} });
    say(`${bulletin.scopeLabel}の 緊急のお知らせを 取り下げました。`);
    await loadBulletins();
    fillBulletinForm();
    await previewBulletin();
  } catch (e) {
    say(e.message, true);
  }
}

// ---------- start ----------

async function start() {
  try {
    meta = await api("/meta");
  } catch (e) {
    say(e.message, true);
    return showLogin();
  }
  showApp();
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
  // The year comes from the catalogue's data (「令和3年度」 after an import), never from the page.
  const years = [...new Set(meta.programs.map((p) => p.fiscalYearLabel).filter(Boolean))];
  $("f-programYears").textContent = years.length > 0 ? `（${years.join("・")}）` : "";
  updateNoticeCounters();
  say("ログインしました。");
  await Promise.all([loadNotices(), loadQuestions(), updatePreview(), loadBulletins()]);
  fillBulletinForm();
  await previewBulletin();
}

document.addEventListener("DOMContentLoaded", () => {
  login(start);
  const onEdit = (ev) => {
    const key = fieldKey(ev.target);
    if (key) touched.add(key);
    updateNoticeCounters();
    schedulePreview();
  };
  $("notice-form").addEventListener("input", onEdit);
  $("notice-form").addEventListener("change", onEdit);
  $("new-draft").addEventListener("click", newDraft);
  $("btn-edit").addEventListener("click", () => editCurrent().catch((e) => say(e.message, true)));
  $("bulletin-form").addEventListener("submit", publishBulletin);
  $("bulletin-form").addEventListener("input", updateBulletinCounters);
  $("b-scope").addEventListener("change", () => {
    fillBulletinForm();
    previewBulletin().catch((e) => say(e.message, true));
  });
  $("b-withdraw").addEventListener("click", withdrawBulletin);
  $("notice-form").addEventListener("submit", saveDraft);
  $("btn-dry-run").addEventListener("click", dryRun);
  $("btn-push-preview").addEventListener("click", pushPreview);
  $("confirm-form").addEventListener("submit", confirmNotice);
  $("btn-cancel").addEventListener("click", cancelNotice);
});
