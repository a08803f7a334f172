/**
 * What the devtools' DevReport carries, development only (wire.ts defines the message and
 * re-exports this; import from there): the session's components, each value of theirs as a
 * bounded Summary.
 */

/** Components one DevReport lists at most (a page of thousands is listed in part). */
export const DEV_REPORT_COMPONENTS = 1000;

/** One component as the devtools show it. */
export interface InspectedComponent {
  /** Its name, as error messages write it: `<Counter>`. */
  n: string;
  /** Its key, when its parent gave it one. */
  k?: string | number;
  /** The id of its first DOM node (0 when it renders none). */
  id: number;
  /** Its props. */
  p: Summary;
  /** A class component's state. */
  s?: Summary;
  /** A class component's other own fields (not those of Component): what it keeps beside `state`. */
  f?: Summary;
  /** The components it rendered, in page order. */
  c?: InspectedComponent[];
}

/**
 * A server value as the devtools show it (src/protocol/summarize.ts writes it): JSON's own
 * values as they are (a long string cut, ending in "…"), a container as its first entries,
 * and anything else as text.
 */
export type Summary = null | boolean | number | string | SummaryText | SummaryEntries;

/** What stands for a value JSON cannot carry, or that the limits cut: `ƒ inc`, `Date 2024-05-01T…`, `undefined`, `↻ cycle`, `Object {…}`. */
export interface SummaryText { x: string }

/**
 * An object, array, Map or Set.
 * - `t`: its kind: `Object`, `Array`, `Map`, `Set`, or its class's name.
 * - `e`: its first entries, as [key, value] (an array's index, a Map's key as text).
 * - `n`: how many entries it has in all.
 */
export interface SummaryEntries { t: string; e: Array<[key: string, value: Summary]>; n: number }
