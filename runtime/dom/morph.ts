import morphdomModule from "morphdom";
import { Directive, EVENT_PREFIX, TreeKind, type ElementTree, type Tree } from "../../src/protocol/wire.js";
import { buildInto, parseHtml, setProps, type BuildContext } from "./build.js";
import { childContainer, type NodeRegistry, type TrackedNode } from "./nodes.js";
import { moveNode } from "./move.js";

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
type Morph = (from: Element, to: Element, options: {
  childrenOnly?: boolean;
  onBeforeElUpdated?: (from: Element, to: Element) => boolean;
  onBeforeElChildrenUpdated?: (from: Element, to: Element) => boolean;
}) => void;

// morphdom's type declarations are CommonJS-shaped; the bundle gets its ES default export.
const morphdom = morphdomModule as unknown as Morph;

/**
 * Makes the page show the server's tree (invariant 1, "The live DOM mirrors the server's tree
 * exactly" in ARCHITECTURE.md). The server-rendered HTML was only a first paint, and the parser
 * may have changed it (a <tbody> inserted, a <p> closed early). So the DOM is built from the tree
 * data, the page is morphed onto it (morphdom: nodes that match are kept, so focus, selection,
 * scroll and typed input stay), and then the ids are assigned by walking the tree data beside the
 * final DOM. Returns the form controls whose value the user had changed (kept as typed).
 */
export function mountTree(root: Element, trees: readonly Tree[], firstId: number, nodes: NodeRegistry, ctx: BuildContext, firstMount = true): Set<Element> {
  const target = root.cloneNode(false) as Element;
  buildInto(target, trees, 0, { ...ctx, nodes: null, nextId: firstId }, false);

  const edited = new Map<Control, ControlState>();
  morphdom(root, target, {
    childrenOnly: true,
    onBeforeElUpdated(from, to) {
      if (from.hasAttribute(Directive.Ignore) && to.hasAttribute(Directive.Ignore)) return false;
      if (isControl(from) && isUserEdited(from, firstMount)) edited.set(from, saveControl(from));
      if (from.nodeName === "TEMPLATE") (from as HTMLTemplateElement).content.replaceChildren((to as HTMLTemplateElement).content);
      return true;
    },
    onBeforeElChildrenUpdated(from, to) {
      if (from.nodeName === "TABLE") unwrapImplicitTbody(from, to);
      return true;
    },
  });

  nodes.clear();
  register(root, trees, firstId, nodes, ctx, edited);
  for (const [control, state] of edited) restoreControl(control, state);
  return new Set(edited.keys());
}

/** Walks encoded trees beside the DOM they produced, registering ids and event bindings. */
function register(parent: Node, trees: ReadonlyArray<unknown>, firstId: number, nodes: NodeRegistry, ctx: BuildContext, edited: Map<Control, ControlState>, start = 0): number {
  let id = firstId;
  let dom = childContainer(parent).firstChild as TrackedNode | null;
  for (let i = start; i < trees.length; i++) {
    const tree = trees[i] as Tree;
    if (dom === null) throw new Error("Tether: the page does not match the server's tree after mounting");
    nodes.set(id++, dom);
    if (typeof tree === "string") {
      dom = dom.nextSibling;
    } else if (tree[0] === TreeKind.Raw) {
      // The HTML's own nodes follow the anchor comment; re-parsing tells how many there are.
      const count = parseHtml(tree[1] as string).length;
      const raw: Node[] = [];
      let next = dom.nextSibling;
      for (let k = 0; k < count && next !== null; k++, next = next.nextSibling) raw.push(next);
      dom.$raw = raw;
      dom = next as TrackedNode | null;
    } else if (typeof tree[0] === "number") {
      dom = dom.nextSibling; // a static subtree: only its root has an id
    } else {
      const el = dom as TrackedNode & Element;
      const attrs = (tree as ElementTree)[1];
      el.$ev = undefined;
      if (attrs !== 0) {
        for (const name in attrs) {
          if (name[0] === EVENT_PREFIX) {
            (el.$ev ||= {})[name.slice(1)] = 1;
            ctx.listen(name.slice(1));
          }
        }
        if (!edited.has(el as unknown as Control)) setProps(el, attrs);
      }
      if (!(attrs !== 0 && attrs[Directive.Ignore] !== undefined && el.hasAttribute(Directive.Ignore))) {
        id = register(el, tree, id, nodes, ctx, edited, 2);
      } else {
        id += countIds(tree, 2);
      }
      dom = dom.nextSibling;
    }
  }
  return id;
}

/** Ids a subtree's children consume, for regions the page owns (their DOM is not walked). */
function countIds(trees: ReadonlyArray<unknown>, start: number): number {
  let n = 0;
  for (let i = start; i < trees.length; i++) {
    const t = trees[i] as Tree;
    n++;
    if (typeof t !== "string" && typeof t[0] === "string") n += countIds(t, 2);
  }
  return n;
}

/**
 * The parser put the first paint's rows in a <tbody> the server's tree does not have. Move the
 * rows up into the table before morphing, so they are matched (with any input the user typed
 * in them) rather than replaced along with the <tbody>.
 */
function unwrapImplicitTbody(from: Element, to: Element): void {
  let wantsRows = false;
  for (let c = to.firstElementChild; c !== null; c = c.nextElementSibling) if (c.nodeName === "TR") wantsRows = true;
  if (!wantsRows) return;
  for (let c = from.firstElementChild; c !== null; ) {
    const next = c.nextElementSibling;
    if (c.nodeName === "TBODY" && c.attributes.length === 0) {
      while (c.firstChild !== null) moveNode(from, c.firstChild, c);
      c.remove();
    }
    c = next;
  }
}

function isControl(el: Element): el is Control {
  const n = el.nodeName;
  return n === "INPUT" || n === "TEXTAREA" || n === "SELECT";
}

/**
 * Whether the user has changed a control (since the server last set it), or is in it now.
 * Before the first mount the runtime saw no events: then the HTML's value attribute tells.
 */
function isUserEdited(el: Control, firstMount: boolean): boolean {
  if (el === document.activeElement || (el as TrackedNode).$edited === true) return true;
  if (!firstMount) return false;
  if (el.nodeName === "SELECT") {
    const options = (el as HTMLSelectElement).options;
    for (let i = 0; i < options.length; i++) if (options[i].selected !== options[i].defaultSelected) return true;
    return false;
  }
  const input = el as HTMLInputElement;
  if (input.type === "checkbox" || input.type === "radio") return input.checked !== input.defaultChecked;
  return input.value !== input.defaultValue;
}

interface ControlState {
  value: string;
  checked: boolean;
  selected: boolean[] | null;
  selectionStart: number | null;
  selectionEnd: number | null;
}

function saveControl(el: Control): ControlState {
  const input = el as HTMLInputElement;
  let selectionStart: number | null = null;
  let selectionEnd: number | null = null;
  try {
    selectionStart = input.selectionStart;
    selectionEnd = input.selectionEnd;
  } catch {
    // Some input types (checkbox, number) have no text selection.
  }
  return {
    value: el.value,
    checked: el.nodeName === "INPUT" ? input.checked : false,
    selected: el.nodeName === "SELECT" ? Array.from((el as HTMLSelectElement).options, (o) => o.selected) : null,
    selectionStart,
    selectionEnd,
  };
}

function restoreControl(el: Control, state: ControlState): void {
  if (state.selected !== null) {
    const options = (el as HTMLSelectElement).options;
    for (let i = 0; i < options.length && i < state.selected.length; i++) options[i].selected = state.selected[i];
    return;
  }
  const input = el as HTMLInputElement;
  if (input.type === "checkbox" || input.type === "radio") input.checked = state.checked;
  else if (el.value !== state.value) {
    el.value = state.value;
    if (state.selectionStart !== null && el === document.activeElement) {
      try {
        input.setSelectionRange(state.selectionStart, state.selectionEnd);
      } catch {
        // Not a text control.
      }
    }
  }
}
