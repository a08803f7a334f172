import { DOM_PROPERTIES, EVENT_PREFIX, PROP_PREFIX, TreeKind, type ElementTree, type EncodedAttrs, type Tree } from "../../src/protocol/wire.js";
import { childContainer, type NodeRegistry, type TrackedNode } from "./nodes.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

declare global {
  interface Window {
    /** The tether-lists script's builder of shapes' elements (runtime/dom/shape.ts). */
    __tetherShapes?: (parent: Node, tree: unknown[], ctx: BuildContext, svg: boolean) => void;
  }
}

/** State of one build: the next id to hand out, and the registry (null: build only, no ids). */
export interface BuildContext {
  nextId: number;
  nodes: NodeRegistry | null;
  /** Static subtrees of this connection, by static id: cloned for every reference. */
  statics: Map<number, Element>;
  /** Called for each event type an element binds, so the delegated listener exists. */
  listen(type: string): void;
}

/**
 * Builds the DOM for encoded trees and appends it to `parent`, assigning ids in pre-order.
 * `trees` is a list of trees, or an encoded element whose children start at index 2.
 */
export function buildInto(parent: Node, trees: ReadonlyArray<unknown>, start: number, ctx: BuildContext, svg: boolean): void {
  const container = childContainer(parent);
  for (let i = start; i < trees.length; i++) buildNode(container, trees[i] as Tree, ctx, svg);
}

function buildNode(parent: Node, tree: Tree, ctx: BuildContext, svg: boolean): void {
  const id = ctx.nextId++;
  let node: TrackedNode;
  if (typeof tree === "string") {
    node = document.createTextNode(tree);
  } else if (typeof tree[0] === "number") {
    switch (tree[0]) {
      case TreeKind.Raw: {
        node = document.createComment("");
        parent.appendChild(node);
        const nodes = parseHtml(tree[1] as string);
        node.$raw = nodes;
        for (let i = 0; i < nodes.length; i++) parent.appendChild(nodes[i]);
        if (ctx.nodes !== null) ctx.nodes.set(id, node);
        return;
      }
      case TreeKind.StaticDef: {
        const nested: BuildContext = { ...ctx, nodes: null };
        const element = createElement(tree[2] as ElementTree, nested, svg);
        ctx.statics.set(tree[1] as number, element.cloneNode(true) as Element);
        node = element;
        break;
      }
      case TreeKind.StaticRef:
        // A reference to a static subtree never defined fails here (a TypeError), and the
        // patch's failure resyncs the page.
        node = ctx.statics.get(tree[1] as number)!.cloneNode(true);
        break;
      default:
        // Shapes (a list's rows), built by the tether-lists script on the pages the server sends them to.
        ctx.nextId--;
        return window.__tetherShapes!(parent, tree as unknown[], ctx, svg);
    }
  } else {
    node = createElement(tree as ElementTree, ctx, svg);
  }
  parent.appendChild(node);
  if (ctx.nodes !== null) ctx.nodes.set(id, node);
}

export function createElement(tree: ElementTree, ctx: BuildContext, svg: boolean): Element {
  const tag = tree[0];
  const inSvg = svg || tag === "svg";
  const el: TrackedNode & Element = inSvg ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  const attrs = tree[1];
  if (attrs !== 0) setAttributes(el, attrs, ctx);
  // Children of foreignObject are HTML again.
  buildInto(el, tree, 2, ctx, inSvg && tag !== "foreignObject");
  // Properties after children: a <select>'s value needs its options.
  if (attrs !== 0) setProps(el, attrs);
  return el;
}

function setAttributes(el: TrackedNode & Element, attrs: EncodedAttrs, ctx: BuildContext): void {
  for (const name in attrs) {
    const c = name[0];
    if (c === EVENT_PREFIX) {
      const type = name.slice(1);
      (el.$ev ||= {})[type] = 1;
      ctx.listen(type);
    } else if (c !== PROP_PREFIX && attrs[name] !== null) {
      // null: a shape's attribute hole (shape.ts), filled in each clone.
      setAttribute(el, name, String(attrs[name]));
    }
  }
}

/** Sets the `.value`/`.checked`/`.selected` entries of an encoded attribute map as DOM properties. */
export function setProps(el: Element, attrs: EncodedAttrs): void {
  for (const name in attrs) if (name[0] === PROP_PREFIX) setProp(el, name.slice(1), attrs[name] as string | boolean | null);
}

/**
 * Sets one of DOM_PROPERTIES (any other name is ignored: invariant 7, "Escaped by default" in
 * ARCHITECTURE.md); null resets it.
 */
export function setProp(el: Element, name: string, value: string | boolean | null): void {
  const target = el as unknown as Record<string, unknown>;
  if (!DOM_PROPERTIES.includes(name)) return;
  if (value === null) target[name] = name === "value" ? "" : false;
  else if (target[name] !== value) target[name] = value;
}

export function setAttribute(el: Element, name: string, value: string): void {
  if (name.startsWith("xlink:")) el.setAttributeNS(XLINK_NS, name, value);
  else el.setAttribute(name, value);
}

/** True if `parent` holds SVG content: new children are created in the SVG namespace. */
export function isSvgParent(parent: Node): boolean {
  return (parent as Element).namespaceURI === SVG_NS && parent.nodeName !== "foreignObject";
}

/** Parses trusted HTML into nodes, in a <template> so that nothing runs and no context is imposed. */
export function parseHtml(html: string): Node[] {
  const template = document.createElement("template");
  template.innerHTML = html;
  return Array.from(template.content.childNodes);
}
