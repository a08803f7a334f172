import type { CallClientOptions, CallHandler, ExecuteJsOptions, PageEventHandler } from "../component/component-session.js";
import type { DownloadFile } from "../component/download-file.js";
import { Msg, RESERVED_PREFIX, type ErrorCode, type ServerMessage } from "../protocol/wire.js";
import { Bridge } from "./bridge.js";
import type { Channel } from "./channel.js";
import { NotConnectedError } from "./errors.js";
import { checkTimeout, JsRequests } from "./js-requests.js";
import type { LiveSessionOptions } from "./options.js";

// Emits made before the page has mounted wait for it, up to this many.
const MAX_EARLY_EMITS = 256;

/**
 * What a session and its page ask of each other beside the tree: the server's requests to the
 * page (`executeJs`, `getJsResult`, `callClient`, tracked until they settle), its events for the
 * page (`emit`), the files it offers for download, and the calls and events it takes from page scripts (`bindCall`, `bindApi`,
 * `on`). LiveSession's base: the half of a session that its components use as
 * ComponentSession, apart from the tree and the wire. The request table, the bridge and the
 * early emits are made on first use: an idle session (most of a server's, most of the time)
 * never needs them.
 */
export abstract class PageRequests {
  protected jsRequests: JsRequests | null = null;
  protected bridgeState: Bridge | null = null;
  /** Emits made before a tab had the tree: sent after its Mount. */
  protected earlyEmits: ServerMessage[] | null = null;
  protected abstract readonly channel: Channel;
  protected abstract readonly options: LiveSessionOptions<never>;
  abstract readonly id: string;
  abstract readonly isEnded: boolean;

  /** @internal Sends a message; one that carries `s` is numbered and kept for replay. */
  transmit(message: ServerMessage): void {
    if ("s" in message) this.channel.sendNumbered(message as ServerMessage & { s: number });
    else this.channel.send(message);
  }
  /** An error for the page (about event `e`, if given). */
  abstract sendError(code: ErrorCode, message: string, e?: number): void;
  /** A component's render, hook or handler threw, or a page call failed. */
  abstract onError(error: unknown, where: string): void;
  /** @internal A call the session answers itself (see SessionWindows), or undefined. */
  builtInCall(_method: string): CallHandler | undefined {
    return undefined;
  }

  protected get js(): JsRequests {
    return (this.jsRequests ??= new JsRequests(checkTimeout(this.options.jsTimeout ?? 30_000), this));
  }

  protected get bridge(): Bridge {
    return (this.bridgeState ??= new Bridge(this, this.options.dev === true));
  }

  // ——— Server → page ———

  /**
   * Runs `code` in the page as the body of an async function (it may `await` and `return`).
   * With `waitForResult`, resolves with its value; without, once the page confirms it ran.
   * Rejects with JsExecutionError (the page's error, an unserializable result, the session's
   * end) or JsExecutionTimeout. `args` reach the code as named values; the code also sees
   * `signal`, an AbortSignal aborted on timeout or when `options.signal` aborts. `T` is the
   * result's type, not checked at run time: the value is the page's answer, decoded from JSON.
   */
  executeJs<T = unknown>(code: string, options?: ExecuteJsOptions): Promise<T> {
    return this.notConnected("executeJs") ?? this.js.executeJs<T>(code, options);
  }

  /** Runs `code` in the page, then resolves with the value of `variable` (a name or a dotted path); `T` as for executeJs. */
  getJsResult<T = unknown>(code: string, variable: string, options?: CallClientOptions): Promise<T> {
    return this.notConnected("getJsResult") ?? this.js.getJsResult<T>(code, variable, options);
  }

  /** Calls a function the page registered with `tether.expose(name, fn)`: no code is evaluated (CSP-friendly); `T` as for executeJs. */
  callClient<T = unknown>(name: string, args?: unknown[] | unknown, options?: CallClientOptions): Promise<T> {
    return this.notConnected("callClient") ?? this.js.callClient<T>(name, args, options);
  }

  /**
   * A NotConnectedError if no page can take a request yet, else null: a tab has had the tree
   * (it may be away now; it gets the request when it resumes), or the session ended (JsRequests
   * says so). Before any tab joined (the first paint) the request fails at once, not after its
   * timeout: the page is not served until the root's mount() settles, so it could never answer.
   */
  private notConnected(what: string): Promise<never> | null {
    return this.channel.mounted || this.isEnded ? null : Promise.reject(new NotConnectedError(what));
  }

  /** Default timeout of waiting page requests, in milliseconds. */
  get jsTimeout(): number {
    return this.js.timeout;
  }

  set jsTimeout(ms: number) {
    this.js.timeout = checkTimeout(ms);
  }

  /** Sends an event to the page's `tether.on(event, handler)` subscribers. */
  emit(event: string, payload?: unknown): void {
    checkEventName(event, "emit");
    this.sendEmit(this.bridge.emit(event, payload));
  }

  /** Sends an Emit message now, or after the Mount if no tab has had the tree yet. */
  protected sendEmit(message: ServerMessage): void {
    if (this.channel.mounted) this.transmit(message);
    else if ((this.earlyEmits ??= []).length < MAX_EARLY_EMITS) this.earlyEmits.push(message);
  }

  /** Offers `file` to the page at an unguessable URL (see server/downloads.ts) until the session ends. */
  offerDownload(file: DownloadFile): string {
    const downloads = this.options.downloads;
    if (downloads === undefined) throw new Error("Tether: offerDownload is for the sessions of a server (createTether or serve)");
    if (this.isEnded) throw new Error("Tether: offerDownload after the session ended");
    return downloads.offer(this.id, file);
  }

  withdrawDownload(url: string): void {
    this.options.downloads?.withdraw(url);
  }

  // ——— Page → server ———

  /** Lets the page call `handler` with `tether.call(method, params)`; returns an unbind function. */
  bindCall(method: string, handler: CallHandler): () => void {
    const unbind = this.bridge.bindCall(method, handler);
    this.announceBound([]);
    return () => {
      if (unbind()) this.announceBound([]);
    };
  }

  /** Binds `api`'s public methods as `namespace.method`, callable in the page as `tether.<namespace>.<method>(params)`. */
  bindApi(api: object, namespace = "api"): string[] {
    const isNew = !this.bridgeState?.namespaces?.has(namespace);
    const names = this.bridge.bindApi(api, namespace);
    this.announceBound(isNew ? [namespace] : []);
    return names;
  }

  /**
   * Tells a mounted page what it may call now (before the mount, the Mount says it): new
   * namespaces and the whole method list, which the AuroraView alias lists (`getBoundMethods`).
   */
  private announceBound(namespaces: string[]): void {
    if (this.channel.mounted) this.transmit({ k: Msg.Bind, s: 0, ns: namespaces, m: this.boundMethods });
  }

  /** The methods the page may call now: `bindCall`'s, and `bindApi`'s as `namespace.method`. */
  get boundMethods(): string[] {
    return this.bridgeState?.methods ?? [];
  }

  /** Handles `tether.sendEvent(event, detail)` from the page; returns an unsubscribe function. */
  on(event: string, handler: PageEventHandler): () => void {
    checkEventName(event, "on");
    return this.bridge.on(event, handler);
  }
}

/** Tether's own page events (live navigation's) are not the app's to send or handle. */
function checkEventName(event: string, where: string): void {
  if (typeof event === "string" && event.startsWith(RESERVED_PREFIX)) throw new TypeError(`${where}: event names starting with "${RESERVED_PREFIX}" are Tether's own ("${event}")`);
}
