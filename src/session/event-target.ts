import { findHandler } from "../diff/props.js";
import { ownerOf, type LiveNode } from "../diff/live-node.js";
import { componentName } from "../diff/render-component.js";
import type { LiveTree } from "../diff/tree.js";
import { ErrorCodes, type ErrorCode } from "../protocol/wire.js";
import type { VNode } from "../vnode/vnode.js";

/**
 * Which server function a browser event reaches: the handler the named element has *now* for
 * the event's type (an element no longer rendered, or no longer handling that type, refuses
 * it), called with the component that rendered the element as `this`.
 */
export interface EventTarget {
  handler: (...args: unknown[]) => unknown;
  /** The element's vnode: its props give the event's `data`. */
  vnode: VNode;
  /** The component that rendered the element, or null for a page rendered without one. */
  owner: LiveNode | null;
}

export interface RefusedEvent {
  code: ErrorCode;
  message: string;
}

export function findEventTarget(tree: LiveTree, node: number, type: string): EventTarget | RefusedEvent {
  const live = tree.handlers.get(node);
  if (live === undefined) return { code: ErrorCodes.UnknownNode, message: `no element with id ${node} has event handlers on this page` };
  const vnode = live.vnode as VNode;
  const handler = findHandler(vnode.props, type);
  if (handler === undefined) return { code: ErrorCodes.NoHandler, message: `<${vnode.type as string}> has no "${type}" handler now` };
  return { handler, vnode, owner: ownerOf(live) };
}

/** Names the handler in error reports: built only when one fails, never for every event. */
export function describeTarget(target: EventTarget, type: string): string {
  return `${target.owner ? componentName(target.owner.vnode as VNode) : "page"} ${type} handler on <${target.vnode.type as string}>`;
}
