import { RESERVED_PREFIX, ErrorNames, Msg, type CallError, type CallMessage, type ServerMessage } from "../protocol/wire.js";
import { SerializationError, toJsonValue } from "../protocol/json.js";
import type { CallHandler, PageEventHandler } from "../component/component-session.js";
import type { ErrorSink, MessageSink } from "./js-requests.js";

/** Where a bridge sends, reports, and finds the calls its session answers itself (linked windows'). */
export interface BridgeSink extends MessageSink, ErrorSink {
  builtInCall?(method: string): CallHandler | undefined;
}

// Answers kept for calls the page may send again after a reconnect (it cannot know they arrived).
const REMEMBERED_ANSWERS = 256;

/**
 * The page↔server bridge of one session: calls the page may make (`bindCall`, `bindApi`),
 * events it may send (`on`), and what the server pushes (`emit`). Only bound methods can be
 * called: the page cannot reach anything else on the server.
 */
export class Bridge {
  // Every collection is made on first use: most sessions bind nothing, and an idle session's
  // memory is what lets one process hold many thousands of them.
  private calls: Map<string, CallHandler> | null = null;
  private listeners: Map<string, Set<PageEventHandler>> | null = null;
  /** API namespaces, announced to the page so that `tether.<namespace>.<method>()` exists. */
  namespaces: Set<string> | null = null;
  private answers: Map<number, ServerMessage> | null = null;
  private running: Set<number> | null = null;
  private readonly sink: BridgeSink;
  private readonly dev: boolean;

  constructor(sink: BridgeSink, dev: boolean) {
    this.sink = sink;
    this.dev = dev;
  }

  /** Binds one method; the returned function unbinds it and says whether it did (false if already unbound or bound anew). */
  bindCall(method: string, handler: CallHandler): () => boolean {
    if (typeof method !== "string" || method === "") throw new TypeError("bindCall: method must be a non-empty string");
    if (method.startsWith(RESERVED_PREFIX)) throw new TypeError(`bindCall: "${method}": names starting with "${RESERVED_PREFIX}" are Tether's own`);
    if (typeof handler !== "function") throw new TypeError(`bindCall: the handler of "${method}" must be a function`);
    (this.calls ??= new Map()).set(method, handler);
    return () => this.calls?.get(method) === handler && this.calls.delete(method);
  }

  /** Every method the page may call now (`namespace.method` for a bound API), announced to the page. */
  get methods(): string[] {
    return this.calls === null ? [] : [...this.calls.keys()];
  }

  /**
   * Binds an object's public methods (own and inherited, not the constructor, not names
   * starting with `_`) as `namespace.method`. Returns the method names. Each method is called
   * with `this` set to the object.
   */
  bindApi(api: object, namespace: string): string[] {
    if (!/^[A-Za-z_$][\w$]*$/.test(namespace)) throw new TypeError(`bindApi: namespace ${JSON.stringify(namespace)} is not an identifier`);
    const names: string[] = [];
    for (let o: object | null = api; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      for (const name of Object.getOwnPropertyNames(o)) {
        if (name === "constructor" || name.startsWith("_") || names.includes(name)) continue;
        const value = (api as Record<string, unknown>)[name];
        if (typeof value !== "function") continue;
        names.push(name);
        (this.calls ??= new Map()).set(`${namespace}.${name}`, (value as CallHandler).bind(api));
      }
    }
    (this.namespaces ??= new Set()).add(namespace);
    return names;
  }

  on(event: string, handler: PageEventHandler): () => void {
    const listeners = (this.listeners ??= new Map());
    let set = listeners.get(event);
    if (set === undefined) listeners.set(event, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  /** Runs the handlers of a page event; a promise if some are async (settled when all are). */
  dispatch(event: string, detail: unknown): Promise<void> | undefined {
    const report = (error: unknown, where: string) => this.sink.onError(error, where);
    const set = this.listeners?.get(event);
    if (set === undefined) {
      report(new Error(`no handler for page event "${event}"`), `tether.sendEvent("${event}")`);
      return undefined;
    }
    let waiting: Promise<unknown>[] | null = null;
    for (const handler of [...set]) {
      try {
        const result = handler(detail);
        if (result instanceof Promise) (waiting ??= []).push(result.catch((error: unknown) => report(error, `the "${event}" page event handler`)));
      } catch (error) {
        report(error, `the "${event}" page event handler`);
      }
    }
    return waiting === null ? undefined : Promise.all(waiting).then(() => undefined);
  }

  /**
   * Answers a page call. An object param is one argument, an array spreads to positional
   * arguments. A call id seen before is answered once more from memory, never run twice.
   */
  call(message: CallMessage): void {
    const report = (error: unknown, where: string) => this.sink.onError(error, where);
    const remembered = this.answers?.get(message.id);
    if (remembered !== undefined) return this.sink.transmit(remembered);
    if (this.running?.has(message.id)) return;
    const handler = this.calls?.get(message.m) ?? this.sink.builtInCall?.(message.m);
    if (handler === undefined) {
      return this.answer(message.id, false, undefined, { name: ErrorNames.NotFound, message: `no method "${message.m}" is bound on the server` });
    }
    let result: unknown;
    try {
      const p = message.p;
      result = Array.isArray(p) ? handler(...p) : p === undefined ? handler() : handler(p);
    } catch (error) {
      report(error, `the "${message.m}" call`);
      return this.answer(message.id, false, undefined, this.toWire(error, message.m));
    }
    if (!(result instanceof Promise)) return this.answer(message.id, true, result);
    (this.running ??= new Set()).add(message.id);
    result.then(
      (value: unknown) => this.answer(message.id, true, value),
      (error: unknown) => {
        report(error, `the "${message.m}" call`);
        this.answer(message.id, false, undefined, this.toWire(error, message.m));
      },
    );
  }

  /** The Emit message for an event; throws a SerializationError if the payload would not arrive as it is. */
  emit(event: string, payload: unknown): ServerMessage {
    if (typeof event !== "string" || event === "") throw new TypeError("emit: event must be a non-empty string");
    return payload === undefined ? { k: Msg.Emit, s: 0, ev: event } : { k: Msg.Emit, s: 0, ev: event, p: toJsonValue(payload, "the payload") };
  }

  private answer(id: number, ok: boolean, value?: unknown, error?: CallError): void {
    this.running?.delete(id);
    let message: ServerMessage;
    if (ok) {
      try {
        // A value JSON would change (NaN, a Map, a BigInt) is the handler's error, not a silent null.
        message = value === undefined ? { k: Msg.CallResult, id, ok: true } : { k: Msg.CallResult, id, ok: true, v: toJsonValue(value, "the result") };
      } catch (e) {
        if (!(e instanceof SerializationError)) throw e;
        message = { k: Msg.CallResult, id, ok: false, err: { name: e.name, message: e.message } };
      }
    } else message = { k: Msg.CallResult, id, ok: false, err: error };
    const answers = (this.answers ??= new Map());
    answers.set(id, message);
    if (answers.size > REMEMBERED_ANSWERS) answers.delete(answers.keys().next().value!);
    this.sink.transmit(message);
  }

  /**
   * A handler's error for the page: name and message, the stack in development, and the
   * error's own `code` (a string or a number) and `data` when it has them, as AuroraView passes
   * them. `data` that JSON cannot carry exactly is left out, and reported.
   */
  private toWire(error: unknown, method: string): CallError {
    if (!(error instanceof Error)) return { name: "Error", message: String(error) };
    const wire: CallError = { name: error.name, message: error.message };
    if (this.dev && error.stack) wire.stack = error.stack;
    const { code, data } = error as Error & { code?: unknown; data?: unknown };
    if (typeof code === "string" || (typeof code === "number" && Number.isFinite(code))) wire.code = code;
    if (data !== undefined) {
      try {
        wire.data = toJsonValue(data, "the error's data");
      } catch (e) {
        if (!(e instanceof SerializationError)) throw e;
        this.sink.onError(e, `the "${method}" call`);
      }
    }
    return wire;
  }
}
