/**
 * Reads of a live node's children that test/diff/sealed.test.ts must catch: each way a module
 * could reach the field past the LiveNode type. Never imported, only type-checked; the test
 * counts what it finds here, so a check that went blind would fail.
 */
import type { LiveNode } from "../../src/diff/live-node.js";

/** A type that declares the field itself, as a leaking module would write it. */
type WithChildren = LiveNode & { children: unknown };

export function leaks(live: LiveNode, loose: any): unknown[] {
  const { children } = live as WithChildren; // destructured from a cast
  return [
    children,
    (live as WithChildren).children, // a cast to a type of its own
    (live as unknown as { children: unknown })["children"], // the same by element access
    loose.children, // an `any`: the checker cannot tell what it is
  ];
}
