import { WindowCalls } from "../src/protocol/wire.js";
import type { TetherPage } from "./page-api.js";

/** A child window as the page sees it (the server's ChildWindow). */
export interface PageChildWindow {
  readonly id: string;
  readonly path: string;
  readonly state: "open" | "closed";
}

/** The parent window as the page sees it. */
export interface PageParentWindow {
  readonly id: string;
  readonly state: "open" | "closed";
}

type ChildHandler = (child: PageChildWindow, event: string, data: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
type ParentHandler = (event: string, data: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What the linked-windows script adds to `window.tether`: the session's linked-windows API
 * (session/session-windows.ts) for page scripts, built on `tether.call` and `tether.on`, so it
 * is ordered and exactly-once across reconnects as every call and emitted event is.
 */
export interface WindowsPage {
  /**
   * Opens `path` (a page of this app) in a new window linked to this page's session; resolves
   * with the child's id. Call it in a click or key handler: the window is opened at once (a
   * popup needs the user's activation) and sent to its linked URL when the server gave it.
   */
  openWindow(path: string, options?: { name?: string; features?: string }): Promise<string>;
  /** A new child's id and a URL linked to this session, for a link the user opens. */
  windowLink(path: string): Promise<{ id: string; url: string }>;
  emitToParent(event: string, data?: unknown): Promise<void>;
  /** Rejects for an id that is not one of this session's children. */
  sendToChild(id: string, event: string, data?: unknown): Promise<void>;
  broadcastToChildren(event: string, data?: unknown): Promise<void>;
  closeChildren(): Promise<void>;
  /** The children's messages, `child_opened` and `child_closed`; returns an unsubscribe function. */
  onChildMessage(handler: ChildHandler): () => void;
  /** The parent's messages and `parent_closed`; returns an unsubscribe function. */
  onParentMessage(handler: ParentHandler): () => void;
  /** This window's id (null until it has a parent or children), its parent and its children. */
  windows(): Promise<{ id: string | null; parent: PageParentWindow | null; children: PageChildWindow[] }>;
}

/** News that waits for a page handler (a page script that subscribes after an `await`), up to this many. */
const HELD = 256;

/** What the server emits (WindowCalls.Event): a child's news (`c`), the parent's (`p`), or a request to close. */
interface WindowNews {
  c?: PageChildWindow;
  p?: PageParentWindow;
  ev?: string;
  d?: unknown;
  close?: true;
}

/**
 * Adds the linked-windows calls to `page` (window.tether) and returns it. News with no handler
 * yet waits for the first one, as an emitted event waits for its first `tether.on`.
 */
export function addWindows(page: TetherPage): TetherPage & WindowsPage {
  const children = new Set<ChildHandler>();
  const parents = new Set<ParentHandler>();
  const held: WindowNews[] = [];

  const deliver = (news: WindowNews): void => {
    if (news.close) return window.close();
    const handlers: Set<unknown> = news.c ? children : parents;
    if (handlers.size === 0) {
      if (held.length < HELD) held.push(news);
      return;
    }
    for (const handler of [...handlers]) {
      try {
        if (news.c) (handler as ChildHandler)(news.c, news.ev!, news.d ?? null);
        else (handler as ParentHandler)(news.ev!, news.d ?? null);
      } catch (error) {
        console.error(`[tether] a linked-window handler of "${news.ev}" failed:`, error);
      }
    }
  };

  const listen = <H>(set: Set<H>, handler: H): (() => void) => {
    set.add(handler);
    // What waited for a handler of this kind is delivered now, in order; the other kind waits on.
    for (const news of held.splice(0)) deliver(news);
    return () => void set.delete(handler);
  };

  page.on(WindowCalls.Event, deliver);
  // The server's openWindow, without eval: window.open here, true unless the browser blocked it.
  page.expose(WindowCalls.Open, (url: string, name: string, features: string) => window.open(new URL(url, location.href).href, name, features) !== null);

  const windows: WindowsPage = {
    openWindow(path, options = {}) {
      const opened = window.open("", options.name ?? "_blank", options.features ?? "");
      if (opened === null) return Promise.reject(new Error("the browser blocked the window: open it from a handler of a click or a key press"));
      return page.call<{ id: string; url: string }>(WindowCalls.Link, [path]).then(
        ({ id, url }) => {
          opened.location.replace(new URL(url, location.href).href);
          return id;
        },
        (error: unknown) => {
          opened.close();
          throw error;
        },
      );
    },
    windowLink: (path) => page.call(WindowCalls.Link, [path]),
    emitToParent: (event, data) => page.call(WindowCalls.EmitToParent, [event, data ?? null]),
    sendToChild: (id, event, data) => page.call(WindowCalls.SendToChild, [id, event, data ?? null]),
    broadcastToChildren: (event, data) => page.call(WindowCalls.BroadcastToChildren, [event, data ?? null]),
    closeChildren: () => page.call(WindowCalls.CloseChildren, []),
    onChildMessage: (handler) => listen(children, handler),
    onParentMessage: (handler) => listen(parents, handler),
    windows: () => page.call(WindowCalls.State, []),
  };
  return Object.assign(page, windows);
}
