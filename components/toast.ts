import { html, type EventHandler, type VNode } from "../src/index.js";

/** A toast's colour: its kind of news (theme.css colours each). */
export type ToastColor = "info" | "success" | "warning" | "error";

/** Options of Toasts.show. */
export interface ToastOptions {
  /** Milliseconds it shows; 0 keeps it until closed. Default 3000. */
  duration?: number;
  /** Default "info". */
  color?: ToastColor;
}

/** A toast showing now. */
export interface ShownToast {
  readonly id: number;
  readonly message: string;
  readonly color: ToastColor;
}

/**
 * The toasts of one page, oldest first, each removed when its time is up: PyWebIO's `toast`.
 * A component keeps one, renders `ToastStack` with its `list`, and stops it in `unmount()`:
 *
 *   toasts = new Toasts(() => this.setState({}));
 *   saved() { this.toasts.show("Saved", { color: "success" }); }
 *   unmount() { this.toasts.stop(); }
 *   render() { return html`… <${ToastStack} toasts=${this.toasts.list} onDismiss=${this.dismiss} />`; }
 *   dismiss(event: LiveEvent) { this.toasts.dismiss(Number(event.data.id)); }
 */
export class Toasts {
  #list: ShownToast[] = [];
  #timers = new Map<number, ReturnType<typeof setTimeout>>();
  #next = 1;
  readonly #changed: () => void;

  /** `changed` is called after each change (re-render the owner there). */
  constructor(changed: () => void) {
    this.#changed = changed;
  }

  /** The toasts showing now, oldest first. */
  get list(): readonly ShownToast[] {
    return this.#list;
  }

  /** Shows `message`; returns its id (for `dismiss`). */
  show(message: string, options: ToastOptions = {}): number {
    const id = this.#next++;
    this.#list = [...this.#list, { id, message, color: options.color ?? "info" }];
    const duration = options.duration ?? 3000;
    if (duration > 0) this.#timers.set(id, setTimeout(() => this.dismiss(id), duration));
    this.#changed();
    return id;
  }

  /** Removes a toast before its time (its close button). */
  dismiss(id: number): void {
    const timer = this.#timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(id);
    const list = this.#list.filter((t) => t.id !== id);
    if (list.length === this.#list.length) return;
    this.#list = list;
    this.#changed();
  }

  /** Clears every timer (call it in the owner's `unmount()`); the toasts stay as they are. */
  stop(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}

/** Props of ToastStack. */
export interface ToastStackProps {
  toasts: readonly ShownToast[];
  /** The close buttons' handler: the toast's id is `event.data.id`. Without it toasts have no close button. */
  onDismiss?: EventHandler;
  class?: string;
}

/** The toasts, stacked in a corner (theme.css), announced politely to screen readers. */
export function ToastStack(props: ToastStackProps): VNode {
  return html`<div class=${["tether-toasts", props.class]} role="status" aria-live="polite">${props.toasts.map((t) => html`<div key=${t.id}
    class=${["tether-toast", `tether-toast-${t.color}`]} data-toast=${t.id}>
    <span class="tether-toast-message">${t.message}</span>
    ${props.onDismiss ? html`<button type="button" class="tether-toast-close" aria-label="Close" data-id=${t.id} onClick=${props.onDismiss}>×</button>` : null}
  </div>`)}</div>` as VNode;
}
