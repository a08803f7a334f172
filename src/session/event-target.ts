import { componentName, findHandler, handlerTarget, ownerOf, recordInput, type LiveNode, type LiveTree } from "../diff/index.js";
import { ErrorCodes, type ErrorCode, type EventData } from "../protocol/wire.js";
import type { VNode } from "../vnode/vnode.js";
import { createLiveEvent } from "./live-event.js";

/** Server code run for the page (an event's handler, a bound call), and its name if it fails. */
export interface HandlerCall {
  run(): unknown;
  /** Names the handler in error reports: built only when one fails, never for every event. */
  describe(): string;
}

/**
 * A browser event on its way to the handler the named element has *now* for the event's type
 * (an element no longer rendered, or no longer handling that type, refuses it), called with
 * the component that rendered the element as `this`. One object per event, no closures.
 */
export class EventCall implements HandlerCall {
  readonly handler: (...args: unknown[]) => unknown;
  /** The element's vnode: its props give the event's `data`. */
  readonly vnode: VNode;
  /** The component that rendered the element, or null for a page rendered without one. */
  readonly owner: LiveNode | null;
  readonly type: string;
  readonly data: EventData;

  constructor(handler: (...args: unknown[]) => unknown, vnode: VNode, owner: LiveNode | null, type: string, data: EventData) {
    this.handler = handler;
    this.vnode = vnode;
    this.owner = owner;
    this.type = type;
    this.data = data;
  }

  run(): unknown {
    return this.handler.call(this.owner?.instance ?? undefined, createLiveEvent(this.type, this.data, this.vnode.props));
  }

  describe(): string {
    return `${this.owner ? componentName(this.owner.vnode as VNode) : "page"} ${this.type} handler on <${this.vnode.type as string}>`;
  }
}

export interface RefusedEvent {
  code: ErrorCode;
  message: string;
}

/**
 * What a blur of an element no longer rendered runs: nothing. A browser blurs the focused
 * element when a patch removes it (a form answered and replaced), after the removal, so the
 * page sends that blur for an id the server has just let go: an expected race, not an error.
 */
const BLUR_OF_REMOVED: HandlerCall = { run: () => undefined, describe: () => "the blur of an element the page removed" };

export function findEventTarget(tree: LiveTree, node: number, type: string, data: EventData): HandlerCall | RefusedEvent {
  const live = handlerTarget(tree, node);
  if (live === undefined && (type === "blur" || type === "focusout") && node < tree.nextId) return BLUR_OF_REMOVED;
  if (live === undefined) return { code: ErrorCodes.UnknownNode, message: `no element with id ${node} has event handlers on this page` };
  const vnode = live.vnode as VNode;
  const handler = findHandler(vnode.props, type);
  if (handler === undefined) return { code: ErrorCodes.NoHandler, message: `<${vnode.type as string}> has no "${type}" handler now` };
  // Before the handler: its render diffs against what the page shows (controlled.ts).
  recordInput(live, data);
  return new EventCall(handler, vnode, ownerOf(live), type, data);
}
