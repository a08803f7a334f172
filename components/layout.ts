import { html, type Renderable, type VNode } from "../src/index.js";

/** Props of Row, Column and Grid. */
export interface LayoutProps {
  children?: Renderable;
  /** Space between items (CSS: "1rem"). Default: the theme's `--tether-space`. */
  gap?: string;
  /** Row and Column: how items line up across (CSS align-items: "start", "center", …). */
  align?: string;
  /** Grid: the columns (CSS grid-template-columns, or a number of equal columns). Default: as many 12rem columns as fit. */
  columns?: string | number;
  id?: string;
  class?: string;
}

/** The `style` attribute, or none when there is nothing in it. */
function style(props: LayoutProps, extra = ""): { style: string | undefined } {
  const parts = [props.gap === undefined ? "" : `gap: ${props.gap};`, props.align === undefined ? "" : `align-items: ${props.align};`, extra].join(" ").trim();
  return { style: parts === "" ? undefined : parts };
}

/** Items side by side, wrapping on a narrow screen: PyWebIO's `put_row`. */
export function Row(props: LayoutProps): VNode {
  return html`<div class=${["tether-row", props.class]} id=${props.id} ...${style(props)}>${props.children}</div>` as VNode;
}

/** Items one under the other: PyWebIO's `put_column`. */
export function Column(props: LayoutProps): VNode {
  return html`<div class=${["tether-column", props.class]} id=${props.id} ...${style(props)}>${props.children}</div>` as VNode;
}

/** Items in a grid: PyWebIO's `put_grid`. */
export function Grid(props: LayoutProps): VNode {
  const columns = typeof props.columns === "number" ? `repeat(${props.columns}, minmax(0, 1fr))` : props.columns;
  return html`<div class=${["tether-grid", props.class]} id=${props.id} ...${style(props, columns === undefined ? "" : `grid-template-columns: ${columns};`)}>${props.children}</div>` as VNode;
}
