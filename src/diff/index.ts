/**
 * The diff: a session's live tree, and how each render of it becomes patch ops. Other layers
 * import it from here only.
 *
 * In: vnodes (src/vnode/), the output of components' render(). Out: PatchOps
 * (src/protocol/wire.ts) for the browser, which addresses nodes by ids it numbers itself in
 * the same order as the server (ids.ts), so no op and no tree carries a path.
 *
 * The data
 *   LiveTree      live-tree.ts   One per session: the root live node, the next id, the static
 *                                subtrees the tab already has, the handler targets
 *                                (handler-targets.ts), the components waiting to re-render and
 *                                the ops of the render in progress.
 *   LiveNode      live-node.ts   One per node the diff may touch, with the id the browser knows
 *                                it by; fragments and components have one too (id 0). Its
 *                                children are sealed: only live-node.ts reads the field.
 *   kept vnodes   kept-vnode.ts  What a live element keeps of its last render: one vnode per
 *                                template site, shared by every session, without children.
 *
 * The phases, as a render meets them
 *   render, flush      live-tree.ts         The ways in: diff the root's content; re-render the
 *                                           components whose state changed, parents first.
 *   component render   render-component.ts  A component's instance and mount hook, its render()
 *                                           (to normalized vnodes), and the props test that skips it.
 *   keyed children     children.ts          Match old and new children (by key, else by kind),
 *                                           remove the unmatched, then update, move (fewest moves:
 *                                           lis.ts) and create, from the last child to the first.
 *   list rows          rows.ts              A LiveList's rows: a live node per row and no component,
 *                                           the items they show kept by position; rows of changed
 *                                           keys render again alone, a reorder is diffed by key.
 *   update             update.ts            A kept node shows a new vnode of its kind (sameKind):
 *                                           its text, its props, its children.
 *   props              props.ts             Old props against new: SetAttr, RemoveAttr, SetProp;
 *                                           which props are handlers and DOM properties.
 *   create             create.ts            Live nodes for new vnodes, encoded as a Create op's
 *                                           trees (or not encoded: a first paint, LiveTree.paint).
 *   shapes             shapes.ts            New elements of template sites as a shape sent once and
 *                                           their holes' values (a list's rows), on pages that build
 *                                           them (LiveTree.shapes); a row rendered as its values
 *                                           (a ValuesVNode, template/flat.ts) made from them directly.
 *   shaped elements    shaped.ts            Such an element kept as its values, one live node, not
 *                      shape-layout.ts      one per node below it; compared by its values; made
 *                      shaped-content.ts    into live nodes when anything else needs them.
 *   ids                ids.ts               The one numbering every walk uses: pre-order, as the
 *                                           browser builds a Create's trees.
 *   encode             encode.ts            The wire form of live nodes (Tree); a whole live tree
 *                                           again with fresh ids for a new connection (LiveTree.encode).
 *   controlled inputs  controlled.ts        An event's value, checked state or form fields become
 *                                           the element's props in its live vnode, so the next
 *                                           render diffs against what the page shows.
 *   unmount            unmount.ts           Remove and Clear ops; forgets a subtree's handlers
 *                                           and runs its components' unmount hooks.
 *   connected          connected.ts         The connected() hooks: every component's after a
 *                                           Mount, a new component's after the flush that adds it.
 *   snapshot           snapshot.ts          A tree's component states in pre-order, and a new
 *                                           tree's components taking them back as they are created.
 *   swap               swap.ts              `tether dev`: live components moved onto the new
 *                                           version of their code (component/versions.ts).
 *   inspect            inspect.ts           Development: the components with their props and
 *                                           state, summarized for the devtools.
 *
 * The first paint's HTML is written from a live tree by src/html/, through the readers below.
 */
export { LiveTree, MAX_RENDER_PASSES, RenderLoopError, type DiffStats, type LiveTreeOptions } from "./live-tree.js";
export type { LiveNode } from "./live-node.js";

// `tether dev` (src/dev/): a swap of components whose code changed, keeping their state.
export { showsComponentOf, swapComponents } from "./swap.js";

// The devtools (src/session/session-inspector.ts), development only: the components and their state.
export { inspectTree, type Inspection } from "./inspect.js";

// Event dispatch (src/session/): the element an event names, the handler it has now, and the component it belongs to.
export { handlerTarget } from "./shaped.js";
export { findHandler } from "./props.js";
export { ownerOf } from "./live-node.js";
export { componentName } from "./render-component.js";
export { runConnectedHooks, runNewConnectedHooks } from "./connected.js";
// Controlled inputs: an event's value becomes what the live tree says the page shows.
export { recordInput } from "./controlled.js";

// Session snapshots (src/server/session-snapshots.ts): what a tree's components keep.
export { snapshotTree, type SavedComponent, type RestoredSession } from "./snapshot.js";

// Reading a live tree (src/html/, and tests that check one against the page).
export { childAt, childCount, childList, collectDomIds, holdsStaticContent, soleText } from "./live-node.js";
export { shapedSize, shapedVNode } from "./shaped.js";
export { attrText, eventTypeOf, isDomProp } from "./props.js";
