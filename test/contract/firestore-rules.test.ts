/**
 * firestore.rules against the real emulator: no client (signed in or not) can read or write any
 * document; only the server's privileged client can. Rules are loaded per test project through
 * the emulator's securityRules endpoint, so other test files are unaffected.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorProject } from "../helpers/firestore-emulator.js";

const project = emulatorProject("firestore.rules", "rules");
const { projectId } = project;
const rules = readFileSync(new URL("../../firestore.rules", import.meta.url), "utf8");

/** An unsigned Firebase Auth ID token, which the emulator accepts as a signed-in resident. */
function residentToken(uid: string): string {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return [
    b64({ alg: "none", typ: "JWT" }),
    b64({
      iss: `https://securetoken.google.com/${projectId}`,
      aud: projectId,
      sub: uid,
      user_id: uid,
      iat: now,
      exp: now + 3600,
      auth_time: now,
      firebase: { sign_in_provider: "custom", identities: {} },
    }),
    "",
  ].join(".");
}

describe.skipIf(project.host === null)("firestore.rules (emulator)", () => {
  const emulator = project.host as string;
  const base = `http://${emulator}/v1/projects/${projectId}/databases/(default)/documents`;

  beforeAll(async () => {
    await project.ready();
    const res = await fetch(`http://${emulator}/emulator/v1/projects/${projectId}:securityRules`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rules: { files: [{ name: "firestore.rules", content: rules }] } }),
    });
    expect(res.ok, await res.text()).toBe(true);
    // The server (privileged client) writes a resident and a notice.
    const db = project.client();
    await db.collection("profiles").doc("U1").set({ userId: "U1", ward: "東区", followed: true });
    await db.collection("notices").doc("n1").set({ id: "n1", state: "draft" });
    await db.terminate();
  });
  afterAll(async () => {
    await project.wipe();
  });

  const asClient =
    (auth: string | null) =>
    async (path: string, init: RequestInit = {}) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (auth) headers.authorization = `Bearer ${auth}`;
      return fetch(`${base}/${path}`, { ...init, headers });
    };

  for (const [who, auth] of [
    ["an anonymous client", null],
    ["a signed-in resident", residentToken("U1")],
  ] as const) {
    it(`denies ${who} every read and write`, async () => {
      const call = asClient(auth);
      const attempts = [
        await call("profiles/U1"),
        await call("profiles"),
        await call("notices/n1"),
        await call("profiles/U2", {
          method: "PATCH",
          body: JSON.stringify({ fields: { userId: { stringValue: "U2" } } }),
        }),
        await call("notices/n1", { method: "DELETE" }),
        await call("events?documentId=e1", { method: "POST", body: JSON.stringify({ fields: {} }) }),
      ];
      expect(attempts.map((r) => r.status)).toEqual(attempts.map(() => 403));
    });
  }

  it("still lets the server's privileged client read what it wrote", async () => {
    const owner = await asClient("owner")("profiles/U1");
    expect(owner.status).toBe(200);
    const doc = (await owner.json()) as { fields: { ward: { stringValue: string } } };
    expect(doc.fields.ward.stringValue).toBe("東区");
  });
});
