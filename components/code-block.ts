import { html, type VNode } from "../src/index.js";

/** Props of CodeBlock. */
export interface CodeBlockProps {
  code: string;
  /** The language, as a class `language-<name>` on the `<code>` (what highlighters read). */
  language?: string;
  id?: string;
  class?: string;
}

/** Source code shown as written, escaped, in `<pre><code>`: PyWebIO's `put_code`. */
export function CodeBlock(props: CodeBlockProps): VNode {
  return html`<pre class=${["tether-code", props.class]} id=${props.id}><code class=${props.language ? `language-${props.language}` : undefined}>${props.code}</code></pre>` as VNode;
}
