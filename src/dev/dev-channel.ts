import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeAttr } from "../html/escape.js";
import type { SnapshotStore } from "../pubsub/adapter.js";
import type { DevHost } from "../server/dev-host.js";
import type { LiveSession } from "../session/live-session.js";
import { showsComponentOf } from "../diff/index.js";
import { errorReport } from "./error-report.js";
import { devPageScript, type DevEvent } from "./page-script.js";

// `__name`: the helper esbuild (tsx) adds to keep function names, absent from a page.
const SCRIPT = `(() => {\nvar __name = (f) => f;\n(${devPageScript.toString()})(document.currentScript.dataset.base);\n})();\n`;

/**
 * The dev process's end of every page: the DevHost the server calls (see server/dev-host.ts).
 * It serves the page script and an event stream (server-sent events: one-way, reconnected by
 * the browser itself after a restart) on which the overlay's errors, their clearing and
 * stylesheet changes reach open tabs. An error of one session (its render, a handler) shows in
 * that session's tab; one of the code (a module that fails to load) in every tab. A tab that
 * connects is told the current state at once, so a tab opened (or reconnected) while the code is
 * broken shows the overlay too.
 */
export class DevChannel implements DevHost {
  /** The sessions of every Tether made in this process (an app may make more than one). */
  private readonly maps: ReadonlyMap<string, LiveSession>[] = [];
  /** How each of those Tethers closes (before a restart). */
  readonly closers: (() => Promise<void>)[] = [];
  /** The error shown now, or null, and the modules whose tabs show it (null: every tab). */
  private current: { report: DevEvent; files: ReadonlySet<string> | null } | null = null;
  /** Errors shown by one session's tabs only, by session id. */
  private readonly sessionErrors = new Map<string, DevEvent>();
  /** Errors reported since `errorsSince` was last read (what a swap's render threw). */
  private errors = 0;
  /** The tabs' event streams, each with its page's session id ("" if it has none). */
  private readonly streams = new Map<ServerResponse, string>();
  private readonly root: string;
  readonly snapshots: SnapshotStore | null;

  constructor(root: string, snapshots: SnapshotStore | null = null) {
    this.root = root;
    this.snapshots = snapshots;
  }

  added(sessions: ReadonlyMap<string, LiveSession>, close: () => Promise<void>): void {
    this.maps.push(sessions);
    this.closers.push(close);
  }

  /** The session maps of the Tethers made so far. */
  get sessionMaps(): readonly ReadonlyMap<string, LiveSession>[] {
    return this.maps;
  }

  /** Every live session of the process. */
  *sessions(): Iterable<LiveSession> {
    for (const map of this.maps) yield* map.values();
  }

  pageScript(basePath: string, nonce: string): string {
    return `<script src="${escapeAttr(basePath)}/dev/client.js" data-base="${escapeAttr(basePath)}"${nonce === "" ? "" : ` nonce="${escapeAttr(nonce)}"`}></script>`;
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (path === "client.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
      return void res.end(SCRIPT);
    }
    if (path === "events") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      res.write(": tether dev\n\n");
      // The state now, also when it is "no error": a tab back after a restart drops an overlay
      // that the process before had shown.
      const session = new URL(req.url ?? "/", "http://localhost").searchParams.get("session") ?? "";
      const current = this.current !== null && this.concerns(session, this.current.files) ? this.current.report : null;
      write(res, current ?? this.sessionErrors.get(session) ?? { type: "ok" });
      this.streams.set(res, session);
      req.once("close", () => this.streams.delete(res));
      return;
    }
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("Not found");
  }

  error(error: unknown, where: string, session?: string): void {
    this.errors++;
    const report = errorReport(error, where, this.root);
    if (session === undefined) return this.show(report);
    this.sessionErrors.set(session, report);
    for (const [res, of] of this.streams) if (of === session) write(res, report);
  }

  /** Shows an error in every tab, or in the tabs that show a component of `files` (and those of pages without a session). */
  show(report: DevEvent, files: ReadonlySet<string> | null = null): void {
    this.current = { report, files };
    for (const [res, session] of this.streams) if (this.concerns(session, files)) write(res, report);
  }

  /** True if an error of `files` concerns the tab of `session` (an unknown session may show anything). */
  private concerns(session: string, files: ReadonlySet<string> | null): boolean {
    if (files === null) return true;
    for (const map of this.maps) {
      const live = map.get(session);
      if (live !== undefined) return showsComponentOf(live.tree, files);
    }
    return true;
  }

  /** Removes the overlay from every tab (if one is shown). */
  clear(): void {
    if (this.current === null && this.sessionErrors.size === 0) return;
    this.current = null;
    this.sessionErrors.clear();
    this.broadcast({ type: "ok" });
  }

  /** How many errors were reported so far: a swap compares it before and after its render. */
  get errorCount(): number {
    return this.errors;
  }

  broadcast(event: DevEvent): void {
    for (const res of this.streams.keys()) write(res, event);
  }

  /** Ends the event streams (before a restart: the tabs' browsers reconnect them to the next process). */
  endStreams(): void {
    for (const res of this.streams.keys()) res.end();
    this.streams.clear();
  }
}

function write(res: ServerResponse, event: DevEvent): void {
  res.write(`data: ${JSON.stringify(event)}\n\n`);
}
