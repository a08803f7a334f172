/**
 * The browser runtime's DOM layer, exposed on `window.__harness` for tests that drive it in a
 * real Chromium page (bundled by test/support/runtime-harness.ts). Not a test file itself.
 */
import type { PatchOp, Tree } from "../../src/protocol/wire.js";
import { buildInto, type BuildContext } from "../../runtime/dom/build.js";
import { mountTree } from "../../runtime/dom/morph.js";
import { NodeRegistry, type TrackedNode } from "../../runtime/dom/nodes.js";
import { applyOps, type InputGuard } from "../../runtime/dom/apply-ops.js";
// The builder of shapes' elements, as the tether-lists script installs it.
import "../../runtime/lists.js";

/** A DOM node written the way the wire writes trees: text, or [tag, attrs | 0, ...children]. */
export type DomTree = string | ["#comment", string] | [string, Record<string, string> | 0, ...DomTree[]];

export interface Harness {
  root: Element;
  nodes: NodeRegistry;
  ctx: BuildContext;
  /** Event types the build asked to listen to, in order. */
  listened: string[];
  /** Empties #root (or fills it with first-paint HTML) and starts a fresh registry. */
  reset(html?: string): void;
  /** Applies the Mount of `trees` (ids from `firstId`) onto whatever #root shows. */
  /** `first`: the page's first mount (before it, the HTML's value attributes tell what the user typed). */
  mount(trees: Tree[], firstId?: number, first?: boolean): void;
  /** Applies a patch batch; `guard` decides SetProp of value/checked (default: always). */
  apply(ops: PatchOp[], guard?: InputGuard): void;
  /** Builds trees into a detached element, ids from `firstId`, and returns it. */
  build(trees: Tree[], firstId?: number): Element;
  node(id: number): TrackedNode;
  /** The children of `node` (default #root) as DomTrees; a <template>'s are its content's. */
  dump(node?: Node): DomTree[];
}

function dumpNode(node: Node): DomTree {
  if (node.nodeType === Node.TEXT_NODE) return node.nodeValue!;
  if (node.nodeType === Node.COMMENT_NODE) return ["#comment", node.nodeValue!];
  const el = node as Element;
  let attrs: Record<string, string> | 0 = 0;
  for (const a of Array.from(el.attributes)) (attrs ||= {})[a.name] = a.value;
  return [el.localName, attrs, ...dumpChildren(el)];
}

function dumpChildren(node: Node): DomTree[] {
  const container = node.nodeName === "TEMPLATE" ? (node as HTMLTemplateElement).content : node;
  return Array.from(container.childNodes, dumpNode);
}

const root = document.getElementById("root")!;

const harness: Harness = {
  root,
  nodes: new NodeRegistry(root),
  ctx: null as unknown as BuildContext,
  listened: [],
  reset(html = "") {
    root.innerHTML = html;
    this.nodes = new NodeRegistry(root);
    this.listened = [];
    const listened = this.listened;
    this.ctx = { nextId: 0, nodes: this.nodes, statics: new Map(), listen: (type) => listened.push(type) };
  },
  mount(trees, firstId = 1, first = true) {
    mountTree(root, trees, firstId, this.nodes, this.ctx, first);
  },
  apply(ops, guard = () => true) {
    applyOps(ops, this.nodes, this.ctx, guard);
  },
  build(trees, firstId = 1) {
    const el = document.createElement("div");
    buildInto(el, trees, 0, { ...this.ctx, nodes: null, nextId: firstId }, false);
    return el;
  },
  node(id) {
    return this.nodes.get(id);
  },
  dump(node = root) {
    return dumpChildren(node);
  },
};
harness.reset();

(window as unknown as { __harness: Harness }).__harness = harness;
