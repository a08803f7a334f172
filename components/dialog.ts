import { html, type EventHandler, type Renderable, type VNode } from "../src/index.js";

/** Props of Dialog. */
export interface DialogProps {
  title: string;
  children?: Renderable;
  /** Called when the user closes it: its close button, or Escape. Without it the dialog cannot be closed by the user. */
  onClose?: EventHandler;
  /** "small", "medium" (default) or "large". */
  size?: "small" | "medium" | "large";
  /** The ids' prefix (default "dialog"): the title is `<id>-title`. */
  id?: string;
  class?: string;
}

/**
 * A modal dialog, PyWebIO's `popup`: a `<dialog open>` over a backdrop, titled for screen
 * readers, closed with its button or Escape. Render it with DialogHost, which makes the rest of
 * the page `inert` while it shows, moves the focus into the dialog and keeps Tab inside it.
 */
export function Dialog(props: DialogProps): VNode {
  const id = props.id ?? "dialog";
  const closable = props.onClose !== undefined;
  return html`<div class="tether-dialog-backdrop">
    <dialog open class=${["tether-dialog", `tether-dialog-${props.size ?? "medium"}`, props.class]} id=${id} aria-modal="true" aria-labelledby=${`${id}-title`}
      onKeydown=${props.onClose} t-key=${closable ? "Escape" : undefined}>
      <header class="tether-dialog-header">
        <h2 id=${`${id}-title`}>${props.title}</h2>
        ${closable ? html`<button type="button" class="tether-dialog-close" aria-label="Close" onClick=${props.onClose}>×</button>` : null}
      </header>
      <div class="tether-dialog-body">${props.children}</div>
    </dialog>
  </div>` as VNode;
}

/** Props of DialogHost. */
export interface DialogHostProps {
  /** The page's content, made inert while a dialog shows. */
  children?: Renderable;
  /** The dialog showing now (a Dialog), or null. */
  dialog?: Renderable;
  class?: string;
}

/**
 * Where a page shows its dialogs: its content, `inert` while `dialog` is given (unreachable by
 * Tab, clicks and screen readers), then the dialog. Its hook (`tether-dialog-host`, in the
 * on-demand page script `tether-client`) moves the focus into a dialog that opens (its
 * `autofocus` control, else its first), keeps Tab within it, the layout's parts outside the app
 * included, and gives the focus back where it was when it closes.
 */
export function DialogHost(props: DialogHostProps): VNode {
  const open = props.dialog != null && props.dialog !== false;
  return html`<div class=${["tether-dialog-host", props.class]} t-hook="tether-dialog-host">
    <div class="tether-dialog-page" inert=${open} aria-hidden=${open ? "true" : undefined}>${props.children}</div>
    ${open ? props.dialog : null}
  </div>` as VNode;
}
