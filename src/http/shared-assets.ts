/**
 * Browser files that more than one page loads: the LINE Flex renderer (`flex.js`, `flex.css`,
 * `window.LineFlex`). The simulator and the staff console each serve this one folder under
 * their own `shared/` path, so what staff preview is drawn exactly as the simulator draws it.
 * A bundle copies the folder next to itself (see scripts/build-functions.ts).
 */
import { fileURLToPath } from "node:url";
import express, { type RequestHandler } from "express";

/** The shared static files, next to this module. */
export const SHARED_ASSETS_DIR = fileURLToPath(new URL("./shared-assets/", import.meta.url));

/** Serves the shared files; anything else under the mount is a 404, never the page's own files. */
export function sharedAssets(dir: string = SHARED_ASSETS_DIR): RequestHandler {
  return express.static(dir, { fallthrough: false, maxAge: 0 });
}
