import { Component, h, html, type ComponentType, type LiveEvent, type Renderable, type RouteProps } from "../src/index.js";
import { Dialog, DialogHost } from "./dialog.js";
import { Form } from "./form.js";
import { ScriptAbortedError } from "./script-errors.js";
import { ScriptUI } from "./script-ui.js";
import { setPageTitle } from "./page-settings.js";
import { ToastStack } from "./toast.js";

/** A script: an async function of its `ui`, run once per tab. */
export type ScriptBody = (ui: ScriptUI) => Promise<unknown> | unknown;

/**
 * A route written as a script, PyWebIO's style: it asks, awaits the answers, and puts
 * outputs, top to bottom, instead of rendering from state.
 *
 *   routes: { "/hello": script(async (ui) => {
 *     const name = await ui.input("Your name", { required: true });
 *     ui.putMarkdown(`Hello, **${name}**!`);
 *   }) }
 *
 * Each tab runs its own script, started when its page is first rendered: what it puts before
 * its first `await ui.input` is in the first paint. When the session ends (the tab closed and
 * did not come back within `retention`), the script's `ui.signal` aborts and its pending and
 * later `ui` calls throw ScriptAbortedError, which ends the script quietly. An error of the
 * script itself shows on the page (and in the server's console).
 */
export function script(body: ScriptBody): ComponentType {
  return class Script extends ScriptPage {
    constructor(props: RouteProps) {
      super(props, body);
    }
  };
}

/** The page of a script: its outputs, its waiting inputs and toasts, inert under its popup. */
export class ScriptPage extends Component<RouteProps, { version: number }> {
  readonly ui: ScriptUI;
  readonly #body: ScriptBody;
  /** Settles when the script has returned, failed or been aborted. */
  done: Promise<void> = Promise.resolve();

  constructor(props: RouteProps, body: ScriptBody) {
    super(props);
    this.state = { version: 0 };
    this.#body = body;
    this.ui = new ScriptUI(this, props);
    this.ui.usePinHandler(this.pinEdited);
  }

  /** The ui's changes: one render per turn, however many there were. */
  changed(): void {
    this.setState({ version: this.state.version + 1 });
  }

  mount(): void {
    // Not awaited: the first paint waits for mount(), and the script waits for the user.
    this.done = this.run();
  }

  async connected(): Promise<void> {
    const title = this.ui.pendingTitle;
    if (title !== null) await setPageTitle(this.session, title);
  }

  unmount(): void {
    this.ui.abort();
  }

  pinEdited(event: LiveEvent): void {
    this.ui.pins.edited(event);
  }

  dismissToast(event: LiveEvent): void {
    this.ui.toasts.dismiss(Number(event.data.id));
  }

  closePopup(): void {
    this.ui.closePopup();
  }

  private async run(): Promise<void> {
    try {
      await this.#body(this.ui);
    } catch (error) {
      if (error instanceof ScriptAbortedError || this.ui.signal.aborted) return;
      console.error("Tether: a script failed", error);
      if (!this.unmounted) this.ui.put(html`<p class="tether-script-error" role="alert">The script stopped with an error.</p>`);
    }
  }

  render(): Renderable {
    const { ui } = this;
    const popup = ui.popupShown;
    const dialog = popup === null ? null : h(Dialog, { title: popup.title, size: popup.size, id: "tether-popup", onClose: popup.closable ? this.closePopup : undefined, children: popup.content });
    return html`<main class="tether-script">
      ${h(DialogHost, {
        dialog,
        children: html`${ui.renderOutputs()}
          ${ui.questions.map((q) => h(Form, { key: q.key, id: `q${q.key}`, class: "tether-question", fields: q.fields, submitLabel: q.submitLabel, onSubmit: q.submit, onCancel: q.cancel }))}
          ${h(ToastStack, { toasts: ui.toasts.list, onDismiss: this.dismissToast })}`,
      })}
    </main>`;
  }
}
