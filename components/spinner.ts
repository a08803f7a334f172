import { html, type VNode } from "../src/index.js";

/** Props of Spinner. */
export interface SpinnerProps {
  /** What is going on, read by screen readers and shown beside it (default "Loading…"). */
  label?: string;
  /** Shows the label (by default it is only read). */
  showLabel?: boolean;
  class?: string;
}

/** A spinner (CSS only, in theme.css): PyWebIO's `put_loading`. `role="status"` so a screen reader hears its label. */
export function Spinner(props: SpinnerProps): VNode {
  const label = props.label ?? "Loading…";
  return html`<span class=${["tether-spinner", props.class]} role="status">
    <span class="tether-spinner-wheel" aria-hidden="true"></span>
    <span class=${props.showLabel === true ? "tether-spinner-label" : "tether-visually-hidden"}>${label}</span>
  </span>` as VNode;
}
