/**
 * An in-memory stand-in for the browser's DOM, driven only by patch ops, for tests that check
 * what the diff sends: apply one render's ops to the previous model, and the result must be
 * what a fresh render of the same content produces in an empty model.
 *
 * It is deliberately strict: any op that addresses an unknown id, a node of the wrong kind, or
 * an anchor that is not a child of the stated parent throws, because in the browser such an
 * op either throws or silently corrupts the page, and both are diff bugs.
 */
import { Op, treesOf, ROOT_ID, TreeKind, type ElementTree, type PatchOp, type ShapeTree, type Tree } from "../../src/protocol/wire.js";
import { childList, collectDomIds, holdsStaticContent, LiveTree, shapedSize, soleText, type LiveNode, type LiveTreeOptions } from "../../src/diff/index.js";
import type { Renderable } from "../../src/vnode/vnode.js";
import { VNodeFlags } from "../../src/vnode/flags.js";

/** One node of the model. Text nodes have `text`; raw HTML has `raw`; elements have `tag`. */
export interface ModelNode {
  /** The id the server knows it by; -1 for nodes inside a static subtree, which have none. */
  id: number;
  tag?: string;
  text?: string;
  raw?: string;
  /** Attributes, including `@type` event bindings (value 1), as the wire sends them. */
  attrs: Record<string, string | number | boolean | null>;
  /** DOM properties (`value`, `checked`, …), keyed without the `.` prefix. */
  props: Record<string, string | number | boolean>;
  children: ModelNode[];
  parent: ModelNode | null;
}

/** How many ops of each kind were applied. */
export interface OpCounts {
  create: number;
  remove: number;
  move: number;
  setAttr: number;
  removeAttr: number;
  setProp: number;
  setText: number;
  clear: number;
}

export interface Model {
  root: ModelNode;
  /** Every addressable node by id (the root included). */
  nodes: Map<number, ModelNode>;
  /** Static subtree definitions received so far, by sid. */
  statics: Map<number, ElementTree>;
  /** Shapes defined so far (TreeKind.TemplateDef), by id. */
  shapes: Map<number, ShapeTree>;
  /** Every op applied, in order. */
  log: PatchOp[];
  /** Counts over the whole log. */
  counts: OpCounts;
}

const OP_NAMES: Record<number, keyof OpCounts> = {
  [Op.Create]: "create",
  [Op.Remove]: "remove",
  [Op.Move]: "move",
  [Op.SetAttr]: "setAttr",
  [Op.RemoveAttr]: "removeAttr",
  [Op.SetProp]: "setProp",
  [Op.SetText]: "setText",
  [Op.Clear]: "clear",
};

export function emptyCounts(): OpCounts {
  return { create: 0, remove: 0, move: 0, setAttr: 0, removeAttr: 0, setProp: 0, setText: 0, clear: 0 };
}

/** Counts ops by kind, without applying them. */
export function countOps(ops: readonly PatchOp[]): OpCounts {
  const counts = emptyCounts();
  for (const op of ops) counts[opName(op)]++;
  return counts;
}

export function createModel(): Model {
  const root = newNode(ROOT_ID, null);
  root.tag = "root";
  return { root, nodes: new Map([[ROOT_ID, root]]), statics: new Map(), shapes: new Map(), log: [], counts: emptyCounts() };
}

/** Applies one batch of ops; returns the counts of this batch. Throws on the first invalid op. */
export function applyOps(model: Model, ops: readonly PatchOp[]): OpCounts {
  const batch = emptyCounts();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    try {
      applyOp(model, op);
    } catch (error) {
      throw new Error(`op #${i} ${JSON.stringify(op)}: ${(error as Error).message}`);
    }
    const name = opName(op);
    batch[name]++;
    model.counts[name]++;
    model.log.push(op);
  }
  return batch;
}

function opName(op: PatchOp): keyof OpCounts {
  const name = OP_NAMES[op[0]];
  if (name === undefined) throw new Error(`unknown op code ${String(op[0])}`);
  return name;
}

function applyOp(model: Model, op: PatchOp): void {
  switch (op[0]) {
    case Op.Create: {
      const [, parentId, beforeId, firstId, trees] = op;
      const parent = element(model, parentId);
      const index = anchorIndex(model, parent, beforeId);
      if (!Number.isInteger(firstId) || firstId <= ROOT_ID) throw new Error(`bad firstId ${firstId}`);
      if (!Array.isArray(trees) || trees.length === 0) throw new Error("Create without trees");
      const next = { id: firstId };
      const created: ModelNode[] = [];
      for (const t of trees) {
        for (const el of treesOf(t, model.shapes)) created.push(build(model, el, parent, next));
      }
      parent.children.splice(index, 0, ...created);
      return;
    }
    case Op.Remove: {
      const node = addressable(model, op[1]);
      if (node === model.root) throw new Error("cannot remove the root");
      detach(node);
      forget(model, node);
      return;
    }
    case Op.Move: {
      const [, id, parentId, beforeId] = op;
      const node = addressable(model, id);
      const parent = element(model, parentId);
      // The diff only reorders within one parent; a move across parents means it lost track.
      if (node.parent !== parent) throw new Error(`node ${id} is not a child of ${parentId}`);
      if (beforeId === id) throw new Error("a node cannot be moved before itself");
      anchorIndex(model, parent, beforeId);
      detach(node);
      parent.children.splice(anchorIndex(model, parent, beforeId), 0, node);
      node.parent = parent;
      return;
    }
    case Op.SetAttr: {
      const [, id, name, value] = op;
      const node = element(model, id);
      if (typeof name !== "string" || name === "" || name[0] === ".") throw new Error(`bad attribute name ${String(name)}`);
      if (name[0] === "@" && value !== 1) throw new Error(`event binding ${name} with value ${String(value)}`);
      if (name[0] !== "@" && typeof value !== "string") throw new Error(`attribute ${name} with non-string value`);
      node.attrs[name] = value;
      return;
    }
    case Op.RemoveAttr: {
      const [, id, name] = op;
      const node = element(model, id);
      if (!(name in node.attrs)) throw new Error(`node ${id} has no attribute ${name} to remove`);
      delete node.attrs[name];
      return;
    }
    case Op.SetProp: {
      const [, id, name, value] = op;
      const node = element(model, id);
      if (value === null) delete node.props[name];
      else node.props[name] = value;
      return;
    }
    case Op.SetText: {
      const node = addressable(model, op[1]);
      if (node.text === undefined) throw new Error(`node ${op[1]} is not a text node`);
      if (typeof op[2] !== "string") throw new Error("SetText without a string");
      node.text = op[2];
      return;
    }
    case Op.Clear: {
      const parent = element(model, op[1]);
      for (const child of parent.children) {
        child.parent = null;
        forget(model, child);
      }
      parent.children = [];
      return;
    }
    default:
      throw new Error("unknown op");
  }
}

function newNode(id: number, parent: ModelNode | null): ModelNode {
  return { id, attrs: {}, props: {}, children: [], parent };
}

function addressable(model: Model, id: number): ModelNode {
  const node = model.nodes.get(id);
  if (node === undefined) throw new Error(`unknown id ${id}`);
  return node;
}

function element(model: Model, id: number): ModelNode {
  const node = addressable(model, id);
  if (node.tag === undefined) throw new Error(`node ${id} is not an element`);
  return node;
}

/** Where `beforeId` is among `parent`'s children; 0 means the end. */
function anchorIndex(model: Model, parent: ModelNode, beforeId: number): number {
  if (beforeId === 0) return parent.children.length;
  const before = addressable(model, beforeId);
  const index = parent.children.indexOf(before);
  if (index < 0 || before.parent !== parent) throw new Error(`anchor ${beforeId} is not a child of ${parent.id}`);
  return index;
}

function detach(node: ModelNode): void {
  const siblings = node.parent!.children;
  siblings.splice(siblings.indexOf(node), 1);
  node.parent = null;
}

function forget(model: Model, node: ModelNode): void {
  if (node.id > ROOT_ID) model.nodes.delete(node.id);
  for (const child of node.children) forget(model, child);
}

/** Builds an encoded tree, taking ids in pre-order from `next.id` (one per top-level tree kind). */
function build(model: Model, t: Tree, parent: ModelNode, next: { id: number }): ModelNode {
  if (typeof t === "string") {
    const node = register(model, newNode(next.id++, parent));
    node.text = t;
    return node;
  }
  if (!Array.isArray(t)) throw new Error(`not a tree: ${JSON.stringify(t)}`);
  const head = t[0];
  if (head === TreeKind.Raw) {
    const node = register(model, newNode(next.id++, parent));
    node.raw = t[1] as string;
    return node;
  }
  if (head === TreeKind.StaticDef) {
    const [, sid, def] = t as [number, number, ElementTree];
    // A shape holds its static subtrees as definitions: each of its elements defines them again, the same.
    if (model.statics.has(sid) && JSON.stringify(model.statics.get(sid)) !== JSON.stringify(def)) throw new Error(`static ${sid} defined twice, differently`);
    model.statics.set(sid, def);
    const node = buildStatic(def, parent);
    node.id = next.id++;
    return register(model, node);
  }
  if (head === TreeKind.StaticRef) {
    const def = model.statics.get(t[1] as number);
    if (def === undefined) throw new Error(`static ${String(t[1])} referenced before its definition`);
    const node = buildStatic(def, parent);
    node.id = next.id++;
    return register(model, node);
  }
  if (typeof head !== "string") throw new Error(`not a tree: ${JSON.stringify(t)}`);
  const el = register(model, newNode(next.id++, parent));
  el.tag = head;
  setEncodedAttrs(el, t[1]);
  for (let i = 2; i < t.length; i++) {
    const child = t[i] as Tree;
    for (const row of treesOf(child, model.shapes)) el.children.push(build(model, row, el, next));
  }
  return el;
}

function register(model: Model, node: ModelNode): ModelNode {
  if (model.nodes.has(node.id)) throw new Error(`id ${node.id} is already in use`);
  model.nodes.set(node.id, node);
  return node;
}

/** A static subtree: a fresh clone each time, with no ids inside. */
function buildStatic(t: Tree, parent: ModelNode): ModelNode {
  const node = newNode(-1, parent);
  if (typeof t === "string") {
    node.text = t;
    return node;
  }
  if (t[0] === TreeKind.Raw) {
    node.raw = t[1] as string;
    return node;
  }
  if (typeof t[0] !== "string") throw new Error(`static subtree holds ${JSON.stringify(t)}`);
  node.tag = t[0];
  setEncodedAttrs(node, t[1] as ElementTree[1]);
  for (let i = 2; i < t.length; i++) node.children.push(buildStatic(t[i] as Tree, node));
  return node;
}

function setEncodedAttrs(node: ModelNode, attrs: ElementTree[1]): void {
  if (attrs === 0) return;
  if (typeof attrs !== "object" || attrs === null) throw new Error(`bad attribute map ${JSON.stringify(attrs)}`);
  for (const name in attrs) {
    if (name[0] === ".") node.props[name.slice(1)] = attrs[name] as string | number | boolean;
    else node.attrs[name] = attrs[name];
  }
}

/**
 * Canonical HTML of the model's content: attributes sorted, props as `.name=json`, event
 * bindings as `@type`, adjacent text nodes separated by `<!---->` so that "a","b" ≠ "ab".
 */
export function toHtml(model: Model): string {
  return serializeChildren(model.root);
}

/** Canonical HTML of one node (see toHtml). */
export function nodeToHtml(node: ModelNode): string {
  if (node.text !== undefined) return escapeText(node.text);
  if (node.raw !== undefined) return node.raw;
  const names = [...Object.keys(node.attrs), ...Object.keys(node.props).map((n) => "." + n)].sort();
  let out = "<" + node.tag;
  for (const name of names) {
    if (name[0] === ".") out += ` ${name}=${JSON.stringify(node.props[name.slice(1)])}`;
    else if (name[0] === "@") out += " " + name;
    else out += ` ${name}="${escapeAttr(String(node.attrs[name]))}"`;
  }
  return out + ">" + serializeChildren(node) + "</" + node.tag + ">";
}

function serializeChildren(node: ModelNode): string {
  let out = "";
  for (let i = 0; i < node.children.length; i++) {
    const child = node.children[i];
    if (child.text !== undefined && i > 0 && node.children[i - 1].text !== undefined) out += "<!---->";
    out += nodeToHtml(child);
  }
  return out;
}

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

/**
 * Checks the model's bookkeeping: every node reachable from the root with an id is in the id
 * map (and under its own id), every node in the map is reachable, and parent links are right.
 */
export function checkModel(model: Model): void {
  const seen = new Set<number>();
  const walk = (node: ModelNode): void => {
    if (node.id !== -1) {
      if (seen.has(node.id)) throw new Error(`id ${node.id} appears twice`);
      seen.add(node.id);
      if (model.nodes.get(node.id) !== node) throw new Error(`node ${node.id} is not addressable`);
    }
    for (const child of node.children) {
      if (child.parent !== node) throw new Error(`node ${child.id} has a wrong parent link`);
      walk(child);
    }
  };
  walk(model.root);
  for (const id of model.nodes.keys()) if (!seen.has(id)) throw new Error(`id ${id} is in the map but not on the page`);
}

/** The ids of an element's children, in order (-1 for nodes inside static subtrees). */
export function childIds(model: Model, id: number = ROOT_ID): number[] {
  return element(model, id).children.map((c) => c.id);
}

/**
 * Checks that the server's live tree and the model agree on ids: under every element of the
 * live tree (fragments and components flattened), the model element with the same id has
 * children with the same ids, in the same order, and each is of the same kind (same text,
 * same tag, raw for raw HTML).
 */
export function checkMirror(root: LiveNode, model: Model): void {
  const walk = (live: LiveNode): void => {
    const v = live.vnode;
    if (typeof v === "string") {
      const node = addressable(model, live.id);
      if (node.text !== v) throw new Error(`node ${live.id}: server has text ${JSON.stringify(v)}, model ${JSON.stringify(node.text)}`);
      return;
    }
    if (live.id !== 0 && live !== root) {
      const node = addressable(model, live.id);
      const kind = typeof v.type === "string" ? v.type : undefined;
      if (kind !== undefined ? node.tag !== kind : node.raw === undefined) throw new Error(`node ${live.id} is of another kind in the model`);
    }
    const text = soleText(live);
    if (text !== null) {
      // An element's sole text: the page has one text node, the element's id + 1, with that text.
      const ids = childIds(model, live.id);
      if (ids.length !== 1 || ids[0] !== live.id + 1 || addressable(model, ids[0]).text !== text) {
        throw new Error(`node ${live.id}: the model's children [${ids.join()}] are not its sole text ${JSON.stringify(text)} at id ${live.id + 1}`);
      }
      return;
    }
    const size = shapedSize(live);
    if (size > 0) {
      // A shaped element: no live nodes below it; the page has its nodes, numbered in pre-order from its id.
      const ids: number[] = [];
      const collect = (node: ModelNode): void => {
        if (node.id !== -1) ids.push(node.id);
        for (const child of node.children) collect(child);
      };
      collect(addressable(model, live.id));
      const expected = Array.from({ length: size }, (_, i) => live.id + i);
      if (ids.join() !== expected.join()) throw new Error(`shaped element ${live.id}: the model has ids [${ids.join()}], expected [${expected.join()}]`);
      return;
    }
    if (holdsStaticContent(live)) {
      // Static children have no live nodes; the page still has one node (and id) for each.
      if (v.flags & VNodeFlags.StaticChildren && childIds(model, live.id).length !== v.children.length) {
        throw new Error(`node ${live.id}: the model has ${childIds(model, live.id).length} children, the template ${v.children.length}`);
      }
      return;
    }
    if (live.id !== 0 || live === root) {
      const expected: number[] = [];
      for (const child of childList(live)) collectDomIds(child, expected);
      const actual = childIds(model, live.id);
      if (expected.join() !== actual.join()) {
        throw new Error(`children of ${live.id}: server has [${expected.join()}], model has [${actual.join()}]`);
      }
    }
    for (const child of childList(live)) walk(child);
  };
  walk(root);
}

/** A live node's child nodes: none for text, static parts and an element's sole text. */
export function liveChildren(live: LiveNode): LiveNode[] {
  return childList(live);
}

/**
 * How a live node stores its children (a node, an array, a sole text or null), for the tests
 * that pin that memory layout. Outside live-node.ts, src/ never reads it (test/diff/sealed.test.ts).
 */
export function storedChildren(live: LiveNode): unknown {
  return (live as LiveNode & { children: unknown }).children;
}

/** A LiveTree and the model of the browser that receives its ops, checked after every batch. */
export interface Mirrored {
  tree: LiveTree;
  model: Model;
  /** Renders, applies the ops to the model, checks it; returns the ops. */
  render(content: Renderable): PatchOp[];
  /** Flushes pending component renders the same way. */
  flush(): PatchOp[];
  html(): string;
}

export function mirrored(options?: LiveTreeOptions): Mirrored {
  const tree = new LiveTree(options);
  tree.countWork();
  const model = createModel();
  const apply = (ops: PatchOp[]): PatchOp[] => {
    applyOps(model, ops);
    checkModel(model);
    checkMirror(tree.root, model);
    return ops;
  };
  return {
    tree,
    model,
    render: (content) => apply(tree.render(content)),
    flush: () => apply(tree.flush()),
    html: () => toHtml(model),
  };
}

/** The canonical HTML of `content` rendered from scratch into a new tree and an empty model. */
export function freshHtml(content: Renderable): string {
  const fresh = mirrored();
  fresh.render(content);
  return fresh.html();
}
