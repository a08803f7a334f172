/**
 * The least a Node client must keep of a Tether page to click on it: every node id (assigned
 * in pre-order from a Mount's or Create's first id, as the browser does), elements' tags and
 * attributes (event bindings are `@type` keys), and children in order. Patch ops keep it
 * current. Text content is not kept: the benchmark never reads it.
 */
import { Op, treesOf, ROOT_ID, type EncodedAttrs, type PatchOp, type ShapeTree, type Tree } from "../../src/protocol/wire.js";

export interface PageNode {
  id: number;
  /** Element tag; null for text, raw HTML and static subtrees (which the benchmark never clicks). */
  tag: string | null;
  attrs: EncodedAttrs | null;
  children: PageNode[];
  parent: PageNode | null;
}

export class PageModel {
  readonly nodes = new Map<number, PageNode>();
  /** The shapes this connection defined (a Mount starts them over, as the page's statics). */
  private readonly shapes = new Map<number, ShapeTree>();
  readonly root: PageNode = { id: ROOT_ID, tag: "root", attrs: null, children: [], parent: null };

  /** Starts over from a Mount. */
  mount(firstId: number, trees: readonly Tree[]): void {
    this.nodes.clear();
    this.shapes.clear();
    this.root.children = [];
    this.nodes.set(ROOT_ID, this.root);
    this.insert(this.root, 0, firstId, trees);
  }

  apply(ops: readonly PatchOp[]): void {
    for (const op of ops) {
      switch (op[0]) {
        case Op.Create:
          this.insert(this.get(op[1]), op[2], op[3], op[4]);
          break;
        case Op.Remove: {
          const node = this.get(op[1]);
          this.detach(node);
          this.forget(node);
          break;
        }
        case Op.Move: {
          const node = this.get(op[1]);
          this.detach(node);
          this.place(this.get(op[2]), op[3], [node]);
          break;
        }
        case Op.SetAttr:
          (this.get(op[1]).attrs ??= {})[op[2]] = op[3];
          break;
        case Op.RemoveAttr:
          delete this.get(op[1]).attrs?.[op[2]];
          break;
        case Op.Clear: {
          const parent = this.get(op[1]);
          for (const child of parent.children) this.forget(child);
          parent.children = [];
          break;
        }
        // SetProp and SetText change nothing the benchmark looks at.
      }
    }
  }

  get(id: number): PageNode {
    const node = this.nodes.get(id);
    if (node === undefined) throw new Error(`the server addressed node ${id}, which the page does not have`);
    return node;
  }

  /** The first element (pre-order) under `from` that passes `test`. */
  find(test: (node: PageNode) => boolean, from: PageNode = this.root): PageNode | null {
    const stack = [from];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.tag !== null && test(node)) return node;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
    return null;
  }

  private insert(parent: PageNode, before: number, firstId: number, trees: readonly Tree[]): void {
    const created: PageNode[] = [];
    let next = firstId;
    const build = (tree: Tree, into: PageNode): PageNode => {
      const node: PageNode = { id: next++, tag: null, attrs: null, children: [], parent: into };
      this.nodes.set(node.id, node);
      // Text, raw HTML and static subtrees take one id each; nothing inside a static subtree has one.
      if (typeof tree !== "string" && typeof tree[0] === "string") {
        node.tag = tree[0];
        node.attrs = tree[1] === 0 ? null : { ...(tree[1] as EncodedAttrs) };
        for (let i = 2; i < tree.length; i++) {
          for (const el of treesOf(tree[i] as Tree, this.shapes)) node.children.push(build(el, node));
        }
      }
      return node;
    };
    // A list's rows as a shape and values: the elements they stand for, in order.
    for (let i = 0; i < trees.length; i++) for (const el of treesOf(trees[i], this.shapes)) created.push(build(el, parent));
    this.place(parent, before, created);
  }

  private place(parent: PageNode, before: number, nodes: PageNode[]): void {
    for (const node of nodes) node.parent = parent;
    const at = before === 0 ? -1 : parent.children.findIndex((child) => child.id === before);
    if (at < 0) for (const node of nodes) parent.children.push(node);
    else parent.children = parent.children.slice(0, at).concat(nodes, parent.children.slice(at));
  }

  private detach(node: PageNode): void {
    const siblings = node.parent?.children;
    if (siblings === undefined) return;
    const at = siblings.indexOf(node);
    if (at >= 0) siblings.splice(at, 1);
    node.parent = null;
  }

  private forget(node: PageNode): void {
    const stack = [node];
    while (stack.length > 0) {
      const next = stack.pop()!;
      this.nodes.delete(next.id);
      for (const child of next.children) stack.push(child);
    }
  }
}
