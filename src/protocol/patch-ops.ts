/**
 * The wire's tree and patch encodings: op codes, encoded trees, and the directive attributes
 * the runtime reads. Part of the wire protocol (wire.ts re-exports all of it; import from there).
 */
/** Patch op codes, the first element of every op. */
export const Op = {
  /** `[Create, parentId, beforeId, firstId, trees]`: insert new nodes; ids are assigned in pre-order from firstId. */
  Create: 1,
  /** `[Remove, id]`: remove a node and everything below it. */
  Remove: 2,
  /** `[Move, id, parentId, beforeId]`: move an existing node (keeps its DOM identity and input state). */
  Move: 3,
  /** `[SetAttr, id, name, value]`; names starting with EVENT_PREFIX bind a delegated event instead. */
  SetAttr: 4,
  /** `[RemoveAttr, id, name]`: remove an attribute or an event binding. */
  RemoveAttr: 5,
  /** `[SetProp, id, name, value]`: a DOM property (`value`, `checked`, `selected`); null resets it. */
  SetProp: 6,
  /** `[SetText, id, text]`: a text node's text. */
  SetText: 7,
  /** `[Clear, parentId]`: remove every child. */
  Clear: 8,
} as const;

/** One op of a Patch message; each op code's doc says what its fields mean. */
export type PatchOp =
  | [op: typeof Op.Create, parentId: number, beforeId: number, firstId: number, trees: Tree[]]
  | [op: typeof Op.Remove, id: number]
  | [op: typeof Op.Move, id: number, parentId: number, beforeId: number]
  | [op: typeof Op.SetAttr, id: number, name: string, value: string | number]
  | [op: typeof Op.RemoveAttr, id: number, name: string]
  | [op: typeof Op.SetProp, id: number, name: string, value: string | boolean | null]
  | [op: typeof Op.SetText, id: number, text: string]
  | [op: typeof Op.Clear, parentId: number];

/** Ids: the page's root container is 0; `beforeId` 0 means "append". */
export const ROOT_ID = 0;

/** One DOM node and its subtree, as sent in Mount and Create. A string is a text node. */
export type Tree = string | ElementTree | RawTree | StaticDefTree | StaticRefTree | TemplateTree | TemplateDefTree;

/** `[tag, attrs, ...children]`: an element; `attrs` is 0 when it has none. */
export type ElementTree = [tag: string, attrs: EncodedAttrs | 0, ...children: Tree[]];

/** Attributes of an encoded element: strings, `.prop` values (PROP_PREFIX) and `@event` bindings (EVENT_PREFIX). */
export type EncodedAttrs = Record<string, string | boolean | number | null>;

/** Prefix of an event binding's name in an encoded element's attributes (and in SetAttr): `@click`. */
export const EVENT_PREFIX = "@";

/** Prefix of a DOM property's name in an encoded element's attributes: `.value`. */
export const PROP_PREFIX = ".";

/**
 * The DOM properties the runtime sets (a PROP_PREFIX entry, a SetProp op), and no other: no
 * name on the wire can set `innerHTML` or the like. Attribute names never begin with either
 * prefix (the server refuses them at render), so an attribute is never read as one of these.
 */
export const DOM_PROPERTIES: readonly string[] = ["value", "checked", "selected", "indeterminate"];

/** Marks in the first slot of an encoded tree that is not an element. */
export const TreeKind = {
  /** `[Raw, html]`: trusted HTML; one id (a comment anchor before the nodes). */
  Raw: 0,
  /** `[StaticDef, sid, tree]`: a static subtree (an element) sent once; one id (its root). */
  StaticDef: 1,
  /** `[StaticRef, sid]`: a clone of a static subtree sent before; one id. */
  StaticRef: 2,
  /**
   * `[Template, sid, values]`: elements built from a shape sent before (clones of it), their
   * holes filled from `values` (the rest of the tree) in order; each takes the ids its element would. A shape with n
   * holes makes one element per n values (one element if it has none): a list's rows in one tree.
   */
  Template: 3,
  /** `[TemplateDef, sid, shape, values]`: a shape's definition (kept under `sid`), and elements of it as Template's. */
  TemplateDef: 4,
} as const;

/** Trusted HTML: see TreeKind.Raw. */
export type RawTree = [kind: typeof TreeKind.Raw, html: string];
/** A static subtree's definition: see TreeKind.StaticDef. */
export type StaticDefTree = [kind: typeof TreeKind.StaticDef, sid: number, tree: ElementTree];
/** A clone of a static subtree: see TreeKind.StaticRef. */
export type StaticRefTree = [kind: typeof TreeKind.StaticRef, sid: number];

/** An element made from a shape: see TreeKind.Template. */
export type TemplateTree = [kind: typeof TreeKind.Template, sid: number, ...values: TemplateValues];
/** A shape's definition and its first element: see TreeKind.TemplateDef. */
export type TemplateDefTree = [kind: typeof TreeKind.TemplateDef, sid: number, shape: ShapeTree, ...values: TemplateValues];
/** The values of a shape's elements, in the order their holes are filled. */
export type TemplateValues = TemplateValue[];
/**
 * A hole's value: an attribute's text (a finite number stands for its text), a DOM property's
 * value, or a text node's text; null leaves an attribute out.
 */
export type TemplateValue = string | number | boolean | null;

/**
 * The elements of one template site, as the rows of a list share them: an element whose
 * attributes and children are either constant or holes. It takes the ids its element would
 * (pre-order: every element and text node, one for a static subtree's root). In `attrs`, a
 * hole's value is null (it takes the next value; null there leaves the attribute out) and an
 * event binding is present as in an ElementTree. A child is constant text, `""` (a text hole:
 * its text is the next value; constant text is never empty), a static subtree's definition
 * (StaticDefTree: one id, none inside), or an element's shape.
 */
export type ShapeTree = [tag: string, attrs: Record<string, string | boolean | number | null> | 0, ...children: ShapeChild[]];
/** A child of a ShapeTree. */
export type ShapeChild = string | StaticDefTree | ShapeTree;

/** Attribute names Tether's runtime reads (all start with `t-`). */
export const Directive = {
  /** Milliseconds to wait after the last event before sending it. */
  Debounce: "t-debounce",
  /** Send at most one event per this many milliseconds. */
  Throttle: "t-throttle",
  /** Only these keys (comma-separated `KeyboardEvent.key` values) trigger keydown/keyup. */
  Key: "t-key",
  /** The element's children belong to the page (a third-party widget): never patched. */
  Ignore: "t-ignore",
} as const;
