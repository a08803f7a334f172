import { ClientDirective } from "../protocol/client-directives.js";
import type { Child, VNode } from "../vnode/vnode.js";
import { Directive } from "../protocol/patch-ops.js";
import { h } from "./h.js";

/** How an island's region renders on the server. */
export interface IslandOptions {
  /**
   * What the first paint shows until the island mounts in the browser (it is then replaced):
   * best the island's size and look, so the page does not jump. Default none.
   */
  placeholder?: Child;
  /** The region's element. Default "div". */
  tag?: string;
  class?: string;
  style?: string;
  id?: string;
}

/**
 * An island in a template: the region of a widget that lives in the browser, the module
 * `name` of the app's islands folder (`TetherOptions.islands`), mounted with `props` (JSON).
 * Patches never touch the region's children (`t-ignore`: invariant 5, "User input wins" in ARCHITECTURE.md); when the server renders
 * other props, the island's `update(props)` gets them, with its own state kept.
 */
export function island(name: string, props: Record<string, unknown> = {}, options: IslandOptions = {}): VNode {
  const attrs: Record<string, unknown> = {
    [ClientDirective.Island]: name,
    [ClientDirective.Props]: JSON.stringify(props),
    [Directive.Ignore]: true,
    class: options.class,
    style: options.style,
    id: options.id,
  };
  return h(options.tag ?? "div", attrs, options.placeholder ?? null);
}
