import {
  DEFAULT_CALL_TIMEOUT, ErrorNames, Msg,
  type CallMessage, type ClientMessage, type ExecMessage, type InvokeMessage, type MountMessage, type ResultMessage, type SendMessage, type ServerMessage,
} from "../src/protocol/wire.js";
import { toJsonValue } from "../src/protocol/json.js";
import { fromWireError, namedError, toWireError } from "./errors.js";
import { exposeApi, type PageState, type TetherPage } from "./page-api.js";

declare const DEV: boolean;

type Listener = (detail: unknown) => void;
type AnyFunction = (...args: any[]) => unknown;

/** What the bridge needs from the runtime. */
export interface BridgeTransport {
  /** Sends now; false if there is no open, joined connection. */
  send(message: ClientMessage): boolean;
  /** Numbers a page event like a DOM event and keeps it until the server answers it (across reconnects). */
  sendNumbered(message: SendMessage): number;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: number;
  message: CallMessage;
}

// Answers to server requests kept for a server that asks again after a reconnect.
const REMEMBERED_ANSWERS = 1024;
// Events no `on` handler took yet, kept for the first one (the later ones are dropped).
const HELD_EVENTS = 256;
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
const RAN = Promise.resolve();

/**
 * The page↔server bridge: `tether.call`, `sendEvent`, `on`, `expose`, and running what the
 * server asks for (`executeJs`, `callClient`). Everything made before the connection is ready
 * is queued, not dropped; every request ends in a result, an error or a timeout.
 */
export class Bridge {
  #transport: BridgeTransport | null = null;
  #ready = false;
  #readyWaiters: Array<() => void> = [];
  /** Messages made while not connected, sent in order once joined. */
  #queue: ClientMessage[] = [];
  readonly #calls = new Map<number, PendingCall>();
  #nextCallId = 1;
  /** Page events sent before the runtime found its root: numbered once it has. */
  #early: SendMessage[] = [];
  readonly #listeners = new Map<string, Set<Listener>>();
  /** Events that came when no handler of theirs was subscribed: delivered, in order, when one is. */
  #held: Array<[string, unknown]> = [];
  readonly #exposed = new Map<string, AnyFunction>();
  /** Server requests by id: running, or answered (the answer, to repeat if asked again). */
  readonly #requests = new Map<number, ResultMessage | "running">();
  readonly #controllers = new Map<number, AbortController>();
  readonly page: TetherPage;

  constructor(status: () => PageState | null) {
    this.page = exposeApi(this, status);
  }

  /** The runtime's connection is available (the page's root was found). */
  connect(transport: BridgeTransport): void {
    this.#transport = transport;
    const early = this.#early;
    this.#early = [];
    for (const message of early) transport.sendNumbered(message);
  }

  /**
   * Joined: send what waited, again what may have been lost, and release `whenReady()`. A Mount
   * says what the page may call (a resume keeps what it knew).
   */
  joined(mount?: MountMessage): void {
    this.#ready = true;
    if (mount) this.#bound(mount.b, mount.m);
    for (const call of this.#calls.values()) if (!this.#queue.includes(call.message)) this.#transport!.send(call.message);
    const queue = this.#queue;
    this.#queue = [];
    for (const message of queue) this.#post(message);
    const waiters = this.#readyWaiters;
    this.#readyWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * The tab is now in a different session (the old one ended while it was away): answers
   * remembered for the old session's request ids must not answer the new one's, and calls
   * made to the old session fail rather than run twice.
   */
  sessionChanged(): void {
    for (const controller of this.#controllers.values()) controller.abort(namedError(ErrorNames.SessionEnded, "the session ended"));
    this.#controllers.clear();
    this.#requests.clear();
    for (const [id, call] of this.#calls) {
      clearTimeout(call.timer);
      call.reject(namedError(ErrorNames.SessionEnded, `the session ended before tether.call("${call.message.m}") was answered`));
      this.#calls.delete(id);
    }
    this.#queue = this.#queue.filter((m) => m.k !== Msg.Call && m.k !== Msg.Result);
  }

  /** The connection dropped; messages queue until the next join. */
  offline(): void {
    this.#ready = false;
  }

  receive(message: ServerMessage): void {
    switch (message.k) {
      case Msg.Exec:
      case Msg.Invoke:
        void this.#run(message);
        break;
      case Msg.Cancel:
        this.#controllers.get(message.id)?.abort(namedError("AbortError", "the server cancelled the request"));
        break;
      case Msg.Emit:
        // Through window.tether.trigger, which the AuroraView alias routes through its own (that SDKs wrap).
        this.page.trigger(message.ev, message.p);
        break;
      case Msg.CallResult: {
        const call = this.#calls.get(message.id);
        if (call === undefined) return;
        this.#calls.delete(message.id);
        clearTimeout(call.timer);
        if (message.ok) call.resolve(message.v);
        else call.reject(fromWireError(message.err!));
        break;
      }
      case Msg.Bind:
        this.#bound(message.ns, message.m);
    }
  }

  /** What the server says the page may call: new namespaces (`tether.tools`), and every method now (`tether.methods`). */
  #bound(namespaces: readonly string[] = [], methods: readonly string[]): void {
    for (const ns of namespaces) this.page.namespace(ns);
    (this.page as { methods: readonly string[] }).methods = methods;
  }

  whenReady(): Promise<void> {
    return new Promise((resolve) => (this.#ready ? resolve() : this.#readyWaiters.push(resolve)));
  }

  call(method: string, params?: unknown, options?: { timeout?: number }): Promise<unknown> {
    if (typeof method !== "string" || method === "") return Promise.reject(new TypeError("tether.call: method must be a non-empty string"));
    const timeout = options?.timeout ?? DEFAULT_CALL_TIMEOUT;
    let p: unknown;
    try {
      p = params === undefined ? undefined : toJsonValue(params, "the params");
    } catch (error) {
      return Promise.reject(error);
    }
    const id = this.#nextCallId++;
    // An undefined `p` is left out of the JSON, as it would be of the message.
    const message: CallMessage = { k: Msg.Call, id, m: method, p };
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.#calls.delete(id);
        reject(namedError(ErrorNames.CallTimeout, `tether.call("${method}") did not settle within ${timeout} ms`));
      }, timeout);
      this.#calls.set(id, { resolve, reject, timer, message });
      this.#post(message);
    });
  }

  sendEvent(event: string, detail?: unknown): void {
    if (typeof event !== "string" || event === "") throw new TypeError("tether.sendEvent: event must be a non-empty string");
    const d = detail === undefined ? undefined : toJsonValue(detail, "the detail");
    const message: SendMessage = { k: Msg.Send, e: 0, ev: event, d };
    if (this.#transport === null) this.#early.push(message);
    else this.#transport.sendNumbered(message);
  }

  on(event: string, handler: Listener): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) this.#listeners.set(event, (set = new Set()));
    set.add(handler);
    // Held events go after this call returns, so the handler may use what it returns.
    if (this.#held.length > 0) queueMicrotask(this.#release);
    return () => this.off(event, handler);
  }

  once(event: string, handler: Listener): () => void {
    const wrapper: Listener & { original?: Listener } = (detail) => {
      this.off(event, wrapper);
      handler(detail);
    };
    wrapper.original = handler;
    return this.on(event, wrapper);
  }

  /** Removes a handler (also one added with `once`), or every handler of the event. */
  off(event: string, handler?: Listener): void {
    if (handler === undefined) return void this.#listeners.delete(event);
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    for (const h of set) if (h === handler || (h as { original?: Listener }).original === handler) set.delete(h);
  }

  /**
   * Delivers an event to this page's `on` subscribers only; nothing goes to the server. With
   * none subscribed yet (a page script that subscribes after an `await`), it is held and
   * delivered when one subscribes: in order, once, up to HELD_EVENTS per page.
   */
  trigger(event: string, detail?: unknown): void {
    const set = this.#listeners.get(event);
    if (!set?.size || this.#held.some((h) => h[0] === event)) {
      if (this.#held.length < HELD_EVENTS) this.#held.push([event, detail]);
      else if (DEV) console.warn(`[tether] a "${event}" event was dropped: ${HELD_EVENTS} events already wait for a tether.on handler`);
      return;
    }
    for (const handler of [...set]) {
      try {
        handler(detail);
      } catch (error) {
        console.error(`[tether] a "${event}" handler threw:`, error);
      }
    }
  }

  /** Delivers what was held to the handlers there are now, in order; the rest waits on. */
  readonly #release = (): void => {
    const held = this.#held;
    this.#held = [];
    for (const [event, detail] of held) this.trigger(event, detail);
  };

  expose(name: string, fn: AnyFunction): () => void {
    if (typeof fn !== "function") throw new TypeError(`tether.expose: "${name}" must be a function`);
    this.#exposed.set(name, fn);
    return () => {
      if (this.#exposed.get(name) === fn) this.#exposed.delete(name);
    };
  }

  /** Sends a call or an answer now, or once joined. */
  #post(message: ClientMessage): void {
    if (!this.#ready || this.#transport === null || !this.#transport.send(message)) this.#queue.push(message);
  }

  /** Runs a server request once per id and always answers: a value, an error or a timeout. */
  async #run(message: ExecMessage | InvokeMessage): Promise<void> {
    const id = message.id;
    const seen = this.#requests.get(id);
    if (seen === "running") return;
    if (seen !== undefined) return this.#post(seen);
    this.#requests.set(id, "running");
    const controller = new AbortController();
    this.#controllers.set(id, controller);
    let answered = false;
    let timer = 0;
    const answer = (result: ResultMessage): void => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      this.#controllers.delete(id);
      this.#remember(id, result);
      this.#post(result);
    };
    if (message.t) {
      timer = window.setTimeout(() => {
        controller.abort(namedError(ErrorNames.Timeout, "timed out"));
        answer({ k: Msg.Result, id, ok: false, err: { name: ErrorNames.Timeout, message: `did not settle within ${message.t} ms` } });
      }, message.t);
    }
    try {
      let promise: Promise<unknown>;
      if (message.k === Msg.Exec) {
        const names = message.a ? Object.keys(message.a) : [];
        const values = names.map((n) => message.a![n]);
        if (!names.includes("signal")) {
          names.push("signal");
          values.push(controller.signal);
        }
        promise = new AsyncFunction(...names, message.c)(...values);
        if (message.r === 0) {
          // "Ran": the synchronous part finished. A throw there has already rejected the promise,
          // and race() settles with the first already-settled entry.
          promise.catch((error: unknown) => {
            if (DEV) console.error("[tether] executeJs code failed after it ran:", error);
          });
          await Promise.race([promise, RAN]);
          return answer({ k: Msg.Result, id, ok: true });
        }
      } else {
        const fn = this.#exposed.get(message.f);
        if (fn === undefined) throw namedError(ErrorNames.NotFound, `no function "${message.f}" is exposed in the page (tether.expose)`);
        promise = Promise.resolve(fn(...message.a));
      }
      const value = await promise;
      answer({ k: Msg.Result, id, ok: true, v: value === undefined ? undefined : toJsonValue(value, "the result") });
    } catch (error) {
      answer({ k: Msg.Result, id, ok: false, err: toWireError(error) });
    }
  }

  #remember(id: number, result: ResultMessage): void {
    this.#requests.set(id, result);
    if (this.#requests.size > REMEMBERED_ANSWERS) {
      for (const [key, value] of this.#requests) {
        if (value !== "running") {
          this.#requests.delete(key);
          break;
        }
      }
    }
  }
}
