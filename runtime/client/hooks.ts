import { ClientDirective } from "../../src/protocol/client-directives.js";
import type { TetherPage } from "../page-api.js";
import { lookUp } from "./registry.js";
import type { Watcher } from "./watch.js";

/**
 * What a hook's callbacks see as `this`: its element, and the way to the server. Every callback
 * is optional; `this` also holds whatever the callbacks store on it.
 */
export interface HookContext {
  /** The element with `t-hook`. */
  readonly el: HTMLElement;
  /** Calls the server method bound with `session.bindCall(name, handler)`: resolves to what the handler returns. */
  pushEvent<T = unknown>(name: string, data?: unknown): Promise<T>;
  /** Runs `fn` on each `session.emit(name, payload)` while the element is on the page; returns an unsubscribe function. */
  handleEvent(name: string, fn: (payload: any) => void): () => void;
  /** What the callbacks keep on `this` (an observer, a chart): the hook's own, typed by it. */
  [own: string]: any;
}

/** A hook: `tether.hooks.Name = { mounted() { … } }` for elements with `t-hook="Name"`. */
export interface Hook {
  /** The element is on the page (at the first paint's join, or added by a patch). */
  mounted?(this: HookContext): void;
  /** A patch changed the element's attributes or something inside it. */
  updated?(this: HookContext): void;
  /** The element left the page (removed by a patch, or its `t-hook` changed). */
  destroyed?(this: HookContext): void;
  /** The connection dropped (the runtime reconnects). */
  disconnected?(this: HookContext): void;
  /** The connection is back (resumed, or joined afresh). */
  reconnected?(this: HookContext): void;
  [own: string]: unknown;
}

interface Live {
  context: HookContext;
  hook: Hook;
  name: string;
  unsubscribe: Array<() => void>;
}

/** The hooks of the elements on the page, with their lifecycle in page order per batch of changes. */
export class Hooks {
  readonly #live = new Map<Element, Live>();
  /** Elements whose hook runs `updated` at the end of this batch. */
  readonly #updated = new Set<Element>();
  readonly #tether: TetherPage;
  readonly #watcher: () => Watcher;
  #down = false;

  constructor(tether: TetherPage, watcher: () => Watcher) {
    this.#tether = tether;
    this.#watcher = watcher;
    document.addEventListener("tether:status", (e) => this.#status((e as CustomEvent<{ status: string }>).detail.status));
  }

  /** Attaches hooks to `root` and the elements with `t-hook` inside it. */
  scan(root: Element): void {
    if (root.hasAttribute(ClientDirective.Hook)) this.#attach(root);
    for (const el of root.querySelectorAll(`[${ClientDirective.Hook}]`)) this.#attach(el);
  }

  /** `t-hook` itself changed: the old hook ends, the new one starts. */
  renamed(el: Element): void {
    const live = this.#live.get(el);
    if (live !== undefined && live.name === el.getAttribute(ClientDirective.Hook)) return;
    if (live !== undefined) this.#detach(el, live);
    if (el.isConnected && el.hasAttribute(ClientDirective.Hook)) this.#attach(el);
  }

  /** A change at `target`: the hooks of it and its ancestors run `updated` when the batch settles. */
  changed(target: Node): void {
    for (let node: Node | null = target; node !== null; node = node.parentNode) {
      if (this.#live.has(node as Element)) this.#updated.add(node as Element);
    }
  }

  /** The batch ends: hooks whose element left run `destroyed`, the changed ones `updated`. */
  settled(): void {
    for (const [el, live] of this.#live) if (!el.isConnected) this.#detach(el, live);
    const updated = [...this.#updated];
    this.#updated.clear();
    for (const el of updated) {
      const live = this.#live.get(el);
      if (live !== undefined) this.#call(live, "updated");
    }
  }

  #attach(el: Element): void {
    if (this.#live.has(el)) return;
    const name = el.getAttribute(ClientDirective.Hook)!;
    const hook = lookUp(this.#tether.hooks as Record<string, Hook> | undefined, name, `no hook "${name}": register it with tether.hooks.${name} = { mounted() { … } } before the page loads`, el);
    if (hook === undefined) return;
    const unsubscribe: Array<() => void> = [];
    const tether = this.#tether;
    const watcher = this.#watcher;
    const context = Object.create(hook) as HookContext;
    Object.assign(context, {
      el,
      pushEvent: (event: string, data?: unknown) => tether.call(event, data),
      handleEvent(event: string, fn: (payload: unknown) => void) {
        // What a handler does to its element is the hook's own doing: no `updated` for it.
        const off = tether.on(event, (payload) => watcher().quiet(() => fn.call(context, payload)));
        unsubscribe.push(off);
        return off;
      },
    });
    const live = { context, hook, name, unsubscribe };
    this.#live.set(el, live);
    this.#call(live, "mounted");
  }

  #detach(el: Element, live: Live): void {
    this.#live.delete(el);
    this.#updated.delete(el);
    for (const off of live.unsubscribe) off();
    this.#call(live, "destroyed");
  }

  #status(status: string): void {
    if (status === "connected") {
      if (!this.#down) return;
      this.#down = false;
      for (const live of this.#live.values()) this.#call(live, "reconnected");
    } else if (status !== "connecting" && !this.#down) {
      this.#down = true;
      for (const live of this.#live.values()) this.#call(live, "disconnected");
    }
  }

  /** A callback's own changes to the page are not reported back as `updated`; its error stays its own. */
  #call(live: Live, name: "mounted" | "updated" | "destroyed" | "disconnected" | "reconnected"): void {
    const fn = live.hook[name];
    if (typeof fn !== "function") return;
    try {
      this.#watcher().quiet(() => fn.call(live.context));
    } catch (error) {
      console.error(`[tether] the hook "${live.name}" threw in ${name}`, error);
    }
  }
}
