import type { WireError } from "../protocol/wire.js";

/**
 * JavaScript run in the page failed: the code threw or rejected (the browser's error name,
 * message and stack are kept), its result could not travel as JSON, or the session ended
 * before it settled.
 */
export class JsExecutionError extends Error {
  override name = "JsExecutionError";
  /** The browser error's name (`TypeError`, …), when the error came from the page. */
  readonly jsName: string | undefined;
  /** The browser error's message, when the error came from the page. */
  readonly jsMessage: string | undefined;
  /** The browser error's stack, when the page had one. */
  readonly jsStack: string | undefined;

  /** `why`: what the browser's error means for the caller, said before it (a CSP that forbids eval). */
  constructor(message: string, browserError?: WireError, why?: string) {
    const text = browserError ? `${browserError.name}: ${browserError.message}` : message;
    super(why === undefined ? text : `${why} (${text})`);
    this.jsName = browserError?.name;
    this.jsMessage = browserError?.message;
    this.jsStack = browserError?.stack;
  }
}

/** JavaScript run in the page did not settle within its timeout (milliseconds). */
export class JsExecutionTimeout extends JsExecutionError {
  override name = "JsExecutionTimeout";
  /** The timeout that expired, in milliseconds. */
  readonly timeout: number;

  constructor(timeout: number, what: string) {
    super(`${what} did not settle within ${timeout} ms`);
    this.timeout = timeout;
  }
}

/**
 * `executeJs`, `getJsResult` or `callClient` was called before any tab connected to the session:
 * during the first paint (a `mount()`, a constructor), when there is no page to run in yet. It
 * fails at once instead of waiting for its timeout; call it from `connected()`.
 */
export class NotConnectedError extends Error {
  override name = "NotConnectedError";

  constructor(what: string) {
    super(`${what}() was called before the page connected (during the first paint: a mount() or a constructor), so there is no page to run in yet; call it from the component's connected() method, which runs once the tab's live connection is up`);
  }
}
