import type { IncomingMessage, ServerResponse } from "node:http";
import type { SnapshotStore } from "../pubsub/adapter.js";
import type { LiveSession } from "../session/live-session.js";

/**
 * What `tether dev` (src/dev/) asks of every Tether made in its process. The dev layer sits
 * below the server (it imports it), so the server reaches it through this slot, which the dev
 * process fills before it runs the app: without `tether dev` it is null and nothing here runs.
 */
export interface DevHost {
  /** A Tether was made: its sessions, for the swap to reach, and its close, for a restart. */
  added(sessions: ReadonlyMap<string, LiveSession>, close: () => Promise<void>): void;
  /** HTML after the runtime's script tag on every page (the dev script), with the page's CSP nonce. */
  pageScript(basePath: string, nonce: string): string;
  /** Answers a request under `basePath + "/dev/"` (the dev script, its event stream). */
  handle(req: IncomingMessage, res: ServerResponse, path: string): void;
  /** A component's render, hook or handler failed: the overlay shows it (in the tabs of `session` only, when given). */
  error(error: unknown, where: string, session?: string): void;
  /**
   * Where sessions are snapshotted when the app keeps none of its own: a store that outlives
   * the app's process, so that its sessions survive a restart. Null: none.
   */
  readonly snapshots: SnapshotStore | null;
}

let host: DevHost | null = null;

/** Installs the dev host of this process (`tether dev` does, before it runs the app). */
export function installDevHost(next: DevHost | null): void {
  host = next;
}

/** The dev host of this process, or null outside `tether dev`. */
export function devHost(): DevHost | null {
  return host;
}
