import { ClientDirective } from "../../src/protocol/client-directives.js";
import type { TetherPage } from "../page-api.js";
import { lookUp } from "./registry.js";
import type { Watcher } from "./watch.js";

/** A mounted island: what the page calls when the server's props change and when it leaves. */
export interface IslandInstance<Props> {
  /** The server rendered new props: render them, keeping the island's own state. */
  update?(props: Props): void;
  /** The island's element left the page. */
  unmount?(): void;
}

/**
 * An island: a widget that lives in the browser, in a region patches never touch. `mount` gets
 * the region (its placeholder already removed), the server's props and the page bridge.
 * Register it as `tether.islands.Name = island` for `island("Name", props)` in a template;
 * a module of the app's islands folder is registered under its file name.
 */
export interface Island<Props = any> {
  mount(el: HTMLElement, props: Props, tether: TetherPage): IslandInstance<Props> | void;
}

interface Live {
  instance: IslandInstance<unknown>;
  name: string;
  /** The props text last rendered: an unchanged attribute renders nothing. */
  props: string;
}

/** The islands on the page: mounted when their element appears, given new props, unmounted when it leaves. */
export class Islands {
  readonly #live = new Map<Element, Live>();
  readonly #tether: TetherPage;
  readonly #watcher: () => Watcher;

  constructor(tether: TetherPage, watcher: () => Watcher) {
    this.#tether = tether;
    this.#watcher = watcher;
  }

  scan(root: Element): void {
    if (root.hasAttribute(ClientDirective.Island)) this.#mount(root);
    for (const el of root.querySelectorAll(`[${ClientDirective.Island}]`)) this.#mount(el);
  }

  /** True if `node` is inside an island's region (the island's own DOM, which nothing else watches). */
  owns(node: Node): boolean {
    for (let p = node.parentNode; p !== null; p = p.parentNode) if (this.#live.has(p as Element)) return true;
    return false;
  }

  /** The island's props attribute changed (a patch): one update, no remount. */
  propsChanged(el: Element): void {
    const live = this.#live.get(el);
    if (live === undefined) return;
    const text = el.getAttribute(ClientDirective.Props) ?? "{}";
    if (text === live.props) return;
    const props = parse(text, live.name);
    if (props === undefined) return;
    live.props = text;
    this.#run(live.name, "update", () => live.instance.update?.(props));
  }

  settled(): void {
    for (const [el, live] of this.#live) {
      if (el.isConnected) continue;
      this.#live.delete(el);
      this.#run(live.name, "unmount", () => live.instance.unmount?.());
    }
  }

  #mount(el: Element): void {
    if (this.#live.has(el)) return;
    const name = el.getAttribute(ClientDirective.Island)!;
    const island = lookUp(this.#tether.islands as Record<string, Island> | undefined, name, `no island "${name}": is its module in the app's islands folder?`, el);
    if (island === undefined) return;
    const text = el.getAttribute(ClientDirective.Props) ?? "{}";
    const props = parse(text, name);
    if (props === undefined) return;
    const live: Live = { instance: {}, name, props: text };
    this.#live.set(el, live);
    this.#run(name, "mount", () => {
      el.replaceChildren(); // the first paint's placeholder
      live.instance = island.mount(el as HTMLElement, props, this.#tether) ?? {};
    });
  }

  #run(name: string, phase: string, fn: () => void): void {
    try {
      this.#watcher().quiet(fn);
    } catch (error) {
      console.error(`[tether] the island "${name}" threw in ${phase}`, error);
    }
  }
}

function parse(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    console.error(`[tether] the island "${name}" has props that are not JSON: ${text.slice(0, 40)}`);
    return undefined;
  }
}
