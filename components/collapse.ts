import { html, type Renderable, type VNode } from "../src/index.js";

/** Props of Collapse. */
export interface CollapseProps {
  /** The line that opens and closes it. */
  title: Renderable;
  /** Open at first. The page opens and closes it itself (no round trip). */
  open?: boolean;
  children?: Renderable;
  id?: string;
  class?: string;
}

/**
 * A section that opens and closes, the native `<details>`: PyWebIO's `put_collapse`. The
 * browser toggles it, keyboard included, and the server keeps rendering its content.
 */
export function Collapse(props: CollapseProps): VNode {
  return html`<details class=${["tether-collapse", props.class]} id=${props.id} open=${props.open === true}>
    <summary>${props.title}</summary>
    <div class="tether-collapse-body">${props.children}</div>
  </details>` as VNode;
}
