import { html, type VNode } from "../src/index.js";

/** Props of Text. */
export interface TextProps {
  text: string | number;
  /** Keeps line breaks and spaces as written (a `<pre>`-like paragraph). */
  pre?: boolean;
  /** Inline (`<span>`) rather than a paragraph. */
  inline?: boolean;
  id?: string;
  class?: string;
}

/** Plain text, escaped, PyWebIO's `put_text`: a paragraph, or a span with `inline`. */
export function Text(props: TextProps): VNode {
  const cls = ["tether-text", props.pre === true && "tether-pre", props.class];
  return (props.inline === true
    ? html`<span class=${cls} id=${props.id}>${String(props.text)}</span>`
    : html`<p class=${cls} id=${props.id}>${String(props.text)}</p>`) as VNode;
}
