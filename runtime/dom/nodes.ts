/**
 * The browser's side of node identity: every node the server may address, by id. Patches
 * find nodes here, never by re-parsing HTML or by a path the parser could have shifted.
 */

/** Fields Tether keeps on DOM nodes it manages. */
export interface TrackedNode extends Node {
  /** The server's id for this node. */
  $id?: number;
  /** Event types with a server handler on this element. */
  $ev?: Record<string, 1>;
  /** For a raw-HTML anchor comment: the nodes of the HTML that follow it. */
  $raw?: Node[];
  /** Sequence number of the last event this element sent (for stale-echo protection). */
  $sent?: number;
  /** The user changed this control's value since the server last set it. */
  $edited?: boolean;
  /** Pending debounce/throttle state per event type. */
  $timers?: Record<string, { timer: number; trailing: boolean } | undefined>;
}

export class NodeRegistry {
  // Replaced, not emptied, by clear(): ids start again after it (a new Mount), and a forgetting
  // that was waiting (forgetCleared) then forgets from the map it was meant for.
  #nodes = new Map<number, TrackedNode>();
  readonly root: Element;

  constructor(root: Element) {
    this.root = root;
  }

  get(id: number): TrackedNode {
    const node = this.find(id);
    if (node === undefined) throw new Error(`Tether: no node with id ${id}`);
    return node;
  }

  /** The node with this id, or undefined. */
  find(id: number): TrackedNode | undefined {
    return id === 0 ? this.root : this.#nodes.get(id);
  }

  set(id: number, node: TrackedNode): void {
    node.$id = id;
    this.#nodes.set(id, node);
  }

  /** Forgets a node and every tracked node below it (they are leaving the page). */
  forget(node: TrackedNode): void {
    if (node.$id !== undefined) this.#nodes.delete(node.$id);
    const raw = node.$raw;
    if (raw !== undefined) for (let i = 0; i < raw.length; i++) this.forgetBelow(raw[i]);
    this.forgetBelow(node);
  }

  /**
   * Forgets these nodes, which an element's Clear took off the page. A long list of them (a
   * LiveList's rows: 10,000 are 70,000 ids, half a Clear's time) when the browser is idle, so
   * the page shows the emptied element first and what comes right after the frame (the user's
   * next input, a timer) runs before this walk; where there is no requestIdleCallback (Safari),
   * after the next frame. Their ids are never addressed again. If the page is built anew
   * meanwhile (clear()), the map they were in is gone already.
   */
  forgetCleared(gone: Node[]): void {
    const nodes = this.#nodes;
    const forget = () => nodes === this.#nodes && gone.forEach((node) => this.forget(node));
    if (gone.length < 64) forget();
    else if (typeof requestIdleCallback == "function") requestIdleCallback(forget);
    else requestAnimationFrame(() => setTimeout(forget));
  }

  /** Forgets every tracked node below `node`, not `node` itself. */
  forgetBelow(node: Node): void {
    const container = childContainer(node);
    for (let child = container.firstChild as TrackedNode | null; child !== null; child = child.nextSibling) {
      if (child.$id !== undefined) this.#nodes.delete(child.$id);
      if (child.firstChild !== null || child.nodeName === "TEMPLATE") this.forgetBelow(child);
    }
  }

  clear(): void {
    this.#nodes = new Map();
  }

  /** How many nodes are tracked (tests assert it does not leak). */
  get size(): number {
    return this.#nodes.size;
  }
}

/** Where an element's children live: a template's are in its content fragment. */
export function childContainer(node: Node): Node {
  return node.nodeName === "TEMPLATE" ? (node as HTMLTemplateElement).content : node;
}
