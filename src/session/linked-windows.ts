/**
 * Linked windows: a session opens child windows whose sessions know it as their parent, and
 * the two talk (AuroraView's parent/child IPC, for the web). Each linked session has a window
 * address and hears on its own pub/sub channel (window-messages.ts), so a parent and a child
 * held by different processes talk through the server's adapter (Redis) as through memory.
 *
 * A child is linked by its URL: the parent signs a link token (its address, the child's) that
 * the child's page carries in its query (`tether-window=…`); its session reads it when it is
 * made, for the page's GET or a join, so a reloaded child keeps its link. Addressing is checked
 * on both sides: a session sends only to its own parent and children, and takes a message only
 * from them, and only for its own instance (see WindowMessage).
 */
import type { ChildMessageHandler, ChildWindow, ParentMessageHandler, ParentWindow } from "../component/linked-window.js";
import type { JsonValue, PubSub, Unsubscribe } from "../pubsub/index.js";
import { randomToken } from "./random-token.js";
import { checkWindowEvent, inboxChannel, readWindowMessage, rollChannel, type WindowMessage } from "./window-messages.js";

/** What a link token says: the parent's window address and the child's. */
export interface WindowLink {
  parent: string;
  window: string;
}

/** Signs and reads link tokens, and gives a session that is no child its address (server/window-link-tokens.ts). */
export interface WindowLinks {
  sign(parent: string, window: string): string;
  verify(token: string): WindowLink | null;
  addressOf(sessionId: string): string;
}

/** What linked windows need of their session. */
export interface LinkHost {
  readonly id: string;
  /** Runs `run` as a turn of the session's own: what it changes is one patch. */
  deliver(run: () => unknown, where: string): void;
  /** Tells the page's scripts (tether-windows), if the page has them. */
  toPage(payload: JsonValue): void;
  /** Closes the session's window (the parent asked). */
  closePage(): void;
  onError(error: unknown, where: string): void;
}

/** The query parameter of a child's URL that carries its link token. */
export const LINK_PARAM = "tether-window";

/** Children a session keeps in its list; past it, the longest closed is forgotten (an open one never is). */
const MAX_CHILDREN = 64;

/** A child as its parent keeps it: what the app sees, and the instance that speaks for it now. */
interface Child {
  view: ChildWindow;
  instance: string;
}

/** One session's links: its address, its parent, its children, and who listens. */
export class LinkedWindows {
  readonly address: string;
  /** This session's instance: a reloaded child's new session has another, and the parent follows it. */
  private readonly instance = randomToken(9);
  private parentWindow: ParentWindow | null;
  private readonly link: { token: string; path: string } | null;
  private childList: Map<string, Child> | null = null;
  private childHandlers: Set<ChildMessageHandler> | null = null;
  private parentHandlers: Set<ParentMessageHandler> | null = null;
  private listening: Unsubscribe[] | null = null;
  /**
   * A child's, until its hello is on its way (once its inbox hears): what it says before waits
   * for it, so its parent knows it by then, in order. Null once said, and for a parent.
   */
  private linking: Promise<void> | null = null;
  private readonly host: LinkHost;
  private readonly pubsub: PubSub;
  private readonly links: WindowLinks;

  constructor(host: LinkHost, pubsub: PubSub, links: WindowLinks, address: string, parent: { address: string; token: string; path: string } | null) {
    this.host = host;
    this.pubsub = pubsub;
    this.links = links;
    this.address = address;
    this.parentWindow = parent === null ? null : { id: parent.address, state: "open" };
    this.link = parent === null ? null : { token: parent.token, path: parent.path };
  }

  /**
   * The links of a session made for `path`: a child's if its query carries a valid link token
   * (it listens and says hello at once), else a restored session's (it listens and calls the
   * roll: its children, if it had any, say hello again), else null: made when first needed.
   */
  static forSession(host: LinkHost, pubsub: PubSub, links: WindowLinks, path: string, restored: boolean): LinkedWindows | null {
    const child = readLink(path, links);
    if (child !== null) {
      const windows = new LinkedWindows(host, pubsub, links, child.link.window, { address: child.link.parent, token: child.token, path: child.path });
      // Hello once its inbox hears: the parent may answer at once.
      windows.linking = windows.whenListening(() => {
        windows.linking = null;
        windows.hello();
      });
      return windows;
    }
    if (!restored) return null;
    const windows = new LinkedWindows(host, pubsub, links, links.addressOf(host.id), null);
    windows.whenListening(() => windows.send(rollChannel(windows.address), { k: "roll", f: windows.address }));
    return windows;
  }

  get parent(): ParentWindow | null {
    return this.parentWindow;
  }

  get children(): ChildWindow[] {
    const list: ChildWindow[] = [];
    if (this.childList !== null) for (const child of this.childList.values()) list.push(child.view);
    return list;
  }

  /** A new child's id and the URL of `path` that links it to this session (its link token in the query). */
  linkFor(path: string): { id: string; url: string } {
    if (typeof path !== "string" || !path.startsWith("/") || path.startsWith("//") || path.includes("\\") || /[\u0000-\u001f\s]/.test(path)) {
      throw new TypeError(`Tether: a window's path is a path of this app ("/detail?id=7"), not ${JSON.stringify(path)}`);
    }
    this.listen();
    const id = randomToken(12);
    const hash = path.indexOf("#");
    const [base, fragment] = hash === -1 ? [path, ""] : [path.slice(0, hash), path.slice(hash)];
    const url = `${base}${base.includes("?") ? "&" : "?"}${LINK_PARAM}=${encodeURIComponent(this.links.sign(this.address, id))}${fragment}`;
    return { id, url };
  }

  emitToParent(event: string, data: unknown): Promise<void> {
    checkWindowEvent(event);
    if (this.parentWindow === null) throw new Error("Tether: emitToParent in a session that has no parent window (it was not opened by openWindow or a window link)");
    return this.publish(inboxChannel(this.parentWindow.id), message(this.address, this.instance, event, data));
  }

  sendToChild(id: string, event: string, data: unknown): Promise<void> {
    checkWindowEvent(event);
    const child = this.childList?.get(id);
    if (child === undefined) throw new Error(`Tether: ${JSON.stringify(id)} is no child window of this session (a session addresses only its own children)`);
    if (child.view.state === "closed") throw new Error(`Tether: the child window ${id} is closed`);
    return this.publish(inboxChannel(id), message(this.address, child.instance, event, data));
  }

  /** Sends to every open child; resolves when every message is published. */
  broadcastToChildren(event: string, data: unknown): Promise<void> {
    checkWindowEvent(event);
    return this.toOpenChildren((instance) => message(this.address, instance, event, data));
  }

  /** Asks every open child to close its window. */
  closeChildren(): Promise<void> {
    return this.toOpenChildren((instance) => ({ k: "close", f: this.address, i: instance }));
  }

  onChildMessage(handler: ChildMessageHandler): () => void {
    const handlers = (this.childHandlers ??= new Set());
    handlers.add(handler);
    return () => void handlers.delete(handler);
  }

  onParentMessage(handler: ParentMessageHandler): () => void {
    const handlers = (this.parentHandlers ??= new Set());
    handlers.add(handler);
    return () => void handlers.delete(handler);
  }

  /**
   * The session ended: it stops listening and, unless its server is only stopping (`final`
   * false: another process may restore it), tells its parent (`bye`) and children (`parent_closed`).
   */
  end(final: boolean): void {
    if (this.listening !== null) for (const off of this.listening) off();
    this.listening = null;
    if (!final) return;
    if (this.parentWindow !== null) this.send(inboxChannel(this.parentWindow.id), { k: "bye", f: this.address, i: this.instance });
    this.toOpenChildren((instance) => ({ k: "parent_closed", f: this.address, i: instance })).catch((error: unknown) => this.host.onError(error, "a message between linked windows"));
  }

  /** Subscribes to the session's channels (its inbox, and a child's roll calls), once. */
  private listen(): void {
    if (this.listening !== null) return;
    const hear = (value: JsonValue) => this.receive(value);
    this.listening = [this.pubsub.on(inboxChannel(this.address), hear, undefined)];
    if (this.parentWindow !== null) this.listening.push(this.pubsub.on(rollChannel(this.parentWindow.id), hear, undefined));
  }

  /** Resolves once every channel of the session hears (a round trip to Redis, or at once in memory): a link it gave is answered from then on. */
  heard(): Promise<void> {
    this.listen();
    return Promise.all(this.listening!.map((off) => off.ready)).then(() => undefined);
  }

  /** Runs `then` once every channel hears. */
  private whenListening(then: () => void): Promise<void> {
    return this.heard().then(then, (error: unknown) => this.host.onError(error, "listening for linked windows"));
  }

  private hello(): void {
    const link = this.link!;
    this.send(inboxChannel(this.parentWindow!.id), { k: "hello", f: this.address, i: this.instance, p: link.path, t: link.token });
  }

  /** One message heard on this session's channels: checked, then acted on if its sender may send it. */
  private receive(value: JsonValue): void {
    const m = readWindowMessage(value);
    if (m === null) return;
    const fromParent = this.parentWindow !== null && m.f === this.parentWindow.id;
    if (m.k === "roll") {
      if (fromParent) this.hello();
    } else if (m.k === "hello") this.childHello(m);
    else if (m.k === "bye") this.childBye(m.f, m.i);
    else if (fromParent) {
      if (m.i !== this.instance) return; // for the session this child had before a reload
      if (m.k === "msg") this.toParentHandlers(m.ev, m.d ?? null);
      else if (m.k === "close") this.host.deliver(() => this.host.closePage(), "closing the window");
      else if (this.parentWindow!.state === "open") {
        this.parentWindow = { id: this.parentWindow!.id, state: "closed" };
        this.toParentHandlers("parent_closed", null);
      }
    } else if (m.k === "msg") {
      const child = this.childList?.get(m.f);
      // Only an open child's current session speaks for it; anything else is refused silently
      // (it was checked when sent: this is the other side's check).
      if (child !== undefined && child.instance === m.i && child.view.state === "open") this.toChildHandlers(child.view, m.ev, m.d ?? null);
    }
  }

  /** A child's session says it is here: its link must be signed for this session and that child. */
  private childHello(m: Extract<WindowMessage, { k: "hello" }>): void {
    const link = this.links.verify(m.t);
    if (link === null || link.parent !== this.address || link.window !== m.f) return;
    const children = (this.childList ??= new Map());
    const known = children.get(m.f);
    const view: ChildWindow = { id: m.f, path: m.p, state: "open" };
    if (known === undefined && !this.makeRoom(children)) {
      this.host.onError(new Error(`a session has ${MAX_CHILDREN} open child windows: a new one is not linked`), "linking a child window");
      return;
    }
    children.set(m.f, { view, instance: m.i });
    if (known === undefined || known.view.state === "closed") this.toChildHandlers(view, "child_opened", null);
  }

  private childBye(id: string, instance: string): void {
    const child = this.childList?.get(id);
    // The session a reloaded child left behind ends later: its bye is not the child's.
    if (child === undefined || child.instance !== instance || child.view.state === "closed") return;
    child.view = { id, path: child.view.path, state: "closed" };
    this.toChildHandlers(child.view, "child_closed", null);
  }

  /** Room for one more child: true if there is, forgetting the oldest closed one if need be. */
  private makeRoom(children: Map<string, Child>): boolean {
    if (children.size < MAX_CHILDREN) return true;
    for (const [id, child] of children) {
      if (child.view.state === "closed") return children.delete(id);
    }
    return false;
  }

  private toChildHandlers(child: ChildWindow, event: string, data: JsonValue): void {
    this.host.deliver(() => {
      if (this.childHandlers !== null) for (const handler of [...this.childHandlers]) this.run(() => handler(child, event, data), `an onChildMessage handler ("${event}")`);
      this.host.toPage({ c: child as unknown as JsonValue, ev: event, d: data });
    }, "a child window's message");
  }

  private toParentHandlers(event: string, data: JsonValue): void {
    this.host.deliver(() => {
      if (this.parentHandlers !== null) for (const handler of [...this.parentHandlers]) this.run(() => handler(event, data), `an onParentMessage handler ("${event}")`);
      this.host.toPage({ p: this.parentWindow as unknown as JsonValue, ev: event, d: data });
    }, "the parent window's message");
  }

  /** Runs one handler: its error (thrown or its promise's) is reported and the others still run. */
  private run(handler: () => unknown, where: string): void {
    try {
      const result = handler();
      if (result instanceof Promise) result.catch((error: unknown) => this.host.onError(error, where));
    } catch (error) {
      this.host.onError(error, where);
    }
  }

  /** Sends what `make` makes for each open child's current session (its instance). */
  private toOpenChildren(make: (instance: string) => unknown): Promise<void> {
    const sent: Promise<void>[] = [];
    if (this.childList !== null) for (const [id, child] of this.childList) if (child.view.state === "open") sent.push(this.publish(inboxChannel(id), make(child.instance)));
    return Promise.all(sent).then(() => undefined);
  }

  /** Publishes (after a child's hello), throwing at once if the message is not JSON data or is over the pub/sub cap. */
  private publish(channel: string, value: unknown): Promise<void> {
    return this.pubsub.send(channel, value, undefined, this.linking ?? undefined);
  }

  /** Publishes what the link itself says: an adapter's failure is reported, never thrown. */
  private send(channel: string, value: WindowMessage): void {
    this.publish(channel, value).catch((error: unknown) => this.host.onError(error, "a message between linked windows"));
  }
}

function message(from: string, instance: string, event: string, data: unknown): unknown {
  return data === undefined ? { k: "msg", f: from, i: instance, ev: event } : { k: "msg", f: from, i: instance, ev: event, d: data };
}

/** The link a page's path carries, with the path without it; null if it carries none that this server signed. */
export function readLink(path: string, links: WindowLinks): { link: WindowLink; token: string; path: string } | null {
  const query = path.indexOf("?");
  if (query === -1 || !path.includes(LINK_PARAM + "=", query)) return null;
  const hash = path.indexOf("#", query);
  const params = new URLSearchParams(path.slice(query + 1, hash === -1 ? undefined : hash));
  const token = params.get(LINK_PARAM);
  const link = token === null ? null : links.verify(token);
  if (link === null) return null;
  params.delete(LINK_PARAM);
  const rest = params.toString();
  return { link, token: token!, path: path.slice(0, query) + (rest === "" ? "" : "?" + rest) };
}
