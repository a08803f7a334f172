import { html, type EventHandler, type VNode } from "../src/index.js";

/**
 * One button of a row of actions. `submit` submits its form (with `value` as the form's
 * `action` field), `reset` and `cancel` are plain buttons the form handles, `button` calls
 * `onAction` with `event.data.value`.
 */
export interface ActionButton {
  label: string;
  /** Default: the label. */
  value?: string;
  type?: "submit" | "reset" | "cancel" | "button";
  disabled?: boolean;
  /** "primary", "secondary" or "danger" (theme.css styles them); default: primary for submit, else secondary. */
  color?: "primary" | "secondary" | "danger";
}

/** Props of ActionButtons. */
export interface ActionButtonsProps {
  buttons: readonly ActionButton[];
  /** The field name a submit button's value travels under in the form (default "action"). */
  name?: string;
  /** Called for `button`, `reset` and `cancel` buttons, with the button's value in `event.data.value`. */
  onAction?: EventHandler;
  /** Marks the submit buttons busy and disabled (a form sets it while its submit is pending). */
  pending?: boolean;
  class?: string;
}

/** A row of buttons, PyWebIO's `actions`: submit, reset, cancel, or your own values. */
export function ActionButtons(props: ActionButtonsProps): VNode {
  return html`<div class=${["tether-actions", props.class]}>${props.buttons.map((b) => {
    const type = b.type ?? "submit";
    const value = b.value ?? b.label;
    const color = b.color ?? (type === "submit" ? "primary" : "secondary");
    const submit = type === "submit";
    return html`<button key=${value} type=${submit ? "submit" : "button"} class=${["tether-button", `tether-${color}`, `tether-${type}`]}
      name=${submit ? (props.name ?? "action") : undefined} value=${value} data-value=${value} data-type=${type}
      disabled=${b.disabled === true || (submit && props.pending === true)} aria-busy=${submit && props.pending === true ? "true" : undefined}
      onClick=${submit ? undefined : props.onAction}>${b.label}</button>`;
  })}</div>` as VNode;
}
