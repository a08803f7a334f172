import type { Component } from "./component.js";

/**
 * What a component keeps when its session is snapshotted, for another process to restore it
 * (Scaling out in the README): its `snapshot()` if it has one, else its state, which must then
 * be plain data (JSON). What a component holds outside its state (a timer, a subscription, a
 * handle) is not kept: `mount()` makes it again on the restoring process.
 */
export function snapshotOf(component: Component<any, any>): unknown {
  return typeof component.snapshot === "function" ? component.snapshot() : component.state;
}

/** Gives a new instance what `snapshotOf` kept: its `restore(saved)`, else its state replaced. */
export function restoreFrom(component: Component<any, any>, saved: unknown): void {
  if (typeof component.restore === "function") component.restore(saved);
  else if (typeof saved === "object" && saved !== null) component.state = { ...component.state, ...saved };
}
