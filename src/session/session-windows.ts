import type { CallHandler } from "../component/component-session.js";
import type { ChildMessageHandler, ChildWindow, OpenWindowOptions, ParentMessageHandler, ParentWindow } from "../component/linked-window.js";
import type { JsonValue, PubSub, Unsubscribe } from "../pubsub/index.js";
import { RESERVED_PREFIX, WindowCalls } from "../protocol/wire.js";
import { LinkedWindows, type LinkHost, type WindowLinks } from "./linked-windows.js";
import { SessionNavigation } from "./session-navigation.js";

/** Already settled: what a window handler's `ready` is (it hears as soon as it is added). */
const SETTLED = Promise.resolve();

/**
 * A session's linked windows (linked-windows.ts), as its components and page scripts use them:
 * `openWindow`, the messages to and from its parent and children, and their lists.
 * LiveSession's base, above SessionTopics (the links travel over the server's pub/sub). The
 * links are made on first use, or when the session is made for a child's URL (or restored).
 */
export abstract class SessionWindows extends SessionNavigation implements LinkHost {
  private linked: LinkedWindows | null = null;
  /**
   * @internal The page has the linked-windows script (its route says `windows: true`): news
   * and messages are also emitted to it, and `openWindow` uses it (no eval, CSP-friendly).
   */
  windowsOnPage = false;

  /** Reads the link of a child's URL, or calls the roll of a restored session (see LinkedWindows.forSession). */
  protected linkWindows(restored: boolean): void {
    const links = this.options.windowLinks;
    if (links !== undefined && this.options.pubsub !== undefined) this.linked = LinkedWindows.forSession(this, this.options.pubsub, links, this.path, restored);
  }

  private get windows(): LinkedWindows {
    if (this.linked !== null) return this.linked;
    const links = this.options.windowLinks;
    const pubsub: PubSub | undefined = this.options.pubsub;
    if (links === undefined || pubsub === undefined) throw new Error("Tether: linked windows are for the sessions of a server (createTether or serve)");
    return (this.linked = new LinkedWindows(this, pubsub, links, links.addressOf(this.id), null));
  }

  /** This window's id as its parent and children know it (null until it has either). */
  get windowId(): string | null {
    return this.linked === null ? null : this.linked.address;
  }

  get parent(): ParentWindow | null {
    return this.linked === null ? null : this.linked.parent;
  }

  get children(): readonly ChildWindow[] {
    return this.linked === null ? [] : this.linked.children;
  }

  /**
   * Opens `path` (a page of this app) in a new window linked to this session, and resolves
   * with the child's id (its `child_opened` follows when its session is made). The page runs
   * `window.open`, so call it from a handler of a click or a key press: browsers open a popup
   * only while the page has a user's activation (Chromium's lasts 5 s). Rejects if the browser
   * blocked it, or no tab is connected.
   */
  async openWindow(path: string, options: OpenWindowOptions = {}): Promise<string> {
    const { id, url } = this.windows.linkFor(path);
    await this.windows.heard(); // the child's hello must find this session listening
    const args = [url, options.name ?? "_blank", options.features ?? ""];
    const opened = this.windowsOnPage
      ? await this.callClient<boolean>(WindowCalls.Open, args)
      : await this.executeJs<boolean>("return window.open(url, name, features) !== null", { waitForResult: true, args: { url: args[0], name: args[1], features: args[2] } });
    if (!opened) throw new Error("Tether: the browser blocked the window: open it from a handler of a click or a key press");
    return id;
  }

  /**
   * A new child's id and a URL of `path` linked to this session: for a link the user opens
   * (`<a href=${url} target="_blank">`). Over Redis, this session hears its children a round
   * trip later: a link is for a page the user opens, never that fast.
   */
  windowLink(path: string): { id: string; url: string } {
    return this.windows.linkFor(path);
  }

  /** Sends `event` with `data` (JSON, capped like a pub/sub message) to this window's parent. */
  emitToParent(event: string, data?: unknown): Promise<void> {
    return this.windows.emitToParent(event, data);
  }

  /** Sends `event` with `data` to the child window `id` of this session (and no other). */
  sendToChild(id: string, event: string, data?: unknown): Promise<void> {
    return this.windows.sendToChild(id, event, data);
  }

  /** Sends `event` with `data` to every open child window. */
  broadcastToChildren(event: string, data?: unknown): Promise<void> {
    return this.windows.broadcastToChildren(event, data);
  }

  /** Asks every open child window to close itself (its page runs `window.close()`). */
  closeChildren(): Promise<void> {
    return this.windows.closeChildren();
  }

  /** Closes this session's window (`window.close()` in the page: it works for a window a script opened). */
  closeWindow(): void {
    if (this.isConnected) this.closePage();
  }

  /** Calls `handler` with every message and news (`child_opened`, `child_closed`) of this session's children. */
  onChildMessage(handler: ChildMessageHandler): Unsubscribe {
    return Object.assign(this.windows.onChildMessage(handler), { ready: SETTLED });
  }

  /** Calls `handler` with every message of this session's parent, and `parent_closed`. */
  onParentMessage(handler: ParentMessageHandler): Unsubscribe {
    return Object.assign(this.windows.onParentMessage(handler), { ready: SETTLED });
  }

  /** The links end with the session; `final` false when the server only stops (another process may restore it). */
  protected endWindows(final: boolean): void {
    this.linked?.end(final);
  }

  abstract readonly isConnected: boolean;

  /** @internal See LinkHost.toPage. */
  toPage(payload: JsonValue): void {
    if (this.windowsOnPage) this.sendEmit(this.bridge.emit(WindowCalls.Event, payload));
  }

  /** @internal See LinkHost.closePage. */
  closePage(): void {
    if (this.windowsOnPage) this.sendEmit(this.bridge.emit(WindowCalls.Event, { close: true }));
    else this.executeJs("window.close()").catch((error: unknown) => this.isEnded || this.onError(error, "closing the window"));
  }

  /** @internal The page's linked-windows calls (WindowCalls), answered by the session itself. */
  override builtInCall(method: string): CallHandler | undefined {
    if (!method.startsWith(RESERVED_PREFIX)) return undefined;
    switch (method) {
      case WindowCalls.State:
        return () => ({ id: this.windowId, parent: this.parent, children: this.children });
      case WindowCalls.Link:
        return async (path: string) => {
          const link = this.windowLink(path);
          await this.windows.heard(); // before the page opens it: the child's hello must find this session listening
          return link;
        };
      case WindowCalls.EmitToParent:
        return (event: string, data?: unknown) => this.emitToParent(event, data);
      case WindowCalls.SendToChild:
        return (id: string, event: string, data?: unknown) => this.sendToChild(id, event, data);
      case WindowCalls.BroadcastToChildren:
        return (event: string, data?: unknown) => this.broadcastToChildren(event, data);
      case WindowCalls.CloseChildren:
        return () => this.closeChildren();
      default:
        return undefined;
    }
  }
}
