import { ROOT_ID, type PatchOp, type Tree } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import { createVNode, normalizeChildren, type Renderable, type VNode } from "../vnode/vnode.js";
import { diffChildren } from "./children.js";
import { childAt, childCount, clearChildren, createLiveNode, ownerOf, domParentId, firstDomId, isSoleContent, nextDomSiblingId, type LiveNode } from "./live-node.js";
import { createChildren } from "./create.js";
import { encodeLive } from "./encode.js";
import { HandlerTargets } from "./handler-targets.js";
import { componentName, renderComponent } from "./render-component.js";
import { clearContent, runUnmountHooks, unmountNode } from "./unmount.js";
import { showsNoRows } from "./rows.js";

/** Counters of diff work, for tests that pin how much an update costs (never timings). */
export interface DiffStats {
  /** Nodes compared that were not skipped by identity. */
  compared: number;
  /** Components and LiveList rows rendered. */
  rendered: number;
  /** Nodes created. */
  created: number;
  /** Rows created or updated from their values (template/flat.ts), without their vnodes. */
  fromValues: number;
  /** Rows rendered as values that had to be built as vnodes after all. */
  expanded: number;
}

/**
 * What a tree reports to. A LiveSession passes itself (no closures per session: an idle
 * session's memory is what lets one process hold many thousands of them).
 */
export interface LiveTreeOptions {
  /** Called when a component's render, hook or constructor throws. */
  onError?(error: unknown, where: string): void;
  /** Called when some component changed state and a flush is due. */
  onInvalidate?(): void;
  /** Passed to components as their session. */
  readonly session?: unknown;
}

const STANDALONE: LiveTreeOptions = {};

const ROOT_VNODE = createVNode(VNodeFlags.Element, "div", null, {}, [], null);

/**
 * Render passes one flush may take before it stops. A pass re-renders what the one before it
 * invalidated (state a new child's `mount()` set, say); a component that sets state in
 * its own render invalidates itself every pass, forever, and would block every session of the
 * process. No honest cascade is this deep.
 */
export const MAX_RENDER_PASSES = 100;

/**
 * The error a tree reports when it stops a render loop (MAX_RENDER_PASSES). No component threw:
 * the page shows what they rendered last.
 */
export class RenderLoopError extends Error {
  override name = "RenderLoopError";
}

/** The ops of a render that has none yet: shared, never written (LiveTree.op replaces it). */
const NO_OPS: PatchOp[] = Object.freeze([]) as unknown as PatchOp[];

/**
 * The rendered tree of one session: the live nodes, the ids the browser knows them by, the
 * handlers it may trigger, and the ops of the render in progress.
 */
export class LiveTree {
  readonly root: LiveNode = createLiveNode(ROOT_ID, ROOT_VNODE, null);
  nextId = ROOT_ID + 1;
  /** The ops of the render in progress (add them with `op`). */
  ops: PatchOp[] = NO_OPS;
  /**
   * The static subtree ids this connection already has, as bits: ids 0–31 (the first static
   * subtrees the process encoded, usually parts that every page shares) in a small integer,
   * no array; the others in words (null: none yet).
   */
  private firstStatics = 0;
  private moreStatics: number[] | null = null;
  /**
   * Elements that were rendered with an event handler, by id: the only targets an event may
   * name. Dispatch still checks the element's current props, so one that lost its handlers is refused.
   */
  readonly handlers = new HandlerTargets();
  /**
   * Promises of async `mount()` hooks, collected while the first paint waits for them (see
   * LiveSession.ready). Made on first use, like the session's other collections.
   */
  pendingMounts: Promise<void>[] | null = null;
  /**
   * False once nothing waits for mounts any more: a component mounted later re-renders when its
   * hook settles, and its promise is not kept (a session would otherwise collect one per
   * component for as long as it lives).
   */
  collectsMounts = true;
  /**
   * True once a tab has the tree: a component added from then on gets its `connected()` call
   * after the flush that adds it (see connected.ts). The session sets it at each Mount.
   */
  connects = false;
  /** Components added while `connects`, waiting for their `connected()` call (null: none). */
  connecting: LiveNode[] | null = null;
  unmounted: LiveNode[] | null = null;
  /** The children of elements a Clear emptied, waiting for `settle` (null: none). */
  private dropped: LiveNode[][] | null = null;
  /**
   * Saved component states the components created from now on take, in order (a session
   * restored from its snapshot, see diff/snapshot.ts); null once done, or never.
   */
  restoring: ReadonlyArray<readonly [string, unknown]> | null = null;
  restored = 0;
  /**
   * The page builds shapes (the `tether-lists` script is loaded): new elements of template sites
   * are sent as shapes and values (shapes.ts). Else as trees, which every page builds.
   */
  shapes = false;
  /** A LiveList has been shown (the page server loads `tether-lists` for it by default). */
  hasLists = false;
  /** Counters of diff work, once `countWork` started them (null: not counted, the default). */
  stats: DiffStats | null = null;
  /** Components waiting to re-render (null: none, the state of an idle session). */
  private dirty: LiveNode[] | null = null;
  private endOwner: LiveNode | null = null;
  private endId = -1;
  private readonly owner: LiveTreeOptions;

  constructor(owner: LiveTreeOptions = STANDALONE) {
    this.owner = owner;
    clearChildren(this.root);
  }

  /** Counts diff work from now on, from zero (for tests); returns the counters. */
  countWork(): DiffStats {
    return (this.stats = { compared: 0, rendered: 0, created: 0, fromValues: 0, expanded: 0 });
  }

  get session(): unknown {
    return this.owner.session;
  }

  /**
   * Renders `content` into an empty tree without encoding it: a first paint, which the page gets
   * as HTML (to-html.ts) and the tab as a tree when it joins (`encode`). Changes made while
   * mounting (state set in a constructor or `mount()`) are rendered too; their ops are dropped.
   */
  paint(content: Renderable): void {
    createChildren(this, this.root, normalizeChildren([content]), null);
    this.flush();
  }

  /** Renders `content` as the whole content of the root; returns the ops. `settle`: see flush. */
  render(content: Renderable, settle = true): PatchOp[] {
    diffChildren(this, this.root, ROOT_ID, normalizeChildren([content]), 0);
    return this.flush(settle);
  }

  ownerOf(live: LiveNode): object | null {
    return ownerOf(live)?.instance ?? null;
  }

  /** Marks a component for re-rendering at the next flush. */
  invalidate(live: LiveNode): void {
    if (live.dirty || live.instance?.unmounted) return;
    live.dirty = true;
    if (this.dirty === null) this.dirty = [live]; // sized to fit, as `op` does
    else this.dirty.push(live);
    this.owner.onInvalidate?.();
  }

  /** True if some component waits to be re-rendered. */
  get isDirty(): boolean {
    return this.dirty !== null;
  }

  /**
   * Re-renders every component whose state changed, parents before children (a parent's
   * render may re-render or remove the child), and returns the ops of all of it as one batch.
   * Then, unless `settle` is false, unmounts what it removed (see `settle`): a session sends
   * the batch first and settles after.
   */
  flush(settle = true): PatchOp[] {
    for (let passes = 0; this.dirty !== null; passes++) {
      if (passes === MAX_RENDER_PASSES) {
        this.stopRendering(this.dirty);
        break;
      }
      const list = this.dirty;
      this.dirty = null;
      if (list.length > 1) sortByDepth(list);
      for (let i = 0; i < list.length; i++) {
        const live = list[i];
        if (!live.dirty || live.instance?.unmounted) continue;
        const rendered = renderComponent(this, live);
        if (rendered === null) continue;
        if (rendersNothing(rendered) && this.clearsElement(live, rendered)) continue;
        this.endOwner = live;
        this.endId = -1;
        diffChildren(this, live, domParentId(live), rendered, -1);
        this.endOwner = null;
      }
    }
    if (settle) this.settle();
    const ops = this.ops;
    this.ops = NO_OPS;
    return ops;
  }

  /**
   * Ends what the last flush removed: the contents a Clear dropped whole are unmounted now (their
   * handlers forgotten, their components' subscriptions ended), then every removed component's
   * `unmount` hook runs. A session calls it right after sending the flush's patch, before it
   * reads another message, so the page gets a cleared list's patch without waiting for a walk
   * of every row it had, and nothing can reach the dropped nodes meanwhile.
   */
  settle(): void {
    const dropped = this.dropped;
    if (dropped !== null) {
      this.dropped = null;
      for (let i = 0; i < dropped.length; i++) {
        const list = dropped[i];
        for (let k = 0; k < list.length; k++) unmountNode(this, list[k]);
      }
    }
    runUnmountHooks(this);
  }

  /** Keeps a Clear's removed children for `settle` (unmount.ts clearContent). */
  dropLater(children: LiveNode[]): void {
    if (this.dropped === null) this.dropped = [children];
    else this.dropped.push(children);
  }

  /**
   * Ends a render loop (see MAX_RENDER_PASSES): the components still dirty are left as they
   * last rendered, and reported by name. The session goes on; they render again when
   * something else invalidates them.
   */
  private stopRendering(list: LiveNode[]): void {
    this.dirty = null;
    const names = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      list[i].dirty = false;
      names.add(componentName(list[i].vnode as VNode));
    }
    const which = [...names].join(", ");
    this.reportError(new RenderLoopError(`${which} kept re-rendering (state set during render?): stopped after ${MAX_RENDER_PASSES} passes`), `rendering ${which}`);
  }

  /**
   * Adds an op to the render in progress. The first gets an array of its own size: most
   * renders make one op, and an array grown by push from empty takes room for 17.
   */
  op(op: PatchOp): void {
    if (this.ops === NO_OPS) this.ops = [op];
    else this.ops.push(op);
  }

  /**
   * A component re-rendering on its own that empties all of its element's content (a LiveList
   * cleared in its table): one Clear op, instead of a Remove for every row. Safe here because
   * nothing above the component is being diffed, so "its element's only content" cannot change.
   */
  private clearsElement(live: LiveNode, rendered: ReadonlyArray<VNode | string>): boolean {
    if (firstDomId(live) === 0 || !isSoleContent(live)) return false;
    clearContent(this, live, domParentId(live));
    diffChildren(this, live, domParentId(live), rendered, 0); // the empty fragments, for later renders to fill
    return true;
  }

  /**
   * Resolves the "end of range not yet known" marker (-1) that a component re-rendering on its
   * own starts with. Computed only when an op needs it, because finding a node's next sibling
   * costs a scan of its siblings and most re-renders never insert at their end.
   */
  resolveEnd(end: number): number {
    if (end !== -1) return end;
    if (this.endId === -1) this.endId = this.endOwner === null ? 0 : nextDomSiblingId(this.endOwner);
    return this.endId;
  }

  /** The whole tree for a browser that has none of it: fresh ids, statics sent anew. */
  encode(): { firstId: number; trees: Tree[] } {
    this.nextId = ROOT_ID + 1;
    this.firstStatics = 0;
    this.moreStatics = null;
    this.handlers.clear();
    const trees: Tree[] = [];
    for (let i = 0, n = childCount(this.root); i < n; i++) encodeLive(this, childAt(this.root, i), trees);
    return { firstId: ROOT_ID + 1, trees };
  }

  /** Unmounts everything: the session ended. */
  destroy(): void {
    for (let i = 0, n = childCount(this.root); i < n; i++) unmountNode(this, childAt(this.root, i));
    clearChildren(this.root);
    this.dirty = null;
    this.settle();
  }

  /**
   * True the first time this session's page needs static subtree or shape `sid`, which is then
   * recorded as sent (the caller sends its definition); false once the page has it (a reference).
   */
  firstSend(sid: number): boolean {
    if (this.hasStatic(sid)) return false;
    this.addStatic(sid);
    return true;
  }

  hasStatic(sid: number): boolean {
    if (sid < 32) return (this.firstStatics & (1 << sid)) !== 0;
    const word = this.moreStatics?.[(sid >>> 5) - 1];
    return word !== undefined && (word & (1 << (sid & 31))) !== 0;
  }

  addStatic(sid: number): void {
    if (sid < 32) {
      this.firstStatics |= 1 << sid;
      return;
    }
    const word = (sid >>> 5) - 1;
    let bits = this.moreStatics;
    if (bits === null || bits.length <= word) {
      // Grown to its size, not by push (which would keep room for 17 words).
      const grown: number[] = new Array(word + 1).fill(0);
      if (bits !== null) for (let i = 0; i < bits.length; i++) grown[i] = bits[i];
      this.moreStatics = bits = grown;
    }
    bits[word] |= 1 << (sid & 31);
  }

  reportError(error: unknown, where: string): void {
    if (this.owner.onError) this.owner.onError(error, where);
    else console.error(`[tether] error in ${where}:`, error);
  }
}

/** True if rendered content has no DOM node at all (empty fragments and holes only). */
function rendersNothing(children: ReadonlyArray<VNode | string>): boolean {
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (typeof c === "string" || !(c.flags & VNodeFlags.Fragment)) return false;
    if (c.flags & VNodeFlags.Rows ? !showsNoRows(c) : !rendersNothing(c.children)) return false;
  }
  return true;
}

function depth(live: LiveNode): number {
  let d = 0;
  for (let p = live.parent; p !== null; p = p.parent) d++;
  return d;
}

function sortByDepth(list: LiveNode[]): void {
  const depths = new Map<LiveNode, number>();
  for (const live of list) depths.set(live, depth(live));
  list.sort((a, b) => depths.get(a)! - depths.get(b)!);
}
