/**
 * Where LINE's servers are. The one place these URLs are written: the configuration defaults,
 * the messenger, the rich menu client and the deploy tool all read them from here, so pointing
 * everything at another LINE-compatible server (LINE_API_BASE_URL) cannot miss a caller.
 */

/** The Messaging API (reply, push, multicast, quota, rich menus). */
export const LINE_API_BASE_URL = "https://api.line.me";

/** The data API (rich menu images, message content). */
export const LINE_DATA_API_BASE_URL = "https://api-data.line.me";
