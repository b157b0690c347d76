/**
 * A small JSON-over-HTTP/1.1 client for the Messaging API's send endpoints, written on plain
 * keep-alive sockets (`net`/`tls`): one pool per messenger, one request at a time per
 * connection, and a real per-request timeout (the socket is destroyed, not just abandoned).
 *
 * Why not `node:http`: the reply call runs on every webhook event, and `http.request` (its
 * ClientRequest, agent bookkeeping, header checks, response stream and the objects of each)
 * cost about 30 µs of CPU per call against about 14 µs here (12 KB bodies, ten in flight;
 * docs/benchmarks.md, issue 14 tenth session). The SDK's fetch (undici, Web streams) cost more
 * still. What LINE sends back is small and plain: a status line, headers, and a body delimited by
 * Content-Length, chunked encoding or the end of the connection; all three are read here.
 */
import { connect as netConnect, isIP, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";

/** What came back: status, a header reader and the body as text. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  header(name: string): string | null;
  body: string;
}

export interface LineHttp {
  /**
   * Sends one request (`json`: the body, already JSON as UTF-8, whole or in pieces sent in
   * order); rejects on a network error or after `timeoutMs`.
   */
  call(
    method: "GET" | "POST",
    path: string,
    json?: Buffer | readonly Buffer[],
    headers?: Record<string, string>,
  ): Promise<HttpAnswer>;
  /** Closes every pooled connection (requests still on one fail as network errors). */
  close(): void;
}

/** Thrown when no answer arrived within the timeout (the request may still have been processed). */
export class LineHttpTimeout extends Error {
  override name = "LineHttpTimeout";
}

/** A connection closed or reset before the whole answer arrived (retryable, as any network error). */
class HangUp extends Error {
  readonly code = "ECONNRESET";
}

/** Connections per client: beyond this, requests wait for a free one. */
const MAX_SOCKETS = 64;
/**
 * A connection idle this long is closed by us, before a server's keep-alive timeout (Node's
 * default is 5 s) can close it under a request just written to it.
 */
const IDLE_MS = 4_000;
const HEAD_END = Buffer.from("\r\n\r\n");
const LINE_END = Buffer.from("\r\n");
/** Longest status line and headers accepted (Node's own limit is 16 KB). */
const MAX_HEAD_BYTES = 16 * 1024;

/** How the body of the answer being read is delimited: Content-Length, chunked, or the end of the connection. */
type Framing = "length" | "chunked" | "close";

/** The answer being read on one connection. */
interface Exchange {
  resolve(a: HttpAnswer): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
  /** 0 until the status line and headers have been read. */
  status: number;
  statusText: string;
  headers: Map<string, string>;
  framing: Framing;
  /** "length": body bytes still to come. */
  left: number;
  body: Buffer[];
  /** Whether the connection may carry the next request once this answer is read. */
  keepAlive: boolean;
}

/** One pooled connection; `pending` holds bytes read but not yet understood (a partial head or chunk line). */
interface Conn {
  socket: Socket;
  exchange: Exchange | null;
  pending: Buffer | null;
}

const join = (parts: Buffer[]): Buffer => (parts.length === 1 ? parts[0]! : Buffer.concat(parts));

/** Reads the status line and headers into `ex`; false when they are not an HTTP/1.x answer. */
function readHead(head: string, ex: Exchange): boolean {
  const lines = head.split("\r\n");
  const m = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(lines[0]!);
  if (!m) return false;
  ex.status = Number(m[2]);
  ex.statusText = m[3] ?? "";
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const before = ex.headers.get(name);
    ex.headers.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  const connection = (ex.headers.get("connection") ?? "").toLowerCase();
  ex.keepAlive = m[1] === "1" ? !connection.includes("close") : connection.includes("keep-alive");
  const length = ex.headers.get("content-length");
  if ((ex.headers.get("transfer-encoding") ?? "").toLowerCase().includes("chunked")) {
    ex.framing = "chunked";
  } else if (length !== undefined) {
    ex.framing = "length";
    ex.left = Number(length);
    if (!Number.isSafeInteger(ex.left) || ex.left < 0) return false;
  } else if (ex.status === 204 || ex.status === 304) {
    ex.framing = "length";
    ex.left = 0;
  } else {
    ex.framing = "close";
    ex.keepAlive = false;
  }
  return true;
}

export function createLineHttp(opts: {
  baseUrl: string;
  channelAccessToken: string;
  timeoutMs: number;
  /**
   * Certificates (PEM) to trust instead of Node's bundled CAs: a test server's own CA, or a
   * TLS-inspecting proxy's. Unset in production, where LINE's certificate must chain to a public CA.
   */
  ca?: string;
}): LineHttp {
  const base = new URL(opts.baseUrl);
  const secure = base.protocol === "https:";
  const host = base.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(base.port || (secure ? 443 : 80));
  const prefix = base.pathname.replace(/\/+$/, "");
  const tokenBroken = /[\r\n]/.test(opts.channelAccessToken);
  // The headers every request carries, written once.
  const fixedHead =
    `Host: ${base.host}\r\nAuthorization: Bearer ${opts.channelAccessToken}\r\n` +
    `User-Agent: kumamoto-machizukuri-line-bot\r\nConnection: keep-alive\r\n`;

  const all = new Set<Conn>();
  const idle: Conn[] = [];
  const waiting: ((c: Conn) => void)[] = [];
  // A TLS session to resume on the next connection (as https.Agent does): no full handshake.
  let session: Buffer | undefined;

  const open = (): Conn => {
    // Certificates are always verified (Node's default, never turned off): a server that cannot
    // prove it is the configured host gets no request, so the token never reaches it.
    // SNI carries host names only (RFC 6066); an IP address is still checked against the certificate.
    const socket = secure
      ? tlsConnect({
          host,
          port,
          ...(isIP(host) ? {} : { servername: host }),
          ...(opts.ca !== undefined ? { ca: opts.ca } : {}),
          ...(session ? { session } : {}),
        })
      : netConnect({ host, port });
    const conn: Conn = { socket, exchange: null, pending: null };
    all.add(conn);
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 1_000);
    if (secure) socket.on("session", (s: Buffer) => (session = s));
    socket.on("data", (d: Buffer) => onData(conn, d));
    socket.on("error", (e: Error) => drop(conn, e));
    socket.on("close", () => drop(conn, new HangUp("socket hang up")));
    socket.on("timeout", () => socket.destroy());
    return conn;
  };

  /** The connection is gone: the request on it (if any) fails, unless its body ran to the close. */
  const drop = (conn: Conn, error: Error): void => {
    if (!all.delete(conn)) return;
    conn.socket.destroy();
    const i = idle.indexOf(conn);
    if (i >= 0) idle.splice(i, 1);
    const ex = conn.exchange;
    conn.exchange = null;
    if (ex && ex.status !== 0 && ex.framing === "close" && error instanceof HangUp) {
      settle(ex, ex.body);
    } else if (ex) {
      clearTimeout(ex.timer);
      ex.reject(error);
    }
    // A request waiting for a connection gets a new one in place of this.
    const next = waiting.shift();
    if (next) next(open());
  };

  const settle = (ex: Exchange, body: Buffer[]): void => {
    clearTimeout(ex.timer);
    const headers = ex.headers;
    ex.resolve({
      status: ex.status,
      statusText: ex.statusText,
      header: (name) => headers.get(name.toLowerCase()) ?? null,
      body: join(body).toString("utf8"),
    });
  };

  /** The answer is complete: hand the connection to the next request, keep it idle, or close it. */
  const done = (conn: Conn, reusable: boolean): void => {
    const ex = conn.exchange!;
    conn.exchange = null;
    conn.pending = null;
    settle(ex, ex.body);
    if (!reusable || !ex.keepAlive) {
      drop(conn, new HangUp("closed after the answer"));
      return;
    }
    const next = waiting.shift();
    if (next) next(conn);
    else {
      conn.socket.setTimeout(IDLE_MS);
      idle.push(conn);
    }
  };

  const onData = (conn: Conn, chunk: Buffer): void => {
    const ex = conn.exchange;
    // Bytes nobody asked for (a server's 408 on an idle connection): the connection is not ours to reuse.
    if (!ex) return drop(conn, new HangUp("unexpected data"));
    let data = conn.pending ? Buffer.concat([conn.pending, chunk]) : chunk;
    conn.pending = null;
    while (ex.status === 0) {
      const end = data.indexOf(HEAD_END);
      if (end < 0) {
        if (data.length > MAX_HEAD_BYTES) return drop(conn, new Error("LINE's answer has oversized headers"));
        conn.pending = data;
        return;
      }
      if (!readHead(data.toString("latin1", 0, end), ex))
        return drop(conn, new Error("LINE's answer is not HTTP/1.1"));
      data = data.subarray(end + 4);
      // An interim answer (100 Continue, 103 Early Hints) precedes the real one.
      if (ex.status < 200) {
        ex.status = 0;
        ex.headers = new Map();
      }
    }
    switch (ex.framing) {
      case "length": {
        const take = Math.min(data.length, ex.left);
        if (take > 0) ex.body.push(take === data.length ? data : data.subarray(0, take));
        ex.left -= take;
        // Bytes beyond the answer: the connection's state is unknown, so it is not reused.
        if (ex.left === 0) done(conn, data.length === take);
        return;
      }
      case "close":
        if (data.length > 0) ex.body.push(data);
        return;
      case "chunked":
        return readChunks(conn, ex, data);
    }
  };

  const readChunks = (conn: Conn, ex: Exchange, data: Buffer): void => {
    let at = 0;
    for (;;) {
      const eol = data.indexOf(LINE_END, at);
      if (eol < 0) break;
      const size = parseInt(data.toString("latin1", at, eol), 16);
      if (!Number.isSafeInteger(size) || size < 0)
        return drop(conn, new Error("LINE's answer has a bad chunk"));
      if (size === 0) {
        // Optional trailer lines, then an empty line.
        const t = eol + 2;
        if (data.length < t + 2) break;
        const end = data[t] === 13 && data[t + 1] === 10 ? t - 2 : data.indexOf(HEAD_END, t);
        if (end < 0) break;
        return done(conn, end + 4 === data.length);
      }
      if (data.length < eol + 2 + size + 2) break;
      ex.body.push(data.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    if (at < data.length) conn.pending = data.subarray(at);
  };

  /** A connection for the next request: an idle one, a new one, or the next one freed. */
  const acquire = (use: (c: Conn) => void): void => {
    const conn = idle.pop();
    if (conn) {
      conn.socket.setTimeout(0);
      use(conn);
    } else if (all.size < MAX_SOCKETS) use(open());
    else waiting.push(use);
  };

  return {
    call(method, path, json, headers = {}) {
      // As node:http refuses them: a line break in a header would start a header of its own.
      if (tokenBroken) return Promise.reject(new TypeError("the channel access token has a line break"));
      for (const name of Object.keys(headers)) {
        if (/[\r\n:]/.test(name) || /[\r\n]/.test(headers[name]!))
          return Promise.reject(new TypeError(`invalid header ${JSON.stringify(name)}`));
      }
      let head = `${method} ${prefix}${path} HTTP/1.1\r\n${fixedHead}`;
      const body = json === undefined ? null : Buffer.isBuffer(json) ? [json] : json;
      if (body) {
        let length = 0;
        for (const piece of body) length += piece.length;
        head += `Content-Type: application/json\r\nContent-Length: ${length}\r\n`;
      }
      for (const name of Object.keys(headers)) head += `${name}: ${headers[name]}\r\n`;
      head += "\r\n";
      return new Promise<HttpAnswer>((resolve, reject) => {
        const ex: Exchange = {
          resolve,
          reject,
          timer: undefined as unknown as NodeJS.Timeout,
          status: 0,
          statusText: "",
          headers: new Map(),
          framing: "length",
          left: 0,
          body: [],
          keepAlive: true,
        };
        let conn: Conn | null = null;
        // The timeout counts from the call, as before: waiting for a free connection included.
        ex.timer = setTimeout(() => {
          const error = new LineHttpTimeout(`no answer from LINE within ${opts.timeoutMs} ms`);
          if (conn) drop(conn, error);
          else {
            waiting.splice(waiting.indexOf(send), 1);
            reject(error);
          }
        }, opts.timeoutMs);
        const send = (c: Conn): void => {
          conn = c;
          c.exchange = ex;
          if (body) {
            // Head and body in one system call (a writev of the pieces, not copied together).
            c.socket.cork();
            c.socket.write(head, "latin1");
            for (const piece of body) c.socket.write(piece);
            c.socket.uncork();
          } else c.socket.write(head, "latin1");
        };
        acquire(send);
      });
    },
    close() {
      for (const conn of [...all]) drop(conn, new HangUp("client closed"));
    },
  };
}
