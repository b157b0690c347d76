/**
 * The one client for the rich menu endpoints, over @line/bot-sdk with configurable base URLs
 * (images go to the data API host), each call bounded by a timeout. Unlike the Messenger, it
 * throws: deploying is a staff command that stops at the first failure, and its errors name
 * the fix. `richmenu/deploy-api.ts` picks the part of it the deployer uses.
 */
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";
import { LINE_API_BASE_URL, LINE_DATA_API_BASE_URL } from "./endpoints.js";
import { withTimeout } from "./line-messenger.js";

export type RichMenuRequest = messagingApi.RichMenuRequest;
export type RichMenuResponse = messagingApi.RichMenuResponse;

/** One operation of `POST /v2/bot/richmenu/batch`. */
export type BatchOperation =
  { type: "link"; from: string; to: string } | { type: "unlink"; from: string } | { type: "unlinkAll" };

export interface RichMenuApiOptions {
  channelAccessToken: string;
  apiBaseUrl?: string;
  dataApiBaseUrl?: string;
  timeoutMs?: number;
}

/** A failed rich menu call: HTTP status (0 for network/timeout) and a message that names the fix. */
export class RichMenuApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "RichMenuApiError";
  }
}

export interface RichMenuApi {
  list(): Promise<RichMenuResponse[]>;
  get(richMenuId: string): Promise<RichMenuResponse | null>;
  create(menu: RichMenuRequest): Promise<string>;
  /** Asks LINE to check the menu without creating it. */
  validate(menu: RichMenuRequest): Promise<void>;
  delete(richMenuId: string): Promise<void>;
  uploadImage(richMenuId: string, image: Uint8Array, contentType: "image/png" | "image/jpeg"): Promise<void>;
  /**
   * False when the menu exists but has no image (404 on its content): a run that stopped between
   * create and upload leaves such a menu.
   */
  hasImage(richMenuId: string): Promise<boolean>;
  setDefault(richMenuId: string): Promise<void>;
  /** The default menu's id, or null when none is set. */
  getDefault(): Promise<string | null>;
  cancelDefault(): Promise<void>;
  listAliases(): Promise<{ richMenuAliasId: string; richMenuId: string }[]>;
  createAlias(richMenuAliasId: string, richMenuId: string): Promise<void>;
  updateAlias(richMenuAliasId: string, richMenuId: string): Promise<void>;
  deleteAlias(richMenuAliasId: string): Promise<void>;
  linkToUser(userId: string, richMenuId: string): Promise<void>;
  unlinkFromUser(userId: string): Promise<void>;
  /** Starts an asynchronous batch re-link of per-user menus; returns LINE's request id when given. */
  batch(operations: BatchOperation[]): Promise<string | null>;
}

function explain(what: string, error: unknown): RichMenuApiError {
  if (error instanceof HTTPFetchError) {
    let detail = error.body;
    try {
      const body = JSON.parse(error.body) as {
        message?: string;
        details?: { message?: string; property?: string }[];
      };
      detail = [body.message, ...(body.details ?? []).map((d) => `${d.property ?? ""}: ${d.message ?? ""}`)]
        .filter(Boolean)
        .join("; ");
    } catch {
      // Not JSON: keep the raw text.
    }
    const hint =
      error.status === 401
        ? " Check LINE_CHANNEL_ACCESS_TOKEN (a long-lived or v2.1 channel access token of this channel)."
        : error.status === 413
          ? " The image is too large: rich menu images must be at most 1 MB."
          : error.status === 429
            ? " Rate limited: wait a minute and run the command again (it is safe to repeat)."
            : "";
    return new RichMenuApiError(
      `${what} failed: LINE answered ${error.status} ${detail}.${hint}`,
      error.status,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RichMenuApiError(
    `${what} failed: ${message}. Check LINE_API_BASE_URL / LINE_DATA_API_BASE_URL and the network.`,
    0,
  );
}

/** Creates the rich menu client. */
export function createRichMenuApi(options: RichMenuApiOptions): RichMenuApi {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: options.apiBaseUrl ?? LINE_API_BASE_URL,
  });
  const blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: options.dataApiBaseUrl ?? LINE_DATA_API_BASE_URL,
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await withTimeout(fn(), timeoutMs);
    } catch (error) {
      throw explain(what, error);
    }
  };
  const isNotFound = (e: unknown): boolean => e instanceof RichMenuApiError && e.status === 404;

  return {
    async list() {
      return (await call("Listing rich menus", () => client.getRichMenuList())).richmenus;
    },
    async get(id) {
      try {
        return await call(`Reading rich menu ${id}`, () => client.getRichMenu(id));
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },
    async create(menu) {
      return (await call(`Creating rich menu "${menu.name}"`, () => client.createRichMenu(menu))).richMenuId;
    },
    async validate(menu) {
      await call(`Validating rich menu "${menu.name}"`, () => client.validateRichMenuObject(menu));
    },
    async delete(id) {
      await call(`Deleting rich menu ${id}`, () => client.deleteRichMenu(id));
    },
    async uploadImage(id, image, contentType) {
      const body = new Blob([new Uint8Array(image)], { type: contentType });
      await call(`Uploading the image of rich menu ${id}`, () => blob.setRichMenuImage(id, body));
    },
    async hasImage(id) {
      try {
        await call(`Checking the image of rich menu ${id}`, async () => {
          const stream = await blob.getRichMenuImage(id);
          // Drain the body so the connection is released; only its presence matters.
          for await (const chunk of stream) void chunk;
        });
        return true;
      } catch (e) {
        if (isNotFound(e)) return false;
        throw e;
      }
    },
    async setDefault(id) {
      await call(`Setting rich menu ${id} as default`, () => client.setDefaultRichMenu(id));
    },
    async getDefault() {
      try {
        return (await call("Reading the default rich menu", () => client.getDefaultRichMenuId())).richMenuId;
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },
    async cancelDefault() {
      await call("Clearing the default rich menu", () => client.cancelDefaultRichMenu());
    },
    async listAliases() {
      return (await call("Listing rich menu aliases", () => client.getRichMenuAliasList())).aliases;
    },
    async createAlias(richMenuAliasId, richMenuId) {
      await call(`Creating alias ${richMenuAliasId}`, () =>
        client.createRichMenuAlias({ richMenuAliasId, richMenuId }),
      );
    },
    async updateAlias(richMenuAliasId, richMenuId) {
      await call(`Updating alias ${richMenuAliasId}`, () =>
        client.updateRichMenuAlias(richMenuAliasId, { richMenuId }),
      );
    },
    async deleteAlias(richMenuAliasId) {
      await call(`Deleting alias ${richMenuAliasId}`, () => client.deleteRichMenuAlias(richMenuAliasId));
    },
    async linkToUser(userId, id) {
      // The user id is deliberately not in the message: errors end up in logs.
      await call(`Linking rich menu ${id} to a user`, () => client.linkRichMenuIdToUser(userId, id));
    },
    async unlinkFromUser(userId) {
      await call("Unlinking a user's rich menu", () => client.unlinkRichMenuIdFromUser(userId));
    },
    async batch(operations) {
      const res = await call("Re-linking residents' rich menus (batch)", () =>
        client.richMenuBatchWithHttpInfo({ operations }),
      );
      return res.httpResponse.headers.get("x-line-request-id");
    },
  };
}
