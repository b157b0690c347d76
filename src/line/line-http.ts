/**
 * A small JSON-over-HTTP(S) client for the Messaging API's send endpoints: one keep-alive
 * connection pool per messenger and a real per-request timeout (the socket is destroyed, not
 * just abandoned). It replaces the SDK's fetch for reply/push/multicast because those run on
 * every webhook event: undici's fetch, with its Web streams and WebAssembly HTTP parser, cost
 * more CPU per request than everything else the bot does for a typical question.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** What came back: status, a header reader and the body as text. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  header(name: string): string | null;
  body: string;
}

export interface LineHttp {
  /** Sends one request (`json`: the body, already JSON as UTF-8); rejects on a network error or after `timeoutMs`. */
  call(
    method: "GET" | "POST",
    path: string,
    json?: Buffer,
    headers?: Record<string, string>,
  ): Promise<HttpAnswer>;
  /** Closes idle pooled connections. */
  close(): void;
}

/** Thrown when no answer arrived within the timeout (the request may still have been processed). */
export class LineHttpTimeout extends Error {
  override name = "LineHttpTimeout";
}

const headerOf =
  (h: IncomingHttpHeaders) =>
  (name: string): string | null => {
    const v = h[name.toLowerCase()];
    return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
  };

export function createLineHttp(opts: {
  baseUrl: string;
  channelAccessToken: string;
  timeoutMs: number;
}): LineHttp {
  const base = new URL(opts.baseUrl);
  const secure = base.protocol === "https:";
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 64 })
    : new HttpAgent({ keepAlive: true, maxSockets: 64 });
  const request = secure ? httpsRequest : httpRequest;
  const prefix = base.pathname.replace(/\/+$/, "");
  const auth = `Bearer ${opts.channelAccessToken}`;

  return {
    call(method, path, json, headers = {}) {
      const payload = json ?? null;
      return new Promise<HttpAnswer>((resolve, reject) => {
        const req = request(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port || (secure ? 443 : 80),
            path: `${prefix}${path}`,
            method,
            agent,
            headers: {
              authorization: auth,
              "user-agent": "kumamoto-machizukuri-line-bot",
              ...(payload
                ? { "content-type": "application/json", "content-length": String(payload.length) }
                : {}),
              ...headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("error", reject);
            res.on("end", () => {
              clearTimeout(timer);
              resolve({
                status: res.statusCode ?? 0,
                statusText: res.statusMessage ?? "",
                header: headerOf(res.headers),
                body: Buffer.concat(chunks).toString("utf8"),
              });
            });
          },
        );
        const timer = setTimeout(() => {
          req.destroy(new LineHttpTimeout(`no answer from LINE within ${opts.timeoutMs} ms`));
        }, opts.timeoutMs);
        req.on("error", (e) => {
          clearTimeout(timer);
          reject(e);
        });
        req.end(payload ?? undefined);
      });
    },
    close: () => agent.destroy(),
  };
}
