/**
 * Versions of a component: what `tether dev` needs to swap a component's code in a running
 * process. A module that is executed again makes new classes and functions; the page's live
 * nodes, and modules that were not executed again, still hold the old ones. Every version of
 * one component (the same module and export name) shares one record, which names the newest:
 * the diff creates and renders through it (`currentVersion`) and treats two versions as one type
 * (`sameComponent`), so a live component keeps its place and its state across a swap.
 *
 * Without `tether dev` no function has a record: `currentVersion` is one missing-property read.
 */

/** One component across its versions: the newest one, and its identity ("module#export"). */
export interface ComponentVersions {
  readonly id: string;
  current: Function;
}

/** The slot of a component's ComponentVersions record, on each of its versions. */
const VERSIONS = Symbol.for("tether.versions");

type Versioned = { [VERSIONS]?: ComponentVersions };

const records = new Map<string, ComponentVersions>();

/**
 * Records `type` as the newest version of the component `id` (module and export name) and
 * returns its record, or null if `type` was its newest already (the same function, exported
 * again). The first version of an id makes the record.
 */
export function addVersion(id: string, type: Function): ComponentVersions | null {
  let record = records.get(id);
  if (record === undefined) records.set(id, (record = { id, current: type }));
  else if (record.current === type) return null;
  else record.current = type;
  Object.defineProperty(type, VERSIONS, { value: record, configurable: true });
  return record;
}

/** The record of a component's versions, if `tether dev` loaded it. */
export function versionsOf(type: unknown): ComponentVersions | undefined {
  return typeof type === "function" ? (type as Versioned)[VERSIONS] : undefined;
}

/** The newest version of a component type (the type itself outside `tether dev`). */
export function currentVersion<T>(type: T): T {
  return ((type as Versioned)[VERSIONS]?.current as T | undefined) ?? type;
}

/** True if two different types are versions of one component. */
export function sameComponent(a: unknown, b: unknown): boolean {
  const record = versionsOf(a);
  return record !== undefined && record === versionsOf(b);
}
