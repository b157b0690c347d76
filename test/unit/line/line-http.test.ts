/**
 * The LINE send client's HTTP/1.1 on real loopback servers: how answers are framed (length,
 * chunked, until close; split anywhere), which connections are reused, and how timeouts, resets
 * and bad headers end a call; over TLS, that the certificate is checked before any byte of a request
 * is sent and that a later connection resumes the TLS session. The messenger's own tests (line-messenger.test.ts) run it against
 * the fake LINE API.
 */
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { createLineHttp, LineHttpTimeout, type LineHttp } from "../../../src/line/line-http.js";

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const urlOf = (server: HttpServer | NetServer): string =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

function client(url: string, timeoutMs = 2000): LineHttp {
  const http = createLineHttp({ baseUrl: url, channelAccessToken: "tok", timeoutMs });
  closers.push(() => http.close());
  return http;
}

/** A raw TCP server: `answer` gets each request's head and body and writes bytes as it likes. */
async function rawServer(
  answer: (socket: Socket, head: string, body: Buffer, n: number) => void,
): Promise<{ server: NetServer; connections: () => number }> {
  let connections = 0;
  let n = 0;
  const server = createNetServer((socket) => {
    connections++;
    let buf = Buffer.alloc(0);
    socket.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buf.toString("latin1", 0, end);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (buf.length < end + 4 + length) return;
        const body = buf.subarray(end + 4, end + 4 + length);
        buf = buf.subarray(end + 4 + length);
        answer(socket, head, body, n++);
      }
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(() => new Promise((r) => server.close(r)));
  return { server, connections: () => connections };
}

/** Writes `bytes` one at a time, each in its own segment. */
async function dribble(socket: Socket, bytes: string): Promise<void> {
  for (const b of Buffer.from(bytes, "utf8")) {
    socket.write(Buffer.of(b));
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe("createLineHttp", () => {
  it("sends method, path, token, JSON body and extra headers; reads status, headers and body", async () => {
    const seen: { method?: string; url?: string; headers?: Record<string, unknown>; body?: string }[] = [];
    const server = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        res.writeHead(409, "Conflict", { "x-line-accepted-request-id": "abc", "retry-after": "3" });
        res.end('{"message":"本文"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    closers.push(() => new Promise((r) => server.close(r)));
    const http = client(`${urlOf(server)}/base/`);
    const body = Buffer.from(JSON.stringify({ text: "こんにちは" }));
    const a = await http.call("POST", "/v2/bot/message/push", body, { "x-line-retry-key": "k-1" });
    expect(a).toMatchObject({ status: 409, statusText: "Conflict", body: '{"message":"本文"}' });
    expect(a.header("X-Line-Accepted-Request-Id")).toBe("abc");
    expect(a.header("retry-after")).toBe("3");
    expect(a.header("x-missing")).toBeNull();
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/base/v2/bot/message/push",
      body: body.toString(),
    });
    expect(seen[0]!.headers).toMatchObject({
      authorization: "Bearer tok",
      "content-type": "application/json",
      "content-length": String(body.length),
      "x-line-retry-key": "k-1",
      host: new URL(urlOf(server)).host,
    });
    const get = await http.call("GET", "/v2/bot/message/quota");
    expect(get.status).toBe(409);
    expect(seen[1]).toMatchObject({ method: "GET", url: "/base/v2/bot/message/quota", body: "" });
    expect(seen[1]!.headers!["content-length"]).toBeUndefined();
  });

  it("sends a body given in pieces as one body, in order, its length the sum of theirs", async () => {
    const bodies: { length?: string; body: string }[] = [];
    const { server } = await rawServer((socket, head, body) => {
      bodies.push({ length: /content-length: (\d+)/i.exec(head)?.[1], body: body.toString("utf8") });
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    });
    const http = client(urlOf(server));
    // As the messenger sends a reply: text runs and shared parts' kept bytes (a multi-byte
    // character split between two pieces included).
    const whole = Buffer.from('{"replyToken":"t","messages":[{"type":"text","text":"防災の講座"}]}', "utf8");
    const cut = whole.indexOf(Buffer.from("講", "utf8")) + 1;
    const pieces = [whole.subarray(0, 10), whole.subarray(10, cut), whole.subarray(cut)];
    expect((await http.call("POST", "/v2/bot/message/reply", pieces)).status).toBe(200);
    expect((await http.call("POST", "/v2/bot/message/reply", [whole])).status).toBe(200);
    expect(bodies).toEqual([
      { length: String(whole.length), body: whole.toString("utf8") },
      { length: String(whole.length), body: whole.toString("utf8") },
    ]);
  });

  // Lengths count UTF-8 bytes: é and ü are two each, and a byte at a time splits them.
  it("reads answers split into single bytes: by length, chunked with trailers, and until close", async () => {
    const answers = [
      'HTTP/1.1 200 OK\r\nContent-Length: 10\r\nX-Line-Request-Id: r1\r\n\r\n{"a":"é"}',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{"b"\r\n6\r\n:"ü"}\r\n0\r\nX-Trailer: t\r\n\r\n',
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n[]",
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end",
    ];
    const { server, connections } = await rawServer((socket, _head, _body, n) => {
      void dribble(socket, answers[n]!).then(() => {
        if (n === answers.length - 1) socket.end();
      });
    });
    const http = client(urlOf(server));
    const got = [];
    for (let i = 0; i < answers.length; i++) got.push(await http.call("POST", "/x", Buffer.from("{}")));
    expect(got.map((a) => [a.status, a.body])).toEqual([
      [200, '{"a":"é"}'],
      [200, '{"b":"ü"}'],
      [200, "{}"],
      [201, "[]"],
      [200, "until the end"],
    ]);
    expect(got[0]!.header("x-line-request-id")).toBe("r1");
    // One connection carried all five: every answer before the last left it reusable.
    expect(connections()).toBe(1);
  });

  it("reuses a kept-alive connection, opens a new one after Connection: close, at most 64 at once", async () => {
    let open = 0;
    let most = 0;
    const { server, connections } = await rawServer((socket, head, _body, n) => {
      open++;
      most = Math.max(most, open);
      const close = head.includes("/close");
      setTimeout(() => {
        open--;
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Length: ${String(n).length}\r\n${close ? "Connection: close\r\n" : ""}\r\n${n}`,
        );
        if (close) socket.end();
      }, 5);
    });
    const http = client(urlOf(server));
    await http.call("GET", "/a");
    await http.call("GET", "/b");
    expect(connections()).toBe(1);
    await http.call("GET", "/close");
    await http.call("GET", "/c");
    expect(connections()).toBe(2);
    const many = await Promise.all(Array.from({ length: 100 }, () => http.call("GET", "/many")));
    expect(many.every((a) => a.status === 200)).toBe(true);
    expect(most).toBeLessThanOrEqual(64);
    expect(connections()).toBeLessThanOrEqual(2 + 64);
  });

  it("times out and destroys the connection; a reset or unreachable server rejects", async () => {
    let closed = 0;
    const { server } = await rawServer((socket, head) => {
      socket.on("close", () => closed++);
      if (head.includes("/reset")) socket.resetAndDestroy();
      else if (head.includes("/half")) socket.end("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}");
      // "/hang": no answer at all
    });
    const http = client(urlOf(server), 150);
    const started = Date.now();
    await expect(http.call("GET", "/hang")).rejects.toBeInstanceOf(LineHttpTimeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(1);
    await expect(http.call("GET", "/reset")).rejects.toMatchObject({ code: "ECONNRESET" });
    await expect(http.call("GET", "/half")).rejects.toThrow(/hang up/);
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const gone = client(`http://127.0.0.1:${port}`);
    await expect(gone.call("GET", "/x")).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("a connection the server closed while idle is not used again", async () => {
    const { server, connections } = await rawServer((socket) => {
      socket.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    });
    const http = client(urlOf(server));
    expect((await http.call("GET", "/1")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 30));
    expect((await http.call("GET", "/2")).status).toBe(200);
    expect(connections()).toBe(2);
  });

  it("refuses a header or token with a line break, and an answer that is not HTTP", async () => {
    const { server } = await rawServer((socket) => socket.write("SMTP ready\r\n\r\n"));
    const http = client(urlOf(server));
    await expect(http.call("GET", "/x", undefined, { "x-line-retry-key": "a\r\nx-evil: 1" })).rejects.toThrow(
      /invalid header/,
    );
    await expect(http.call("GET", "/x")).rejects.toThrow(/not HTTP/);
    const broken = createLineHttp({ baseUrl: urlOf(server), channelAccessToken: "a\nb", timeoutMs: 500 });
    await expect(broken.call("GET", "/x")).rejects.toThrow(/line break/);
    broken.close();
  });

  describe("over TLS", () => {
    // A CA and a certificate for "localhost" made for these tests only (openssl, valid until 2126;
    // the key is not a secret): test/fixtures/tls/.
    const fixture = (name: string): string =>
      readFileSync(new URL(`../../fixtures/tls/${name}`, import.meta.url), "utf8");
    const ca = fixture("ca.pem");

    /**
     * An HTTPS server for "localhost" that closes each connection after its answer (so every call
     * needs a new one); records the requests that reached it and whether their session was resumed.
     */
    async function httpsServer(): Promise<{ port: number; requests: string[] }> {
      const requests: string[] = [];
      const server: HttpsServer = createHttpsServer(
        { key: fixture("server.key"), cert: fixture("server.pem") },
        (req, res) => {
          const resumed = (req.socket as TLSSocket).isSessionReused() ? "resumed" : "full handshake";
          requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""} ${resumed}`);
          req.resume();
          req.on("end", () =>
            res
              .writeHead(200, { "content-type": "application/json", connection: "close" })
              .end('{"ok":true}'),
          );
        },
      );
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      closers.push(() => new Promise((r) => server.close(r)));
      return { port: (server.address() as AddressInfo).port, requests };
    }

    it("sends over a verified connection and resumes the session on the next one", async () => {
      const { port, requests } = await httpsServer();
      const http = createLineHttp({
        baseUrl: `https://localhost:${port}`,
        channelAccessToken: "tok",
        timeoutMs: 3000,
        ca,
      });
      closers.push(() => http.close());
      const first = await http.call("POST", "/v2/bot/message/reply", Buffer.from('{"a":1}'));
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body)).toEqual({ ok: true });
      // The first connection closed after its answer: this one is new, and resumes the session.
      expect((await http.call("POST", "/v2/bot/message/reply", Buffer.from("{}"))).status).toBe(200);
      expect(requests).toEqual([
        "POST /v2/bot/message/reply Bearer tok full handshake",
        "POST /v2/bot/message/reply Bearer tok resumed",
      ]);
    });

    it("sends nothing to a server whose certificate is untrusted or for another name", async () => {
      const { port, requests } = await httpsServer();
      // Node's bundled CAs do not vouch for the test CA.
      const untrusted = createLineHttp({
        baseUrl: `https://localhost:${port}`,
        channelAccessToken: "tok",
        timeoutMs: 3000,
      });
      closers.push(() => untrusted.close());
      await expect(untrusted.call("POST", "/v2/bot/message/reply", Buffer.from("{}"))).rejects.toMatchObject({
        code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      });
      // Trusted CA, but the certificate names "localhost", not 127.0.0.1.
      const wrongName = createLineHttp({
        baseUrl: `https://127.0.0.1:${port}`,
        channelAccessToken: "tok",
        timeoutMs: 3000,
        ca,
      });
      closers.push(() => wrongName.close());
      await expect(wrongName.call("POST", "/v2/bot/message/reply", Buffer.from("{}"))).rejects.toMatchObject({
        code: "ERR_TLS_CERT_ALTNAME_INVALID",
      });
      expect(requests).toEqual([]);
    });
  });
});
