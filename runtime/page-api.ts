import { PROTOCOL_VERSION } from "../src/protocol/wire.js";
import type { Bridge } from "./bridge.js";
import type { Status } from "./connection.js";
import type { Hook } from "./client/hooks.js";
import type { Island } from "./client/islands.js";

/**
 * Calls to a bound server API: `tether.api.add({ a, b })` is `tether.call("api.add", { a, b })`.
 * A method typed by the API (`getTether<typeof api>()`) has its parameters and result; an
 * untyped one takes the result's type as `tether.call` does: `tether.api.add<number>(…)`.
 */
export type RemoteApi<Api> = {
  [K in keyof Api as Api[K] extends (...args: any[]) => unknown ? K : never]: Api[K] extends (...args: infer A) => infer R
    ? number extends A["length"]
      ? <T = Awaited<R>>(params?: unknown) => Promise<T>
      : (...params: RemoteParams<A>) => Promise<Awaited<R>>
    : never;
};

/**
 * How a typed method's parameters are passed from the page: none; one (an object arrives as one
 * argument); several, as an array. (An untyped `(...args: any[])` takes anything: see RemoteApi.)
 */
type RemoteParams<A extends unknown[]> = A extends []
  ? []
  : A extends [infer P]
    ? [params: P]
    : [params: A];

/** `window.tether`: the page's side of the bridge. */
export interface TetherPage<Api = Record<string, (...args: any[]) => unknown>> {
  readonly version: number;
  /** "connecting", "connected", "reconnecting" or "disconnected". */
  readonly status: Status;
  readonly sessionId: string | null;
  /** "websocket", or "longpoll" when a WebSocket could not be opened (or `?transport=longpoll`). */
  readonly transport: string;
  /**
   * Calls a method the server bound (`bindCall`, `bindApi`). An object param arrives as one
   * argument, an array as positional arguments. Rejects with an Error whose name and message
   * come from the server, or a TimeoutError (default 30 000 ms). `T` names the result's type,
   * `call<{ ok: boolean }>(…)`, and is not checked at run time: it is the server's answer, decoded from JSON.
   */
  call<T = unknown>(method: string, params?: unknown, options?: { timeout?: number | undefined }): Promise<T>;
  /** Fire-and-forget event for the server's `session.on(event, handler)`. */
  sendEvent(event: string, detail?: unknown): void;
  /** Subscribes to the server's `session.emit(event, payload)`; returns an unsubscribe function. */
  on(event: string, handler: (detail: any) => void): () => void;
  once(event: string, handler: (detail: any) => void): () => void;
  off(event: string, handler?: (detail: any) => void): void;
  /**
   * Delivers an event to this page's `on` handlers, as if the server had emitted it; nothing
   * is sent. With no handler yet, it waits for one, like an emitted event. The events the
   * server emits are delivered through it (so a script may wrap it, as the AuroraView alias does).
   */
  trigger(event: string, detail?: unknown): void;
  /** Resolves once the page has joined its session. */
  whenReady(): Promise<void>;
  /** Registers a function the server can call by name with `session.callClient(name, args)`. */
  expose(name: string, fn: (...args: any[]) => unknown): () => void;
  /** The methods the server bound for this page (`bindCall`'s, and `bindApi`'s as `namespace.method`), from the join on. */
  readonly methods: readonly string[];
  /** The server's default API namespace (`bindApi(object)`). */
  readonly api: RemoteApi<Api>;
  /** Proxies for another namespace bound with `bindApi(object, namespace)`; also set as `tether[namespace]`. */
  namespace<A = Record<string, (...args: any[]) => unknown>>(name: string): RemoteApi<A>;
  /**
   * Element hooks by name, for `t-hook="Name"`: `tether.hooks.Name = { mounted() { … } }`. Set on
   * pages that load the `tether-client` script (a `t-hook`, `t-js` or island in the first paint,
   * or the route's `client: true`).
   */
  hooks: Record<string, Hook>;
  /**
   * Development only (absent in production): adds `ms` milliseconds to every message each way,
   * to see the page as a slow network shows it. 0 turns it off.
   */
  latency?(ms: number): void;
  /** Development only: opens the devtools panel (also Alt+Shift+T). */
  devtools?(): Promise<void>;
  /** Islands by name, for `island("Name", props)`: filled by the app's islands bundle. Set as `hooks` is. */
  islands: Record<string, Island>;
}

/** What `window.tether` tells of the connection: the runtime's, once it found the page's root (null before). */
export interface PageState {
  readonly status: Status;
  readonly sessionId: string | null;
  readonly transport: string;
}

const PAGE_METHODS = ["call", "sendEvent", "on", "once", "off", "trigger", "whenReady", "expose"] as const;

/** Builds the `window.tether` object around a bridge. */
export function exposeApi(bridge: Bridge, state: () => PageState | null): TetherPage {
  const namespaces = new Map<string, RemoteApi<Record<string, never>>>();
  const page = {
    version: PROTOCOL_VERSION,
    methods: [],
    get status() {
      return state()?.status ?? "connecting";
    },
    get sessionId() {
      return state()?.sessionId ?? null;
    },
    get transport() {
      return state()?.transport ?? "websocket";
    },
    namespace(name: string) {
      let proxy = namespaces.get(name);
      if (proxy === undefined) {
        // Any method name becomes a call; an unknown one is refused by the server, clearly.
        proxy = new Proxy({}, {
          get: (_, method) => (typeof method === "string" && method !== "then" ? (params?: unknown) => bridge.call(`${name}.${method}`, params) : undefined),
        }) as RemoteApi<Record<string, never>>;
        namespaces.set(name, proxy);
        if (!(name in page)) Object.defineProperty(page, name, { value: proxy, enumerable: true });
      }
      return proxy;
    },
  } as unknown as TetherPage;
  // The bridge's methods of these names, callable detached (`const { call } = tether`).
  for (const method of PAGE_METHODS) (page as unknown as Record<string, unknown>)[method] = bridge[method].bind(bridge);
  page.namespace("api");
  return page;
}
