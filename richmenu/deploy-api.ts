/**
 * The port the deployer talks to: the rich menu client from `src/line/rich-menu-api.ts` plus the
 * two calls it does not have — "does this menu have its image?" (a run that stopped between
 * create and upload leaves a menu without one) and the batch re-link of residents' per-user menus.
 * Those two go straight to @line/bot-sdk with the same base URLs, so the fake LINE API serves all.
 */
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";
import { LINE_API_BASE_URL, LINE_DATA_API_BASE_URL } from "../src/line/line-messenger.js";
import { createRichMenuApi, RichMenuApiError, type RichMenuApi } from "../src/line/rich-menu-api.js";
import type { RemoteState } from "./plan-deploy.js";

/** One operation of `POST /v2/bot/richmenu/batch`. */
export type BatchOperation =
  { type: "link"; from: string; to: string } | { type: "unlink"; from: string } | { type: "unlinkAll" };

/** What the deployer needs from LINE. */
export interface DeployApi extends Pick<
  RichMenuApi,
  | "list"
  | "create"
  | "uploadImage"
  | "delete"
  | "setDefault"
  | "getDefault"
  | "listAliases"
  | "createAlias"
  | "updateAlias"
  | "deleteAlias"
> {
  /** False when the menu exists but no image was uploaded (404 on its content). */
  hasImage(richMenuId: string): Promise<boolean>;
  /** Starts an asynchronous batch re-link; returns LINE's request id when given. */
  batch(operations: BatchOperation[]): Promise<string | null>;
}

export interface DeployApiOptions {
  channelAccessToken: string;
  apiBaseUrl?: string;
  dataApiBaseUrl?: string;
  timeoutMs?: number;
}

function explain(what: string, e: unknown): RichMenuApiError {
  if (e instanceof HTTPFetchError) {
    const hint =
      e.status === 401
        ? " Check LINE_CHANNEL_ACCESS_TOKEN (a long-lived or v2.1 channel access token of this channel)."
        : e.status === 429
          ? " Rate limited: wait a minute and run the command again (it is safe to repeat)."
          : "";
    return new RichMenuApiError(
      `${what} failed: LINE answered ${e.status} ${e.body.slice(0, 300)}.${hint}`,
      e.status,
    );
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new RichMenuApiError(
    `${what} failed: ${msg}. Check LINE_DATA_API_BASE_URL / LINE_API_BASE_URL and the network.`,
    0,
  );
}

/** Wires the deploy port over @line/bot-sdk. */
export function createDeployApi(opts: DeployApiOptions): DeployApi {
  const menus = createRichMenuApi(opts);
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.apiBaseUrl ?? LINE_API_BASE_URL,
  });
  const blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.dataApiBaseUrl ?? LINE_DATA_API_BASE_URL,
  });
  return {
    list: () => menus.list(),
    create: (m) => menus.create(m),
    uploadImage: (id, image, type) => menus.uploadImage(id, image, type),
    delete: (id) => menus.delete(id),
    setDefault: (id) => menus.setDefault(id),
    getDefault: () => menus.getDefault(),
    listAliases: () => menus.listAliases(),
    createAlias: (a, id) => menus.createAlias(a, id),
    updateAlias: (a, id) => menus.updateAlias(a, id),
    deleteAlias: (a) => menus.deleteAlias(a),
    async hasImage(id) {
      try {
        const stream = await blob.getRichMenuImage(id);
        // Drain the body so the connection is released; only its presence matters.
        for await (const chunk of stream) void chunk;
        return true;
      } catch (e) {
        if (e instanceof HTTPFetchError && e.status === 404) return false;
        throw explain(`Checking the image of rich menu ${id}`, e);
      }
    },
    async batch(operations) {
      try {
        const res = await client.richMenuBatchWithHttpInfo({ operations });
        return res.httpResponse.headers.get("x-line-request-id");
      } catch (e) {
        throw explain("Re-linking residents' rich menus (batch)", e);
      }
    },
  };
}

/** Reads everything the planner needs; images are checked only for menus `isOurs` accepts. */
export async function readRemoteState(
  api: DeployApi,
  isOurs: (name: string) => boolean,
): Promise<RemoteState> {
  const [menus, aliases, defaultRichMenuId] = await Promise.all([
    api.list(),
    api.listAliases(),
    api.getDefault(),
  ]);
  const withImages = await Promise.all(
    menus.map(async (m) => ({
      richMenuId: m.richMenuId,
      name: m.name,
      hasImage: isOurs(m.name) ? await api.hasImage(m.richMenuId) : true,
    })),
  );
  return {
    menus: withImages,
    aliases: aliases.map((a) => ({ richMenuAliasId: a.richMenuAliasId, richMenuId: a.richMenuId })),
    defaultRichMenuId,
  };
}
