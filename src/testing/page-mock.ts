import { toJsonValue } from "../protocol/json.js";

/** What `executeJs` asked the page to run: its code and its named arguments (`args`). */
export interface ExecutedJs {
  code: string;
  args: Record<string, unknown>;
}

/** Answers the page's side of `executeJs` and `getJsResult`: a value (or a promise of one), or throws. */
export type ExecuteJsMock = (code: string, args: Record<string, unknown>) => unknown;

/** An event the server sent to page scripts with `session.emit(event, payload)`. */
export interface EmittedEvent {
  event: string;
  payload: unknown;
}

/** `window.tether` as the harness uses it: the runtime's own page API. */
interface TetherPage {
  status: string;
  call(method: string, params?: unknown): Promise<unknown>;
  sendEvent(event: string, detail?: unknown): void;
  expose(name: string, fn: (...args: unknown[]) => unknown): () => void;
}

/** What a view's page mock needs from its view. */
export interface PageHost {
  readonly tether: TetherPage;
  /** A JSON value parsed in the window, so that the runtime sees it as its own (its checks compare prototypes). */
  toPage(value: unknown): unknown;
  settled(): Promise<void>;
  fail(error: Error): void;
  /** true: an `executeJs` without a mock answers undefined instead of failing the test. */
  readonly looseJs: boolean;
}

/**
 * The page's side of a view, which a test plays: the answers to the server's `executeJs`
 * (no code runs in the view's window), the functions `callClient` reaches, and what page
 * scripts would send (`tether.call`, `tether.sendEvent`) and receive (`emit`). The runtime
 * carries each over the wire as it does in a browser.
 */
export class PageMock {
  /** Every `executeJs` and `getJsResult` the page got, in order. */
  readonly executed: ExecutedJs[] = [];
  /** What the server emitted to the page (`session.emit`), in order. */
  readonly events: EmittedEvent[] = [];
  #mock: ExecuteJsMock | null = null;
  #running = 0;
  readonly #host: PageHost;

  constructor(host: PageHost) {
    this.#host = host;
  }

  /**
   * Answers every `executeJs` from now on with `mock(code, args)`: its value (JSON, or a
   * promise of it) is the result, a throw the page's error. Without a mock, an `executeJs`
   * fails the test (unless the view was rendered with `js: "loose"`).
   */
  onExecuteJs(mock: ExecuteJsMock): void {
    this.#mock = mock;
  }

  /** Exposes `fn` to the server's `callClient(name, args)`, as `tether.expose` does; returns the way to take it back. */
  expose(name: string, fn: (...args: any[]) => unknown): () => void {
    return this.#host.tether.expose(name, (...args: unknown[]) => this.#answer(() => fn(...(fromPage(args) as unknown[]))));
  }

  /** `tether.call(method, params)` as a page script makes it; resolves with the server's answer once the view settled. */
  async call(method: string, params?: unknown): Promise<unknown> {
    let result: unknown;
    try {
      result = await this.#host.tether.call(method, params === undefined ? undefined : this.#host.toPage(toJsonValue(params, "the params")));
    } catch (error) {
      throw nodeError(error);
    } finally {
      await this.#host.settled();
    }
    return fromPage(result);
  }

  /** `tether.sendEvent(event, detail)` as a page script sends it, for the server's `session.on`; resolves once the view settled. */
  async sendEvent(event: string, detail?: unknown): Promise<void> {
    this.#host.tether.sendEvent(event, detail === undefined ? undefined : this.#host.toPage(toJsonValue(detail, "the detail")));
    await this.#host.settled();
  }

  /** Answers still being computed by mocks: the view is not settled while there are some. */
  get running(): number {
    return this.#running;
  }

  /** The runtime runs the server's Exec `id`: the mock answers it (see View's wire tap). */
  execute(request: ExecutedJs): unknown {
    this.executed.push(request);
    const mock = this.#mock;
    if (mock === null) {
      if (this.#host.looseJs) return undefined;
      const error = new Error(`executeJs(${JSON.stringify(request.code.length > 120 ? request.code.slice(0, 120) + "…" : request.code)}) has no mock: answer it with view.page.onExecuteJs((code, args) => result), or render with { js: "loose" }`);
      this.#host.fail(error);
      throw error;
    }
    return this.#answer(() => mock(request.code, request.args));
  }

  /** Runs a mock and gives its value to the page as the page's own. */
  #answer(run: () => unknown): Promise<unknown> {
    this.#running++;
    return new Promise<unknown>((resolve) => resolve(run())).then(
      (value) => {
        this.#running--;
        return value === undefined ? undefined : this.#host.toPage(toJsonValue(value, "the mock's result"));
      },
      (error: unknown) => {
        this.#running--;
        throw error;
      },
    );
  }
}

/** A value from the window as this realm's (arrays and objects with this realm's prototypes, for deep equality). */
function fromPage(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** An error from the window, as an Error of this realm with its name and message. */
function nodeError(error: unknown): Error {
  const e = error as { name?: unknown; message?: unknown } | null;
  const out = new Error(typeof e?.message === "string" ? e.message : String(error));
  if (typeof e?.name === "string") out.name = e.name;
  return out;
}
