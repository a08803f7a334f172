import type { ShapeTree, TemplateValue } from "../protocol/wire.js";
import { Directive } from "../protocol/wire.js";
import { ClientDirective } from "../protocol/client-directives.js";
import { VNodeFlags } from "../vnode/flags.js";
import { createProps, createVNode, MAX_SIGNATURE, templateSiteOf, type Props, type TemplateSite, type VNode } from "../vnode/vnode.js";
import { attrText } from "./props.js";
import type { LiveNode } from "./live-node.js";
import type { LiveTree } from "./live-tree.js";

/**
 * What every element of a shape has (shapes.ts), read from its vnodes without a live tree: its
 * signature, and its layout (where each hole's node is, what is constant), by which a shaped
 * element (shaped.ts) is kept as its values, compared by them and rebuilt from them.
 */

/** One shape of a site: the signature it is for, its id, and its tree (null: the site cannot have one). */
export interface Shape {
  readonly signature: number;
  readonly sid: number;
  readonly tree: ShapeTree | null;
  /** How many values an element of it has: elements that follow one another share one tree when it has any. */
  readonly holes: number;
  /** Where its holes are, for keeping its elements as their values; null if they are kept as live nodes (shaped.ts). */
  readonly layout: ShapeLayout | null;
  /**
   * With a layout: the vnode its unkeyed shaped elements keep. It says their kind (tag, flags,
   * site, key null), which is all that is read of a shaped element's vnode: its props and
   * children are its values' (rebuild). Shared by every session, so it holds no one's values.
   */
  readonly kept: VNode | null;
}

/**
 * Which kind of value each hole of `v`'s subtree holds, as the bits of a number (from 1): a prop
 * hole 1 for a handler, 0 for anything else (an attribute's value); a child hole 1 for text,
 * 0 for nothing (null, false, an empty list). -1 if a hole holds anything else, an element
 * below is not of the template, or a tag is a hole (`<${tag}>`: one site, several tags).
 *
 * The same walk reads the holes' raw values, in the shape's order (an element's prop holes,
 * then its children's text holes and elements, depth first): takeValues gives them, until the
 * next call. A row is walked once, to find its shape and to read its values.
 */
export function signatureOf(v: VNode, site: TemplateSite): number {
  readCount = 0;
  return signatureWalk(v, site, 1);
}

/** The values the last signatureOf read (its signature valid), in an array of their number; the scratch is emptied. */
export function takeValues(): unknown[] {
  const values = read.slice(0, readCount);
  dropValues();
  return values;
}

/** Empties what signatureOf read: no row's values (a session's handlers among them) stay reachable from here. */
export function dropValues(): void {
  read.fill(undefined, 0, readCount);
  readCount = 0;
}

// What signatureOf reads, reused from one call to the next.
const read: unknown[] = [];
let readCount = 0;

function signatureWalk(v: VNode, site: TemplateSite, signature: number): number {
  if (!site.fixedTag || typeof v.type !== "string") return -1;
  const holes = site.holeProps;
  const props = v.props;
  for (let i = 0; i < holes.length; i++) {
    const value = props[holes[i]];
    read[readCount++] = value;
    signature = signature * 2 + (typeof value === "function" ? 1 : 0);
  }
  if (v.flags & VNodeFlags.StaticChildren) return signature < MAX_SIGNATURE ? signature : -1;
  const children = v.children;
  const holeChildren = site.holeChildren;
  if (children.length !== holeChildren.length) return -1;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (holeChildren[i]) {
      if (typeof c === "string") {
        read[readCount++] = c;
        signature = signature * 2 + 1;
      } else if (c.flags & VNodeFlags.Fragment && c.children.length === 0) signature *= 2;
      else return -1;
    } else if (typeof c !== "string" && !(c.flags & VNodeFlags.Static)) {
      const childSite = (c.flags & VNodeFlags.Element) !== 0 ? templateSiteOf(c) : null;
      if (childSite === null) return -1;
      signature = signatureWalk(c, childSite, signature);
      if (signature < 0) return -1;
    }
  }
  return signature < MAX_SIGNATURE ? signature : -1;
}

/** What a hole holds, for every element of the shape. */
export const HoleKind = { Attr: 0, Handler: 1, Text: 2 } as const;
export type HoleKind = (typeof HoleKind)[keyof typeof HoleKind];

/** A text hole's value, as a child of a layout element: the index of the value. */
export class TextHole {
  readonly i: number;
  constructor(i: number) {
    this.i = i;
  }
}

/** An element of a layout: what every element of the shape has at that place. */
export class LayoutElement {
  declare readonly tag: string;
  declare readonly flags: number;
  declare readonly site: TemplateSite;
  /** The props when none is a hole (the site's shared object); else null, and propNames, propValues, propHoles. */
  declare readonly constantProps: Props | null;
  declare readonly propNames: readonly string[];
  /** Per name, its constant value (undefined for a hole)... */
  declare readonly propValues: readonly unknown[];
  /** ...and the index of its hole's value (-1 for a constant). */
  declare readonly propHoles: readonly number[];
  /** The index of its first prop hole's value, and how many it has. */
  declare readonly firstHole: number;
  declare readonly holeCount: number;
  /** Its children when they are template text (VNodeFlags.StaticChildren): the site's own array. */
  declare readonly staticChildren: ReadonlyArray<VNode | string> | null;
  /** Otherwise: constant text, text holes, static subtrees and empty holes as they are, elements. */
  declare readonly content: ReadonlyArray<string | TextHole | VNode | LayoutElement>;

  constructor(fields: Omit<LayoutElement, never>) {
    Object.assign(this, fields);
  }
}

/** Where every hole of a shape is and what it holds: made once per shape (layoutOf). */
export interface ShapeLayout {
  readonly root: LayoutElement;
  /** The ids an element of the shape takes: its own and those of every node below it. */
  readonly size: number;
  readonly kinds: readonly HoleKind[];
  /** Per hole: the prop's name ("" for a text hole). */
  readonly names: readonly string[];
  /** Per hole: the offset of its node's id from the shaped element's. */
  readonly offsets: readonly number[];
  /** The offsets of the elements that have handlers. */
  readonly handlers: readonly number[];
}

// Elements whose state is the user's: kept as live nodes, whose diff knows that state (controlled.ts).
const STATEFUL = new Set(["input", "textarea", "select", "option", "details", "dialog", "video", "audio", "iframe", "object", "embed", "canvas"]);
// Props by which an element's content or behaviour belongs to the page.
const PAGE_OWNED = new Set<string>([Directive.Ignore, ClientDirective.Hook, ClientDirective.Island, ClientDirective.Props, "contenteditable"]);

interface LayoutBuilder {
  id: number;
  kinds: HoleKind[];
  names: string[];
  offsets: number[];
  handlers: number[];
}

/** The layout of `v`'s shape (v the shape's first element), or null if such elements are not shaped. */
export function layoutOf(v: VNode, site: TemplateSite): ShapeLayout | null {
  const b: LayoutBuilder = { id: 0, kinds: [], names: [], offsets: [], handlers: [] };
  const root = layoutElement(v, site, b, true);
  if (root === null) return null;
  return { root, size: b.id, kinds: b.kinds, names: b.names, offsets: b.offsets, handlers: b.handlers };
}

/** Mirrors createShaped's walk (shaped.ts), whose ids and values it must give. */
function layoutElement(v: VNode, site: TemplateSite, b: LayoutBuilder, isRoot: boolean): LayoutElement | null {
  const tag = v.type as string;
  if (STATEFUL.has(tag) || (!isRoot && v.key !== null)) return null;
  const offset = b.id++;
  const props = v.props;
  for (const name in props) if (PAGE_OWNED.has(name)) return null;
  const holes = site.holeProps;
  const firstHole = b.kinds.length;
  let handlers = false;
  for (let i = 0; i < holes.length; i++) {
    const handler = typeof props[holes[i]] === "function";
    handlers ||= handler;
    addHole(b, handler ? HoleKind.Handler : HoleKind.Attr, holes[i], offset);
  }
  if (handlers) b.handlers.push(offset);
  const propNames: string[] = [];
  const propValues: unknown[] = [];
  const propHoles: number[] = [];
  if (holes.length > 0) {
    for (const name in props) {
      const hole = holes.indexOf(name);
      propNames.push(name);
      propValues.push(hole < 0 ? props[name] : undefined);
      propHoles.push(hole < 0 ? -1 : firstHole + hole);
    }
  }
  const content: Array<string | TextHole | VNode | LayoutElement> = [];
  const children = v.children;
  let staticChildren: ReadonlyArray<VNode | string> | null = null;
  if (v.flags & VNodeFlags.StaticChildren) {
    staticChildren = children;
    b.id += children.length;
  } else if (children.length === 1 && typeof children[0] === "string") {
    // Its sole text, whose id is the element's + 1 (soleTextId).
    const id = b.id++;
    content.push(site.holeChildren[0] ? textHole(b, id) : children[0]);
  } else {
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (typeof c === "string") {
        const id = b.id++;
        content.push(site.holeChildren[i] ? textHole(b, id) : c);
      } else if (!site.holeChildren[i] && (c.flags & (VNodeFlags.Element | VNodeFlags.Static)) === VNodeFlags.Element) {
        const child = layoutElement(c, templateSiteOf(c)!, b, false);
        if (child === null) return null;
        content.push(child);
      } else {
        // A static subtree (one id, none inside) or an empty hole (none).
        if (c.flags & VNodeFlags.Static) b.id++;
        content.push(c);
      }
    }
  }
  const constantProps = holes.length === 0 ? props : null;
  return new LayoutElement({ tag, flags: v.flags, site, constantProps, propNames, propValues, propHoles, firstHole, holeCount: holes.length, staticChildren, content });
}

function addHole(b: LayoutBuilder, kind: HoleKind, name: string, id: number): void {
  b.kinds.push(kind);
  b.names.push(name);
  b.offsets.push(id);
}

function textHole(b: LayoutBuilder, id: number): TextHole {
  addHole(b, HoleKind.Text, "", id);
  return new TextHole(b.kinds.length - 1);
}

/** The values the page fills a shape's element with, from the raw ones (as createShaped writes them). */
export function appendWireValues(layout: ShapeLayout, values: unknown[], wire: TemplateValue[]): void {
  const kinds = layout.kinds;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (kinds[i] === HoleKind.Text) wire.push(typeof value === "number" ? (Number.isFinite(value) ? value : String(value)) : textValue(value as string));
    else if (kinds[i] === HoleKind.Attr) wire.push(typeof value === "number" && Number.isFinite(value) ? value : attrText(value));
  }
}

/** The vnode an element of the layout stands for with these values: its props, children and key as rendered. */
export function rebuild(el: LayoutElement, values: unknown[], key: string | number | null): VNode {
  let props = el.constantProps;
  if (props === null) {
    props = createProps();
    for (let i = 0; i < el.propNames.length; i++) {
      const hole = el.propHoles[i];
      const value = hole < 0 ? el.propValues[i] : values[hole];
      if (value !== undefined) props[el.propNames[i]] = value;
    }
  }
  let children = el.staticChildren;
  if (children === null) {
    const content = el.content;
    const made: Array<VNode | string> = new Array(content.length);
    for (let i = 0; i < content.length; i++) {
      const c = content[i];
      made[i] = c instanceof TextHole ? textOf(values[c.i]) : c instanceof LayoutElement ? rebuild(c, values, null) : c;
    }
    children = made;
  }
  return createVNode(el.flags, el.tag, key, props, children, el.site);
}

/**
 * Registers the handlers of a shaped element's elements (HandlerTargets.addShaped: one entry
 * stands for each of its elements whose layout says it has handlers). Here beside the layout
 * that says which, so that encode.ts, unmount.ts and shaped.ts share them without a cycle.
 */
export function registerHandlers(tree: LiveTree, live: LiveNode, layout: ShapeLayout): void {
  if (layout.handlers.length > 0) tree.handlers.addShaped(live);
}

/** Forgets the handlers of a shaped element's elements (it left the page, or is being promoted). */
export function unregisterHandlers(tree: LiveTree, live: LiveNode, layout: ShapeLayout): void {
  if (layout.handlers.length > 0) tree.handlers.deleteShaped(live);
}

/**
 * A text hole's value as text. A row's values (template/flat.ts) keep a number as the number;
 * values read from vnodes (takeValues) are text already.
 */
export function textOf(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

/**
 * A text hole's value: text that is a number as JavaScript writes one (`${row.id}`) goes as
 * that number, two quotes shorter; the page writes it back as the same text.
 */
export function textValue(text: string): TemplateValue {
  const n = text.length;
  if (n === 0 || n > 15) return text;
  const first = text.charCodeAt(0);
  if (first < 0x30 || first > 0x39 || (first === 0x30 && n > 1)) return text;
  for (let i = 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return text;
  }
  return Number(text);
}
