/**
 * Wires the local chat simulator for an entry point: a simulator messenger to put into the
 * deps, and the /simulator router to mount on the app. The router reaches the app's own
 * /webhook over loopback once the server knows its port, so every simulated tap goes through
 * the signature check and the same bot as LINE's requests.
 */
import { randomUUID } from "node:crypto";
import type { Router } from "express";
import type { Config } from "../config.js";
import { createSender, type SenderLogger } from "../notices/sender.js";
import type { AudienceStore, NoticeStore } from "../store/port.js";
import { createSimulatorMessenger, type SimulatorMessenger } from "../line/simulator-messenger.js";
import { createInflight, type Inflight } from "./inflight.js";
import { createSimulatorRouter } from "./simulator.js";
import { RICH_MENU_IMAGE_DIR, simulatorMenus } from "./simulator-menus.js";

export interface SimulatorSetup {
  /** Goes into `createDeps(config, sim.overrides)`: the simulator messenger and the in-flight tracker. */
  overrides: { messenger: SimulatorMessenger; inflight: Inflight };
  messenger: SimulatorMessenger;
  /** Mount at `/simulator`. */
  router: Router;
  /**
   * Tell the simulator where the app listens (call from the `listen` callback). `host` is the
   * bound address (default loopback); a wildcard bind is reached over loopback.
   */
  listening(port: number, host?: string): void;
  /**
   * Runs the notice sender every `everyMs` (default 15 s) against the simulator messenger, as
   * the scheduled function does in production, so notices confirmed in the staff console show
   * up in the simulated chats. Returns a function that stops it.
   */
  startNoticeSender(
    deps: { store: NoticeStore & AudienceStore; clock: () => number; logger: SenderLogger },
    everyMs?: number,
  ): () => void;
}

export interface SimulatorSetupOptions {
  replyTimeoutMs?: number;
}

/** Creates the simulator's messenger and router for `config` (use only when `config.simulator`). */
export function createSimulatorSetup(config: Config, options: SimulatorSetupOptions = {}): SimulatorSetup {
  const messenger = createSimulatorMessenger();
  // Shared with the app, so the simulator knows when the webhook's work is over.
  const inflight = createInflight();
  let port: number | null = null;
  let host = "127.0.0.1";
  const { menus, defaultAliasId } = simulatorMenus();
  const router = createSimulatorRouter({
    channelSecret: config.line.channelSecret,
    webhookUrl: () => {
      if (port === null) throw new Error("simulator: the server is not listening yet");
      return `http://${host}:${port}/webhook`;
    },
    messenger,
    menus,
    defaultAliasId,
    richMenuImageDir: RICH_MENU_IMAGE_DIR,
    settled: () => inflight.drain(),
    ...(options.replyTimeoutMs !== undefined ? { replyTimeoutMs: options.replyTimeoutMs } : {}),
  });
  return {
    overrides: { messenger, inflight },
    messenger,
    router,
    listening(p, h) {
      port = p;
      if (h !== undefined && h !== "0.0.0.0" && h !== "::") host = h.includes(":") ? `[${h}]` : h;
    },
    startNoticeSender(deps, everyMs = 15_000) {
      const sender = createSender({
        store: deps.store,
        messenger,
        clock: deps.clock,
        owner: `simulator:${process.pid}:${randomUUID().slice(0, 8)}`,
        logger: deps.logger,
      });
      let running = false;
      const timer = setInterval(() => {
        // One run at a time: a slow run is not stacked on by the next tick.
        if (running) return;
        running = true;
        sender
          .sendDue()
          .catch((err: unknown) => deps.logger.warn({ err }, "simulator: notice sender run failed"))
          .finally(() => (running = false));
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
