/**
 * Attribute names read only by the page's on-demand script (`tether-client`, runtime/client/),
 * not by the base runtime: kept apart from patch-ops.ts's `Directive`, which every page loads.
 */
export const ClientDirective = {
  /** `t-hook="Name"`: the element gets the page-side hook `tether.hooks.Name`. */
  Hook: "t-hook",
  /** `t-island="Name"`: the element is the region of the island `tether.islands.Name` (with `t-ignore`). */
  Island: "t-island",
  /** An island's props, as JSON; a patch of it hands the island its new props. */
  Props: "t-props",
} as const;
