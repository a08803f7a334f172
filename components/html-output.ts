import { html, raw, type VNode } from "../src/index.js";

/** Props of HtmlOutput. */
export interface HtmlOutputProps {
  /** HTML from a string: sanitized (scripts, event attributes and script URLs removed). */
  html: string;
  id?: string;
  class?: string;
}

/**
 * HTML from a string, sanitized by `raw()`, in a `<div>`: PyWebIO's `put_html`. For markup your
 * own code wrote and trusts, put `raw.trusted(…)` in a template instead.
 */
export function HtmlOutput(props: HtmlOutputProps): VNode {
  return html`<div class=${["tether-html", props.class]} id=${props.id}>${raw(props.html)}</div>` as VNode;
}
