import { html, type VNode } from "../src/index.js";

/** Props of Progress. */
export interface ProgressProps {
  /** Done so far, from 0 to `max`; undefined: going on, amount unknown. */
  value?: number;
  /** Default 1. */
  max?: number;
  /** What it measures, for who cannot see it (and shown above the bar). */
  label?: string;
  /** Shows the percentage beside the bar. */
  showValue?: boolean;
  id?: string;
  class?: string;
}

/**
 * A progress bar, the native `<progress>` (read by screen readers): PyWebIO's
 * `put_processbar`. A new value re-renders one attribute.
 */
export function Progress(props: ProgressProps): VNode {
  const max = props.max ?? 1;
  const value = props.value === undefined ? undefined : Math.min(Math.max(props.value, 0), max);
  const id = props.id ?? undefined;
  const percent = value === undefined ? "" : `${Math.round((value / max) * 100)}%`;
  return html`<div class=${["tether-progress", props.class]}>
    ${props.label ? html`<label class="tether-label" for=${id}>${props.label}</label>` : null}
    <progress id=${id} max=${max} value=${value} aria-label=${id === undefined ? props.label : undefined}>${percent}</progress>
    ${props.showValue === true ? html`<span class="tether-progress-value">${percent}</span>` : null}
  </div>` as VNode;
}
