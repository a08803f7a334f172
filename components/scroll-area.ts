import { html, type Renderable, type VNode } from "../src/index.js";

/** Props of ScrollArea. */
export interface ScrollAreaProps {
  /** Its height (CSS: "12rem", or pixels). Default "16rem". */
  height?: string | number;
  /**
   * Stays at the end as content is added (a log), unless the user scrolled up to read. Default true.
   * No script: the content is laid out bottom-up (`flex-direction: column-reverse`), whose
   * scroll position is measured from the end, so added lines keep the end in view.
   */
  followEnd?: boolean;
  /** For screen readers: what it holds ("Build log"). */
  label?: string;
  children?: Renderable;
  id?: string;
  class?: string;
}

/** A box of fixed height that scrolls, following its end: PyWebIO's `put_scrollable` (with `keep_bottom`). */
export function ScrollArea(props: ScrollAreaProps): VNode {
  const height = typeof props.height === "number" ? `${props.height}px` : (props.height ?? "16rem");
  const follow = props.followEnd !== false;
  return html`<div class=${["tether-scroll", follow && "tether-follow-end", props.class]} id=${props.id} style=${`max-height: ${height}`}
    tabindex="0" role="log" aria-label=${props.label}><div class="tether-scroll-content">${props.children}</div></div>` as VNode;
}
