/**
 * JSX runtime (`"jsxImportSource": "tether-live"`): the same vnodes as `html`. JSX has no
 * template sites, so hoist constant subtrees yourself to let identity skip them.
 */
import { createElement } from "./h.js";
import { createProps, Fragment, type Child, type ComponentType, type Props, type VNode } from "../vnode/vnode.js";
import type { TetherElements } from "./jsx-types.js";

export { Fragment };

/** One child (which may itself be an array: a list, kept as one fragment). */
export function jsx(type: string | ComponentType | typeof Fragment, props: Props | null, key?: string | number): VNode {
  return create(type, props, key, false);
}

/** Several static children: `props.children` is the list of them. */
export function jsxs(type: string | ComponentType | typeof Fragment, props: Props | null, key?: string | number): VNode {
  return create(type, props, key, true);
}

export const jsxDEV = jsx;

function create(type: string | ComponentType | typeof Fragment, props: Props | null, key: string | number | undefined, many: boolean): VNode {
  let children: Child[] = [];
  let rest: Props | null = props;
  if (props && "children" in props) {
    const c = props.children as Child;
    children = many && Array.isArray(c) ? c : [c];
    // An element's props are normalized from own keys, `children` left out (h.ts); a component's
    // are copied as given but for `children`, which it gets from the children.
    if (typeof type === "function") {
      rest = createProps();
      for (const name in props) if (name !== "children" && Object.hasOwn(props, name)) rest[name] = props[name];
    }
  }
  if (key !== undefined) rest = { ...rest, key };
  return createElement(type, rest, children, null, 3);
}

export type * from "./jsx-types.js";
export type { LiveEvent, EventHandler } from "./event-handler.js";

// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace JSX {
  type Element = VNode;
  /** Every HTML element and the common SVG ones, typed (jsx-types.ts); a tag with a dash takes any attribute. */
  interface IntrinsicElements extends TetherElements {}
  /** What every component takes besides its props (elements declare `key` themselves, jsx-types.ts). */
  interface IntrinsicAttributes {
    /** Identity in a list: kept, moved, never re-created while the key stays. */
    key?: string | number | null | undefined;
  }
  interface ElementChildrenAttribute {
    children: unknown;
  }
}
