import { h, type ComponentSession, type LiveEvent, type Renderable, type RouteProps } from "../src/index.js";
import { CodeBlock } from "./code-block.js";
import type { Dialog } from "./dialog.js";
import { Download, type DownloadProps } from "./download.js";
import { HtmlOutput } from "./html-output.js";
import type { Input, InputProps } from "./input.js";
import { Markdown } from "./markdown.js";
import { setPageTitle } from "./page-settings.js";
import { Pins, type PinWatcher } from "./pins.js";
import { ScriptAbortedError, InputCanceledError } from "./script-errors.js";
import { OutputScopes, scopeId, type Output, type PutOptions } from "./scopes.js";
import { Table, type TableProps } from "./table.js";
import { Text } from "./text.js";
import { TextInput, type TextInputProps } from "./text-input.js";
import { Toasts, type ToastOptions } from "./toast.js";
import { field, type FormField, type FormValues, type Validator } from "./validation.js";

/** Options of `ui.input`: the input component (`type`, default TextInput) and its props, its validators, and whether it can be canceled. */
export type ScriptInputOptions<P extends InputProps<any>, V> = Partial<Omit<P, "label">> & {
  /** The input component: TextInput (default), NumberInput, Select, RadioGroup, Slider, … */
  type?: Input<P, V>;
  /** Validators of the value (see `field`): the input is answered only once they pass. */
  validate?: Validator<V> | readonly Validator<V>[];
} & QuestionOptions;

/** Options of every awaited input. */
export interface QuestionOptions {
  /** The submit button's label (default "Submit"). */
  submitLabel?: string;
  /** Shows a Cancel button: the input then rejects with InputCanceledError, or resolves with `cancelValue` if given. */
  cancelable?: boolean;
  cancelValue?: unknown;
}

/** An input waiting for the user: a form the page shows until it is submitted or canceled. */
export interface Question {
  readonly key: number;
  readonly fields: readonly FormField<string, any>[];
  readonly submitLabel: string | undefined;
  submit(values: Record<string, unknown>): void;
  /** Undefined when it cannot be canceled. */
  cancel: (() => void) | undefined;
}

/** A popup showing now. */
export interface Popup {
  readonly title: string;
  readonly content: Renderable;
  readonly closable: boolean;
  readonly size: Parameters<typeof Dialog>[0]["size"];
}

/** What a script's page does for its `ui`: re-render, and its session. */
export interface ScriptHost {
  changed(): void;
  readonly session: ComponentSession;
}

/**
 * What a script works with, PyWebIO's functions as methods: `await ui.input(…)` for the
 * user's answers, `ui.put…` for outputs (into named scopes), pins, toasts, a popup, the title.
 * Every method throws ScriptAbortedError once the session has ended.
 */
export class ScriptUI {
  /** Aborted (with a ScriptAbortedError) when the session ends: hand it to `fetch` and timers. */
  readonly signal: AbortSignal;
  /** The page's route: its params, query and path. */
  readonly route: RouteProps;
  readonly #host: ScriptHost;
  readonly #controller = new AbortController();
  readonly #scopes: OutputScopes;
  readonly #pins: Pins;
  readonly #toasts: Toasts;
  #questions: Question[] = [];
  #popup: Popup | null = null;
  #title: string | null = null;
  #next = 1;
  /** The page's handler of pin events (a method of its own, see usePinHandler). */
  #pinHandler: ((event: LiveEvent) => void) | null = null;

  constructor(host: ScriptHost, route: RouteProps) {
    this.#host = host;
    this.route = route;
    this.signal = this.#controller.signal;
    const changed = () => host.changed();
    this.#scopes = new OutputScopes(changed);
    this.#pins = new Pins(changed);
    this.#toasts = new Toasts(changed);
  }

  /** The session of the script's tab (for executeJs, pub/sub, …). */
  get session(): ComponentSession {
    return this.#host.session;
  }

  // ---- Inputs ----

  /**
   * Asks for one value and resolves with it, typed, once the user submits it (Enter or the
   * button) and it passed its checks: `await ui.input("Your age", { type: NumberInput, min: 0 })`.
   * The field's name is `options.name`, else "value".
   */
  input<P extends InputProps<any> = TextInputProps, V = string>(label: string, options: ScriptInputOptions<P, V> = {}): Promise<V> {
    const { type, validate, submitLabel, cancelable, cancelValue, ...props } = options;
    const input = (type ?? TextInput) as unknown as Input<any, V>;
    const name = (props as { name?: string }).name ?? "value";
    const f = field(input, { ...(props as object), name, label, validate: validate as Validator<V>[] | undefined });
    const question: QuestionOptions = { submitLabel, cancelable };
    if ("cancelValue" in options) question.cancelValue = cancelValue; // undefined is a cancel value too, when given
    return this.#ask<V>(label, [f], question, (values) => values[name] as V);
  }

  /** Asks for several values in one form (`field(…)` each, as a Form's) and resolves with them, typed. */
  inputGroup<const F extends readonly FormField<string, any>[]>(label: string, fields: F, options: QuestionOptions = {}): Promise<FormValues<F>> {
    if (label) this.putText(label);
    return this.#ask<FormValues<F>>(label, fields, options, (values) => values as FormValues<F>);
  }

  /** The inputs waiting for the user now (the page renders them). */
  get questions(): readonly Question[] {
    return this.#questions;
  }

  #ask<T>(label: string, fields: readonly FormField<string, any>[], options: QuestionOptions, answer: (values: Record<string, unknown>) => T): Promise<T> {
    this.#check();
    return new Promise<T>((resolve, reject) => {
      const key = this.#next++;
      const settle = () => {
        this.signal.removeEventListener("abort", aborted);
        this.#questions = this.#questions.filter((q) => q.key !== key);
        this.#host.changed();
      };
      const aborted = () => reject(this.signal.reason);
      this.signal.addEventListener("abort", aborted, { once: true });
      const question: Question = {
        key, fields, submitLabel: options.submitLabel,
        submit(values) {
          settle();
          resolve(answer(values));
        },
        cancel: options.cancelable === true ? () => {
          settle();
          if ("cancelValue" in options) resolve(options.cancelValue as T);
          else reject(new InputCanceledError(label));
        } : undefined,
      };
      this.#questions = [...this.#questions, question];
      this.#host.changed();
    });
  }

  // ---- Outputs and scopes ----

  /** Puts any tree (a component, a template) into a scope (default: the end of the page). */
  put(output: Renderable, options?: PutOptions): void {
    this.#check();
    this.#scopes.put(output, options);
  }

  putText(text: string | number, options?: PutOptions): void {
    this.put(h(Text, { text, pre: true }), options);
  }

  /** Markdown, rendered and sanitized. */
  putMarkdown(source: string, options?: PutOptions): void {
    this.put(h(Markdown, { source }), options);
  }

  /** HTML from a string, sanitized. */
  putHtml(html: string, options?: PutOptions): void {
    this.put(h(HtmlOutput, { html }), options);
  }

  putCode(code: string, language?: string, options?: PutOptions): void {
    this.put(h(CodeBlock, { code, language }), options);
  }

  putTable<T>(table: TableProps<T>, options?: PutOptions): void {
    this.put(h(Table<T>, { ...table }), options);
  }

  /** A link that saves a file the script made (bytes or text, a path on the server, or a stream). */
  putDownload(props: DownloadProps, options?: PutOptions): void {
    this.put(h(Download, { ...props }), options);
  }

  /**
   * Sends a file to the browser as a download, PyWebIO's `download`: puts its link (as
   * `putDownload`) and, where the page may run `executeJs`, follows it at once; under the strict
   * CSP the user clicks the link.
   */
  async download(props: DownloadProps, options?: PutOptions): Promise<void> {
    const id = props.id ?? `tether-download-${this.#next++}`;
    this.putDownload({ ...props, id }, options);
    if (!this.session.isConnected) return;
    await afterRender();
    await this.session.executeJs("document.getElementById(id)?.click()", { args: { id } }).catch(() => undefined);
  }

  /** Makes a named scope (empty) in another scope (default: the end of the page); outputs go into it with `{ scope: name }`. */
  scope(name: string, options?: PutOptions): void {
    this.#check();
    this.#scopes.scope(name, options);
  }

  /** Empties a scope. */
  clear(name: string): void {
    this.#check();
    this.#scopes.clear(name);
  }

  /** Removes a scope and what it holds. */
  remove(name: string): void {
    this.#check();
    this.#scopes.remove(name);
  }

  /** Replaces what a scope holds with `output`. */
  replace(name: string, output: Renderable): void {
    this.#check();
    this.#scopes.replace(name, output);
  }

  /**
   * Scrolls the page to a scope (`block`: "start", "center", "end", "nearest"). Through
   * `executeJs`: not on a page under the strict CSP, and nothing before the tab has joined.
   */
  async scrollTo(name: string, block: ScrollLogicalPosition = "start"): Promise<void> {
    this.#check();
    if (!this.#scopes.has(name)) throw new Error(`Tether: no output scope named ${JSON.stringify(name)}`);
    if (!this.session.isConnected) return;
    await afterRender();
    await this.session.executeJs("document.getElementById(id)?.scrollIntoView({ block, behavior: 'smooth' })", { args: { id: scopeId(name), block } });
  }

  /** The outputs, for the page's render. */
  renderOutputs(): Renderable {
    return this.#scopes.render();
  }

  // ---- Pins ----

  /**
   * Puts a pin: a named input whose value the script reads with `pin(name)` at any time and
   * watches with `watchPin`, nothing submitted. `handler` is the page's (see ScriptPage).
   */
  putPin<P extends InputProps<any>>(input: Input<P, unknown>, props: P, options?: PutOptions): void {
    this.#check();
    this.#pins.define(input, props);
    const output: Output = () => this.#pins.render(props.name, this.#pinHandler!);
    this.#scopes.put(output, options);
  }

  /** A pin's current value, typed. */
  pin<V = unknown>(name: string): V {
    this.#check();
    return this.#pins.value<V>(name);
  }

  /** Sets a pin's value: the page shows it. */
  setPin(name: string, value: unknown): void {
    this.#check();
    this.#pins.set(name, value);
  }

  /** Calls `watcher` with the pin's value at each change (until the returned function is called, or the session ends). */
  watchPin(name: string, watcher: PinWatcher): () => void {
    this.#check();
    return this.#pins.watch(name, watcher);
  }

  /** @internal The page hands its pin handler (a method of its own) and its events. */
  usePinHandler(handler: (event: LiveEvent) => void): void {
    this.#pinHandler = handler;
  }

  get pins(): Pins {
    return this.#pins;
  }

  // ---- Toasts, popup, page ----

  /** A toast: timed (3 s unless `duration`), stacked, coloured by `color`. */
  toast(message: string, options?: ToastOptions): void {
    this.#check();
    this.#toasts.show(message, options);
  }

  get toasts(): Toasts {
    return this.#toasts;
  }

  /** Shows a modal popup (one at a time: a new one replaces it); the rest of the page is inert meanwhile. */
  popup(title: string, content: Renderable, options: { closable?: boolean; size?: Popup["size"] } = {}): void {
    this.#check();
    this.#popup = { title, content, closable: options.closable !== false, size: options.size };
    this.#host.changed();
  }

  closePopup(): void {
    this.#popup = null;
    this.#host.changed();
  }

  get popupShown(): Popup | null {
    return this.#popup;
  }

  /** Sets the tab's title (through executeJs, once the tab has joined; not under the strict CSP). */
  async setTitle(title: string): Promise<void> {
    this.#check();
    this.#title = title;
    if (this.session.isConnected) await setPageTitle(this.session, title);
  }

  /** The title to set when the tab joins (a script that set it before). */
  get pendingTitle(): string | null {
    return this.#title;
  }

  /** Waits `ms` milliseconds; rejects with ScriptAbortedError if the session ends first. */
  sleep(ms: number): Promise<void> {
    this.#check();
    return new Promise((resolve, reject) => {
      const aborted = () => {
        clearTimeout(timer);
        reject(this.signal.reason);
      };
      const timer = setTimeout(() => {
        this.signal.removeEventListener("abort", aborted);
        resolve();
      }, ms);
      this.signal.addEventListener("abort", aborted, { once: true });
    });
  }

  /** @internal Ends the script: its session ended. */
  abort(): void {
    this.#controller.abort(new ScriptAbortedError());
    this.#toasts.stop();
    this.#pins.stop();
  }

  #check(): void {
    if (this.signal.aborted) throw this.signal.reason;
  }
}

/**
 * Resolves once what the script just put is on its way to the page: a change is rendered and
 * sent at the end of its turn (a microtask), and a page request sent before it would find no
 * element, as the Exec message would overtake the patch.
 */
function afterRender(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
