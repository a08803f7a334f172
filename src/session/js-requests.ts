import { ErrorNames, Msg, type ResultMessage, type ServerMessage, type WireError } from "../protocol/wire.js";
import { JsExecutionError, JsExecutionTimeout } from "./errors.js";
import { toJsonValue } from "../protocol/json.js";
import type { CallClientOptions, ExecuteJsOptions } from "../component/component-session.js";

/**
 * Where a session's parts send messages and report errors: the session itself (an object,
 * not closures made per session).
 */
export interface MessageSink {
  transmit(message: ServerMessage): void;
}

export interface ErrorSink {
  onError(error: unknown, where: string): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout | null;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | null;
  /** The request as sent, re-sent after a fresh mount or a resume until the page answers. */
  message: ServerMessage;
  waiting: boolean;
  /** What is waited for, for error messages: "the code", "the page function \"x\"". */
  what: string;
  timeout: number;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// Names that cannot be parameters of the function the page builds from the code.
const RESERVED = new Set(("break case catch class const continue debugger default delete do else enum export extends false finally for " +
  "function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
  "implements interface package private protected public await arguments eval").split(" "));
// A variable for getJsResult: a name or a dotted path (`size`, `window.innerWidth`).
const VARIABLE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/** What a page under a strict Content-Security-Policy (TetherOptions.csp) says when asked to evaluate code. */
function refusedByCsp(error: WireError): boolean {
  return error.name === "EvalError" && /unsafe-eval|Content Security Policy/i.test(error.message);
}

const CSP_REFUSAL =
  "the page's Content-Security-Policy does not allow executeJs or getJsResult, which evaluate code ('unsafe-eval'); " +
  "call a function the page exposes (tether.expose) with callClient instead";

/**
 * Requests from the server to the page, tracked by id until they settle (invariant 6, "Every
 * request settles" in ARCHITECTURE.md): with a result, an error, a timeout, an abort, or the end
 * of the session. Never left hanging.
 */
export class JsRequests {
  // Made on first use: most sessions never run JavaScript in their page.
  private pending: Map<number, Pending> | null = null;
  private nextId = 1;
  private ended: string | null = null;
  /** Default timeout of waiting requests, in milliseconds. */
  timeout: number;
  private readonly sink: MessageSink;

  /** `sink.transmit` sends a message to the page (the session numbers those that carry `s`). */
  constructor(timeout: number, sink: MessageSink) {
    this.timeout = timeout;
    this.sink = sink;
  }

  /** `T` is the caller's word for the result's type: the page's answer is decoded from JSON, never checked against it. */
  async executeJs<T = unknown>(code: string, options: ExecuteJsOptions = {}): Promise<T> {
    if (typeof code !== "string") throw new TypeError("executeJs: code must be a string");
    const wait = options.waitForResult === true;
    if (options.timeout !== undefined && !wait) {
      throw new TypeError("executeJs: a timeout needs waitForResult: true (without it, the call resolves once the code ran)");
    }
    let args = options.args;
    if (args !== undefined) {
      for (const name in args) {
        if (!IDENTIFIER.test(name) || RESERVED.has(name)) throw new TypeError(`executeJs: argument name ${JSON.stringify(name)} is not a usable identifier`);
      }
      // Values travel as JSON: refuse what it would change (undefined, NaN, a BigInt, a Map).
      args = toJsonValue(args, "args") as Record<string, unknown>;
      for (const name in options.args) if (!(name in args)) throw new TypeError(`executeJs: argument "${name}" is undefined`);
    }
    const timeout = wait ? checkTimeout(options.timeout ?? this.timeout) : 0;
    return this.request<T>(
      (id, s) => ({ k: Msg.Exec, s, id, c: code, ...(args ? { a: args } : {}), r: wait ? 1 : 0, ...(wait ? { t: timeout } : {}) }),
      wait ? timeout : 0,
      options.signal,
      wait,
      "the code",
    );
  }

  async getJsResult<T = unknown>(code: string, variable: string, options: CallClientOptions = {}): Promise<T> {
    if (typeof variable !== "string" || !VARIABLE.test(variable)) {
      throw new TypeError(`getJsResult: ${JSON.stringify(variable)} is not a variable name`);
    }
    // The code and the return share one function scope, so `let`/`const` declared in the code are visible.
    return this.executeJs<T>(`${code}\n;return (${variable});`, { waitForResult: true, timeout: options.timeout, signal: options.signal });
  }

  async callClient<T = unknown>(name: string, args: unknown = [], options: CallClientOptions = {}): Promise<T> {
    if (typeof name !== "string" || name === "") throw new TypeError("callClient: name must be a non-empty string");
    const timeout = checkTimeout(options.timeout ?? this.timeout);
    const list = toJsonValue(Array.isArray(args) ? args : [args], "args") as unknown[];
    return this.request<T>((id, s) => ({ k: Msg.Invoke, s, id, f: name, a: list, t: timeout }), timeout, options.signal, true, `the page function "${name}"`);
  }

  /** An answer from the page. Unknown ids (timed out, aborted, answered twice) are ignored. */
  settle(message: ResultMessage): void {
    const p = this.pending?.get(message.id);
    if (p === undefined) return;
    this.finish(message.id, p);
    if (message.ok) p.resolve(p.waiting ? message.v : undefined);
    else if (message.err!.name === ErrorNames.Timeout) p.reject(new JsExecutionTimeout(p.timeout, p.what));
    else p.reject(new JsExecutionError(message.err!.message, message.err, refusedByCsp(message.err!) ? CSP_REFUSAL : undefined));
  }

  /** Requests not answered yet, to send again to a page that mounted afresh (it ignores ids it has seen). */
  unanswered(): ServerMessage[] {
    return this.pending === null ? [] : Array.from(this.pending.values(), (p) => p.message);
  }

  /** The session ended: every pending request fails, and so does every later one. */
  rejectAll(reason: string): void {
    this.ended = reason;
    if (this.pending === null) return;
    for (const [id, p] of this.pending) {
      this.finish(id, p);
      p.reject(new JsExecutionError(`${reason} before the request settled`, undefined));
    }
  }

  get size(): number {
    return this.pending?.size ?? 0;
  }

  /** A request's promise, typed as its caller says (`T` is not checked: see executeJs). */
  private request<T>(
    build: (id: number, s: number) => ServerMessage,
    timeout: number,
    signal: AbortSignal | undefined,
    waiting: boolean,
    what: string,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.ended !== null) return Promise.reject(new JsExecutionError(`${this.ended}: no page to run ${what} in`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { resolve: resolve as (value: unknown) => void, reject, timer: null, signal, onAbort: null, message: build(id, 0), waiting, what, timeout };
      if (timeout > 0) {
        p.timer = setTimeout(() => {
          this.finish(id, p);
          reject(new JsExecutionTimeout(timeout, what));
        }, timeout);
      }
      if (signal !== undefined) {
        p.onAbort = () => {
          this.finish(id, p);
          this.sink.transmit({ k: Msg.Cancel, id });
          reject(signal.reason);
        };
        signal.addEventListener("abort", p.onAbort, { once: true });
      }
      (this.pending ??= new Map()).set(id, p);
      this.sink.transmit(p.message);
    });
  }

  private finish(id: number, p: Pending): void {
    this.pending!.delete(id);
    if (p.timer !== null) clearTimeout(p.timer);
    if (p.onAbort !== null) p.signal!.removeEventListener("abort", p.onAbort);
  }
}

export function checkTimeout(ms: number): number {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms <= 0) throw new TypeError(`timeout must be a positive, finite number of milliseconds, got ${String(ms)}`);
  return Math.ceil(ms);
}
