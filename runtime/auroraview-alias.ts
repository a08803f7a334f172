import { ErrorNames } from "../src/protocol/wire.js";
import type { TetherPage } from "./page-api.js";
import type { WindowsPage } from "./windows-api.js";

type Handler = (detail: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A bound method as AuroraView lists it in a namespace: `auroraview.api.add(params)`. */
export type AuroraViewMethod = (params?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What `auroraview.setConfig` takes; only `callTimeoutMs` means something here (there is no Python backend to watch). */
export interface AuroraViewConfig {
  /** The default timeout of `call` and `invoke`, in milliseconds (30 000 unless set). */
  callTimeoutMs?: number;
  [other: string]: unknown;
}

/**
 * `window.auroraview`: the page bridge under AuroraView's names and with its behaviour, so
 * that page code and client libraries written for AuroraView's bridge (its TypeScript SDK)
 * run on it. Namespaces other than the members below (`auroraview.tools`) are there while a
 * method of theirs is bound; the desktop plugins (`fs`, `dialog`, `clipboard`, `shell`,
 * `state`, `startDrag`) are absent, so feature checks report them missing.
 */
export interface AuroraViewAlias {
  /** True from the page's first join on (AuroraView's flag, read by its SDK). */
  _ready: boolean;
  /** Every method the page may call, as `{ "api.add": true }`. */
  readonly _boundMethods: Record<string, boolean>;
  /**
   * Calls a bound server method. Rejects with the server error's name, message, `code` and
   * `data`; a timeout with `code: "TIMEOUT"`, a call the session ended with `code: "CANCELLED"`.
   */
  call<T = unknown>(method: string, params?: unknown, options?: { timeout?: number }): Promise<T>;
  /** AuroraView's plugin command: here `call(cmd, args ?? {})`, answered by a method the server bound under that name. */
  invoke<T = unknown>(cmd: string, args?: Record<string, unknown>, options?: { timeout?: number }): Promise<T>;
  /** Sends an event to the server's `on` handlers: `{}` without data; data JSON cannot carry is logged and sent as JSON keeps it. Never throws. */
  send_event(event: string, detail?: unknown): void;
  on(event: string, handler: Handler): () => void;
  off(event: string, handler?: Handler): void;
  /** Delivers an event to this page's handlers; every event the server emits arrives through it. Nothing is sent. */
  trigger(event: string, detail?: unknown): void;
  /** Resolves with the bridge once the page has first joined its session. */
  whenReady(): Promise<AuroraViewAlias>;
  isReady(): boolean;
  setConfig(config: AuroraViewConfig): void;
  /** Whether the server bound this method (`"api.add"`) for the page. */
  isMethodBound(method: string): boolean;
  getBoundMethods(): string[];
  /** The methods bound in the `api` namespace, one function each. */
  readonly api: Record<string, AuroraViewMethod>;
  /** AuroraView's child-window IPC (on routes with `windows: true`): `tether.emitToParent`. */
  emit_to_parent(event: string, data?: unknown): Promise<void>;
  /** `tether.sendToChild`: only to a child of this page's session. */
  send_to_child(childId: string, event: string, data?: unknown): Promise<void>;
  /** The child manager's `broadcast`: `tether.broadcastToChildren`. */
  broadcast(event: string, data?: unknown): Promise<void>;
  /** `tether.onParentMessage`: `handler(event, data)`; returns an unsubscribe function. */
  on_parent_message(handler: (event: string, data: any) => void): () => void; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** `tether.onChildMessage`, with the child's id: `handler(childId, event, data)`. */
  on_child_message(handler: (childId: string, event: string, data: any) => void): () => void; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** AuroraView's error codes for the errors Tether's own calls make. */
const CODES: Record<string, string> = { [ErrorNames.CallTimeout]: "TIMEOUT", [ErrorNames.SessionEnded]: "CANCELLED" };

/**
 * Builds the alias around `page` (window.tether) and routes `page`'s deliveries through the
 * alias's `trigger`: AuroraView's backend delivers every event by calling
 * `window.auroraview.trigger`, and its SDK wraps that function to reach its own subscribers.
 * `methods` are those bound when the page was rendered: page scripts that run before the join
 * find them (the join's list replaces them).
 */
export function auroraViewAlias(page: TetherPage, methods: readonly string[] = []): AuroraViewAlias {
  if (page.methods.length === 0) (page as { methods: readonly string[] }).methods = methods;
  let callTimeout: number | undefined;
  /** One object per namespace, kept in step with the bound methods whenever it is read. */
  const namespaces = new Map<string, Record<string, AuroraViewMethod>>();

  const call = <T>(method: string, params?: unknown, options?: { timeout?: number }): Promise<T> =>
    page.call<T>(method, params, { timeout: options?.timeout ?? callTimeout }).catch((error: Error & { code?: unknown }) => {
      if (error.code === undefined && CODES[error.name] !== undefined) error.code = CODES[error.name];
      throw error;
    });

  const namespace = (name: string): Record<string, AuroraViewMethod> | undefined => {
    const prefix = `${name}.`;
    const bound = page.methods.filter((m) => m.startsWith(prefix));
    // `api` is always there, as in AuroraView; another namespace only while it has a method.
    if (bound.length === 0 && name !== "api") return undefined;
    let methods = namespaces.get(name);
    if (methods === undefined) namespaces.set(name, (methods = {}));
    for (const key of Object.keys(methods)) if (!bound.includes(prefix + key)) delete methods[key];
    for (const full of bound) methods[full.slice(prefix.length)] ??= (params?: unknown) => call(full, params);
    return methods;
  };

  const alias = {
    _ready: false,
    get _boundMethods() {
      return Object.fromEntries(page.methods.map((m) => [m, true]));
    },
    call,
    invoke: <T>(cmd: string, args?: Record<string, unknown>, options?: { timeout?: number }) => call<T>(cmd, args ?? {}, options),
    send_event: (event: string, detail?: unknown) => sendEvent(page, event, detail),
    on: page.on,
    off: page.off,
    trigger: page.trigger,
    whenReady: () => ready,
    isReady: () => alias._ready,
    setConfig(config: AuroraViewConfig) {
      const ms = config?.callTimeoutMs;
      if (typeof ms === "number" && ms > 0) callTimeout = ms;
    },
    isMethodBound: (method: string) => page.methods.includes(method),
    getBoundMethods: () => [...page.methods],
    // Reached when called: the linked-windows script loads after this one.
    emit_to_parent: (event: string, data?: unknown) => windows().emitToParent(event, data),
    send_to_child: (childId: string, event: string, data?: unknown) => windows().sendToChild(childId, event, data),
    broadcast: (event: string, data?: unknown) => windows().broadcastToChildren(event, data),
    on_parent_message: (handler: (event: string, data: unknown) => void) => windows().onParentMessage(handler),
    on_child_message: (handler: (childId: string, event: string, data: unknown) => void) => windows().onChildMessage((child, event, data) => handler(child.id, event, data)),
  };

  const windows = (): WindowsPage => {
    const linked = page as TetherPage & Partial<WindowsPage>;
    if (linked.emitToParent === undefined) throw new Error("auroraview: child windows need the route's `windows: true` option");
    return linked as TetherPage & WindowsPage;
  };

  // Any other name is a namespace of bound methods, or absent. Writes (an SDK wrapping `trigger`) go to the object.
  const bridge = new Proxy(alias, {
    get: (target, key, receiver) =>
      typeof key !== "string" || key in target || key === "then" ? Reflect.get(target, key, receiver) : namespace(key),
    has: (target, key) => key in target || (typeof key === "string" && namespace(key) !== undefined),
  }) as unknown as AuroraViewAlias;

  page.trigger = (event, detail) => bridge.trigger(event, detail);

  const ready = page.whenReady().then(() => {
    alias._ready = true;
    window.dispatchEvent(new CustomEvent("auroraviewready", { detail: { timestamp: Date.now(), url: location.href } }));
    return bridge;
  });
  return bridge;
}

/**
 * AuroraView's `send_event`: without data it sends `{}`; data JSON cannot carry exactly (a
 * function, NaN, a Map) is logged and sent as JSON.stringify keeps it; what JSON cannot write
 * at all (a cycle, a BigInt) is logged and not sent. It never throws, as AuroraView's does not.
 */
function sendEvent(page: TetherPage, event: string, detail: unknown): void {
  try {
    page.sendEvent(event, detail ?? {});
  } catch (error) {
    if ((error as Error).name !== ErrorNames.Serialization) return console.error(`[tether] auroraview.send_event("${event}") was not sent:`, error);
    console.warn(`[tether] auroraview.send_event("${event}"): ${(error as Error).message}; sent as JSON keeps it`);
    try {
      const text = JSON.stringify(detail);
      page.sendEvent(event, text === undefined ? {} : JSON.parse(text));
    } catch (again) {
      console.error(`[tether] auroraview.send_event("${event}") was not sent:`, again);
    }
  }
}
