import { inspectTree, type LiveTree } from "../diff/index.js";
import { ErrorCodes, Msg, type DevReportMessage, type DevWatchMessage } from "../protocol/wire.js";
import type { Channel } from "./channel.js";

/**
 * Development only: a session whose tab's devtools panel watches it (it sent a DevWatch). After
 * each event the session answers, the inspector sends the component tree with the server's time
 * for the event (DevReport). A session makes one only with `dev: true` and only when asked, so a
 * production session has none and sends none, and a session in development without the panel
 * open pays one null check per event.
 */
export class SessionInspector {
  readonly #tree: LiveTree;
  readonly #channel: Channel;

  constructor(tree: LiveTree, channel: Channel) {
    this.#tree = tree;
    this.#channel = channel;
  }

  /**
   * Sends the tree as it is now; after event `e` (0: after none), also the time since `started`
   * (`performance.now()` when its handler began; 0 if the panel asked for reports after that).
   */
  report(e: number, started: number): void {
    const message: DevReportMessage = { k: Msg.DevReport, c: [] };
    if (e > 0) {
      message.e = e;
      // Read before the tree is walked: the walk is the devtools' cost, not the event's.
      if (started > 0) message.ms = Math.round((performance.now() - started) * 100) / 100;
    }
    const { components, left } = inspectTree(this.#tree);
    message.c = components;
    if (left > 0) message.x = left;
    this.#channel.send(message);
  }
}

/**
 * A session's answer to a DevWatch: in development, an inspector that has sent the tree as it
 * is now (`on`), or none (the panel closed); elsewhere none, and an error that says why.
 */
export function watchSession(message: DevWatchMessage, dev: boolean, tree: LiveTree, channel: Channel): SessionInspector | null {
  if (!dev) {
    channel.send({ k: Msg.Error, code: ErrorCodes.DevOnly, message: "the devtools' component tree is sent only in development (dev: true); this server runs with dev: false" });
    return null;
  }
  if (!message.on) return null;
  const inspector = new SessionInspector(tree, channel);
  inspector.report(0, 0);
  return inspector;
}
