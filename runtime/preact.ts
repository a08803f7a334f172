/**
 * Islands written as preact components (`tether-live/preact`, for modules of the app's islands
 * folder; the app installs preact):
 *
 *   import { useState } from "preact/hooks";
 *   import { preactIsland, useTether, useServerEvent } from "tether-live/preact";
 *
 *   function Counter({ value }: { value: number }) {
 *     const [count, setCount] = useState(0);            // the island's own state
 *     const tether = useTether();                       // the page bridge
 *     useServerEvent("reset", () => setCount(0));       // the server's session.emit("reset")
 *     return <button onClick={() => tether.sendEvent("clicked", count)}>{count} / {value}</button>;
 *   }
 *   export default preactIsland(Counter);
 *
 * New props from the server render the same component again: one preact render, its state and
 * its DOM kept, as a parent's new props do in preact.
 */
import { createContext, h, render, type ComponentType } from "preact";
import { useContext, useEffect, useRef } from "preact/hooks";
import type { Island } from "./client/islands.js";
import type { TetherPage } from "./page-api.js";

const TetherContext = createContext<TetherPage | null>(null);

/** The island of a preact component: mounted into its region, re-rendered with each new props. */
export function preactIsland<Props extends object>(component: ComponentType<Props>): Island<Props> {
  return {
    mount(el, props, tether) {
      const show = (next: Props) => render(h(TetherContext.Provider, { value: tether }, h(component, next)), el);
      show(props);
      return { update: show, unmount: () => render(null, el) };
    },
  };
}

/** The page bridge (`call`, `sendEvent`, `on`, an API's methods) in a component of a preact island. */
export function useTether<Api = Record<string, (...args: any[]) => unknown>>(): TetherPage<Api> {
  const tether = useContext(TetherContext);
  if (tether === null) throw new Error("useTether: this component is not inside an island made with preactIsland()");
  return tether as TetherPage<Api>;
}

/**
 * Calls `handler` with each `event` the server emits (`session.emit(event, detail)`) while the
 * component is mounted; the newest `handler` of each render is the one called.
 */
export function useServerEvent<T = unknown>(event: string, handler: (detail: T) => void): void {
  const tether = useTether();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => tether.on(event, (detail) => latest.current(detail as T)), [tether, event]);
}
