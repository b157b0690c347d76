/* global document, URL */
// Staff console for the catalogue: years, sheet import (preview → confirm), program edits, the
// unanswered-questions loop, the audit log and staff tokens. Plain JS, no build; the login, the
// API client and the DOM helpers are common.js's, shared with the notice console. All data is
// written with textContent, never as HTML.

import { $, api, el, login, say, showApp } from "./common.js";

const STATUSES = ["実施", "一部実施", "中止", "未実施", "予算外", "予定"];
const ACTIONS = {
  "catalogue-seed": "初期データの登録",
  "catalogue-import": "シートの取りこみ",
  "program-edit": "事業の編集",
  "vocabulary-add": "ことばの登録",
  "vocabulary-remove": "ことばの削除",
  "question-resolve": "質問への対応",
  "search-rebuild": "検索のつくりなおし",
  "notice-confirm": "お知らせの確定",
  "notice-cancel": "お知らせの取り消し",
  "disaster-mode": "災害モードの切りかえ",
  "token-create": "トークンの作成",
  "token-revoke": "トークンの無効化",
};

let me = null;
let wards = [];
let pending = null;
let editing = null;
let allPrograms = [];

const day = (ms) => (ms ? new Date(ms).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" }) : "");
const short = (v) => {
  if (v === null || v === undefined) return "";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

// ---------- years ----------

async function loadYears() {
  const y = await api("/catalogue/years");
  const body = $("years-body");
  body.replaceChildren();
  for (const x of y.years) {
    const download = el("button", {
      type: "button",
      text: "Excelで書き出す",
      onclick: () => exportYear(x.year),
    });
    body.append(
      el(
        "tr",
        {},
        el("td", { text: `${x.label}（${x.year}）${x.year === y.currentYear ? " ★いま案内中" : ""}` }),
        el("td", { class: "num", text: String(x.programCount) }),
        el("td", { text: day(x.importedAt) }),
        el("td", { text: x.importedBy }),
        el("td", { text: x.source }),
        el("td", {}, download),
      ),
    );
  }
  const r = y.rebuild;
  $("search-state").textContent = r?.running
    ? "検索をつくりなおしています…（終わるまで前の検索が答えます）"
    : `検索: ${y.indexVersion ?? "最初のデータ"}${r?.lastError ? `（失敗: ${r.lastError}）` : ""}`;
  const sel = $("p-year");
  const keep = sel.value;
  sel.replaceChildren(...y.years.map((x) => el("option", { value: String(x.year), text: x.label })));
  sel.value = keep || String(y.currentYear ?? "");
  if (!$("i-year").value) $("i-year").value = String((y.currentYear ?? 2020) + 1);
  return y;
}

async function exportYear(year) {
  try {
    const blob = await api(`/catalogue/export?year=${year}`);
    const a = el("a", { href: URL.createObjectURL(blob), download: `catalogue-${year}.xlsx` });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (e) {
    say(e.message, true);
  }
}

// ---------- import ----------

function showIssues(issues) {
  const box = $("import-issues");
  box.replaceChildren();
  if (!issues || issues.length === 0) return;
  box.append(el("ul", { class: "warn" }, ...issues.map((i) => el("li", { text: i.message }))));
}

async function previewImport(ev) {
  ev.preventDefault();
  const file = $("i-file").files[0];
  const year = $("i-year").value;
  $("import-diff").hidden = true;
  showIssues([]);
  if (!file || !year) return say("年度とファイルをえらんでください。", true);
  try {
    const bytes = await file.arrayBuffer();
    const q = `year=${encodeURIComponent(year)}&name=${encodeURIComponent(file.name)}`;
    const p = await api(`/catalogue/import/preview?${q}`, { method: "POST", raw: bytes });
    pending = { bytes, q, digest: p.digest };
    renderDiff(p);
    say(
      `${p.label}（${p.wards.join("・")}）${p.programs}件を読みました。内容を確かめてから取りこんでください。`,
    );
  } catch (e) {
    showIssues(e.issues);
    say(e.message, true);
  }
}

function renderDiff(p) {
  const d = p.diff;
  $("diff-summary").textContent =
    `くらべた年度: ${d.baseYear ?? "なし"} ／ 追加 ${d.added.length}件・変更 ${d.changed.length}件・削除 ${d.removed.length}件・変更なし ${d.unchanged}件`;
  const body = $("diff-body");
  body.replaceChildren();
  const row = (kind, p, detail = "") =>
    el(
      "tr",
      {},
      el("td", { text: kind }),
      el("td", { text: p.ward }),
      el("td", { text: p.name }),
      detail ? el("td", { text: detail }) : el("td"),
    );
  body.append(
    ...d.added.map((a) => row("追加", a)),
    ...d.changed.map((c) =>
      row(
        "変更",
        c,
        c.changes.map((f) => `${f.field}: ${f.before ?? "なし"} → ${f.after ?? "なし"}`).join(" ／ "),
      ),
    ),
    ...d.removed.map((r) => row("削除", r)),
  );
  $("import-diff").hidden = false;
}

async function confirmImport() {
  if (!pending) return;
  try {
    const r = await api(`/catalogue/import/confirm?${pending.q}&digest=${pending.digest}`, {
      method: "POST",
      raw: pending.bytes,
    });
    pending = null;
    $("import-diff").hidden = true;
    $("import-form").reset();
    say(
      `${r.label}を取りこみました（${r.programs}件）。検索をつくりなおしています。1分ほどで住民の答えに反映されます。`,
    );
    await refreshAll();
  } catch (e) {
    showIssues(e.issues);
    say(e.message, true);
  }
}

// ---------- programs ----------

async function loadPrograms() {
  const year = $("p-year").value;
  if (!year) return;
  const ward = $("p-ward").value;
  const r = await api(`/catalogue/programs?year=${year}${ward ? `&ward=${encodeURIComponent(ward)}` : ""}`);
  allPrograms = r.programs;
  const body = $("programs-body");
  body.replaceChildren();
  for (const p of r.programs) {
    body.append(
      el(
        "tr",
        {},
        el("td", { text: p.ward }),
        el("td", { text: p.no ?? "" }),
        el("td", { text: p.name }),
        el("td", { text: p.status }),
        el("td", { text: p.department ?? "" }),
        el("td", { text: `${day(p.updatedAt)} ${p.updatedBy ?? ""}` }),
        el(
          "td",
          {},
          el("button", { type: "button", text: "編集", "data-id": p.id, onclick: () => openEdit(p.id) }),
        ),
      ),
    );
  }
}

async function openEdit(id) {
  const { program: p } = await api(`/catalogue/programs/${encodeURIComponent(id)}`);
  editing = p;
  $("edit-title").textContent = `${p.ward} ${p.name}（${p.fiscalYearLabel ?? ""}）`;
  $("edit-stamp").textContent = `最終更新: ${day(p.updatedAt)}（${p.updatedBy ?? ""}）`;
  $("e-description").value = p.description;
  $("e-status").value = p.status;
  $("e-statusReason").value = p.statusReason;
  $("e-department").value = p.department ?? "";
  $("e-contact").value = p.contact ?? "";
  $("e-url").value = p.url ?? "";
  $("e-also").value = (p.alsoAskedAs ?? []).join("\n");
  $("edit-err").textContent = "";
  $("edit-form").hidden = false;
  $("e-description").focus();
}

async function saveEdit(ev) {
  ev.preventDefault();
  if (!editing) return;
  const edit = {
    description: $("e-description").value,
    status: $("e-status").value,
    statusReason: $("e-statusReason").value,
    department: $("e-department").value,
    contact: $("e-contact").value,
    url: $("e-url").value,
    alsoAskedAs: $("e-also")
      .value.split("\n")
      .map((s) => s.trim())
      .filter(Boolean),
  };
  try {
    const r = await api(`/catalogue/programs/${encodeURIComponent(editing.id)}`, {
      method: "PATCH",
      body: { edit, expectedUpdatedAt: editing.updatedAt ?? null },
    });
    say(r.changed ? "保存しました。1分ほどで住民の答えに反映されます。" : "変わったところはありません。");
    await openEdit(editing.id);
    await refreshAll();
  } catch (e) {
    $("edit-err").textContent = [e.message, ...(e.issues || []).map((i) => i.message)].join(" ");
  }
}

// ---------- questions ----------

function questionActions(q) {
  const programSel = el(
    "select",
    { "aria-label": `「${q.text}」をつなぐ事業` },
    ...allPrograms.map((p) => el("option", { value: p.id, text: `${p.ward} ${p.name}` })),
  );
  const attach = el("button", {
    type: "button",
    text: "この事業の別の聞き方にする",
    onclick: () => act("/catalogue/questions/attach", { text: q.text, programId: programSel.value }),
  });
  const word = el("input", { "aria-label": "登録することば", placeholder: "ことば（例: ちびっこ）" });
  const of = el("input", { "aria-label": "同じ意味の事業のことば", placeholder: "同じ意味（例: 子ども）" });
  const syn = el("button", {
    type: "button",
    text: "ことばを登録",
    onclick: () =>
      act("/catalogue/questions/synonym", { text: q.text, word: word.value.trim(), of: of.value.trim() }),
  });
  const topic = el("input", { "aria-label": "対象外の話題", placeholder: "話題（例: 犬の登録）" });
  const where = el("input", { "aria-label": "聞く先", placeholder: "聞く先（例: 動物愛護センター）" });
  const oos = el("button", {
    type: "button",
    text: "対象外にする",
    onclick: () =>
      act("/catalogue/questions/out-of-scope", {
        text: q.text,
        topic: topic.value.trim(),
        terms: [topic.value.trim()].filter(Boolean),
        where: where.value.trim(),
      }),
  });
  return el(
    "div",
    { class: "q-actions" },
    el("div", {}, programSel, attach),
    el("div", {}, word, of, syn),
    el("div", {}, topic, where, oos),
  );
}

async function act(path, body) {
  try {
    await api(path, { method: "POST", body });
    say("登録しました。検索のつくりなおしのあと、住民の答えに反映されます。");
    await refreshAll();
  } catch (e) {
    say([e.message, ...(e.issues || []).map((i) => i.message)].join(" "), true);
  }
}

async function loadQuestions() {
  const r = await api("/catalogue/unanswered?limit=50");
  const body = $("questions-body");
  body.replaceChildren();
  if (r.questions.length === 0) body.append(el("tr", {}, el("td", { colspan: "4", text: "ありません。" })));
  for (const q of r.questions)
    body.append(
      el(
        "tr",
        {},
        el("td", { text: q.text }),
        el("td", { class: "num", text: String(q.count) }),
        el("td", { class: "num", text: String(q.askers) }),
        el("td", {}, questionActions(q)),
      ),
    );
}

// ---------- audit and tokens ----------

async function loadAudit() {
  const r = await api("/audit?limit=100");
  const body = $("audit-body");
  body.replaceChildren();
  for (const e of r.entries)
    body.append(
      el(
        "tr",
        {},
        el("td", { text: day(e.at) }),
        el("td", { text: e.who }),
        el("td", { text: ACTIONS[e.action] ?? e.action }),
        el("td", { text: `${e.target}${e.ward ? `（${e.ward}）` : ""}` }),
        el("td", { text: short(e.before) }),
        el("td", { text: short(e.after) }),
      ),
    );
}

async function loadTokens() {
  if (me?.ward) return;
  const r = await api("/staff-tokens");
  const body = $("tokens-body");
  body.replaceChildren();
  for (const t of r.tokens)
    body.append(
      el(
        "tr",
        {},
        el("td", { text: t.name }),
        el("td", { text: t.ward ?? "市全体" }),
        el("td", { text: day(t.createdAt) }),
        el("td", { text: t.revokedAt ? `無効（${day(t.revokedAt)}）` : "有効" }),
        el(
          "td",
          {},
          t.revokedAt
            ? null
            : el("button", {
                type: "button",
                class: "danger",
                text: "無効にする",
                onclick: async () => {
                  await api(`/staff-tokens/${encodeURIComponent(t.id)}/revoke`, { method: "POST", body: {} });
                  say(`${t.name} のトークンを無効にしました。すぐに使えなくなります。`);
                  await refreshAll();
                },
              }),
        ),
      ),
    );
}

async function createToken(ev) {
  ev.preventDefault();
  try {
    const r = await api("/staff-tokens", {
      method: "POST",
      body: { name: $("t-name").value.trim(), ward: $("t-ward").value || null },
    });
    const box = $("new-token");
    box.textContent = `${r.name} のトークン（この画面でだけ表示します。控えて本人にわたしてください）: ${r.token}`;
    box.hidden = false;
    $("token-form").reset();
    await refreshAll();
  } catch (e) {
    say(e.message, true);
  }
}

async function refreshAll() {
  await loadYears();
  await loadPrograms();
  await loadQuestions();
  await loadAudit();
  await loadTokens();
}

async function start() {
  try {
    me = await api("/whoami");
    const meta = await api("/catalogue/meta");
    wards = meta.wards;
  } catch (e) {
    say(e.message, true);
    return;
  }
  showApp();
  $("who").hidden = false;
  $("who").textContent = `${me.name}（${me.ward ?? "市全体"}）`;
  $("tokens").hidden = me.ward !== null;
  const wardSel = $("p-ward");
  wardSel.replaceChildren(
    el("option", { value: "", text: "すべて" }),
    ...wards.map((w) => el("option", { value: w, text: w })),
  );
  if (me.ward) wardSel.value = me.ward;
  $("t-ward").replaceChildren(
    el("option", { value: "", text: "市全体" }),
    ...wards.map((w) => el("option", { value: w, text: w })),
  );
  $("e-status").replaceChildren(...STATUSES.map((s) => el("option", { value: s, text: s })));
  say("");
  await refreshAll();
}

login(start);
$("import-form").addEventListener("submit", previewImport);
$("i-confirm").addEventListener("click", confirmImport);
$("i-cancel").addEventListener("click", () => {
  pending = null;
  $("import-diff").hidden = true;
});
$("edit-form").addEventListener("submit", saveEdit);
$("token-form").addEventListener("submit", createToken);
$("p-year").addEventListener("change", () => void loadPrograms());
$("p-ward").addEventListener("change", () => void loadPrograms());
$("rebuild").addEventListener("click", async () => {
  try {
    await api("/catalogue/rebuild", { method: "POST", body: {} });
    say("検索のつくりなおしを始めました。");
    await loadYears();
  } catch (e) {
    say(e.message, true);
  }
});
