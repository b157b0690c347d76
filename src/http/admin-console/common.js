/* global document, sessionStorage, fetch, window */
// What both staff consoles share (index.html: notices; catalogue.html: the catalogue): the DOM
// helpers, the status line, the login and the one client of /admin/api. The bearer token the
// staff member types in is kept in sessionStorage, shared by both pages and gone when the tab
// closes. All data is written with textContent, never as HTML.

const API = "/admin/api";

export const $ = (id) => document.getElementById(id);

export const el = (tag, props = {}, ...children) => {
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

/** Writes the status line (read out by screen readers); red when it reports an error. */
export function say(text, isError = false) {
  const s = $("status");
  s.textContent = text;
  s.classList.toggle("error", isError);
}

/**
 * Calls the admin API with the token: `body` is sent as JSON, `raw` as bytes. Answers JSON, or a
 * Blob for a file (an export). A refusal throws an Error with the server's message and `issues`;
 * a 401 forgets the token and shows the login again.
 */
export async function api(path, { method = "GET", body, raw } = {}) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (raw !== undefined) headers["Content-Type"] = "application/octet-stream";
  const res = await fetch(API + path, {
    method,
    headers,
    body: raw !== undefined ? raw : body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (res.status === 401) {
    sessionStorage.removeItem("adminToken");
    showLogin();
  }
  const type = res.headers.get("content-type") || "";
  if (res.ok && !type.includes("json")) return res.blob();
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(data.message || `エラー (${res.status})`);
    err.issues = data.issues || [];
    throw err;
  }
  return data;
}

export function showLogin() {
  $("login").hidden = false;
  $("app").hidden = true;
  $("who").hidden = true;
  $("token").focus();
}

/** Hides the login and shows the console. */
export function showApp() {
  $("login").hidden = true;
  $("app").hidden = false;
}

/**
 * Draws the login form into `<section id="login">` and runs `start` (the page's own opening:
 * it reads what it needs with `api` and reports its own errors) once a token is known: when the
 * page is shown with one already in this tab, or when the form is sent.
 */
export function login(start) {
  const form = el(
    "form",
    { id: "login-form" },
    el("label", { for: "token", text: "職員用トークン" }),
    el("input", {
      id: "token",
      name: "token",
      type: "password",
      autocomplete: "current-password",
      required: "",
      minlength: "16",
    }),
    el("button", { type: "submit", text: "はじめる" }),
  );
  $("login").replaceChildren(el("h2", { id: "login-h", text: "ログイン" }), form);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    token = $("token").value.trim();
    sessionStorage.setItem("adminToken", token);
    void start();
  });
  // pageshow, not load: it also fires when the page comes back from the back/forward cache.
  window.addEventListener("pageshow", () => {
    if (token) void start();
    else showLogin();
  });
}
