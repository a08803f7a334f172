import { html } from "../template/html.js";
import type { VNode } from "../vnode/vnode.js";

/**
 * The page live navigation shows at a path no route serves, unless `TetherOptions.notFound`
 * gives another. (A GET of such a path is not Tether's: `serve` answers it with its
 * `fallback`, a 404 by default.)
 */
export function NotFound(props: { path: string }): VNode {
  return html`<main class="tether-not-found">
  <h1>Page not found</h1>
  <p>Nothing is served at <code>${props.path}</code>.</p>
</main>` as VNode;
}
