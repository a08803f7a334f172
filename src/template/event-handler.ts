/**
 * What an `on…` prop takes: a server function that receives a LiveEvent. Declared in the
 * template layer, where the props that bind handlers are typed (jsx-types.ts); the session
 * layer makes the events (session/live-event.ts).
 */

/** What an event handler receives. Everything in it was validated at the boundary. */
export interface LiveEvent {
  /** The DOM event type: "click", "input", "submit", "keydown", … */
  type: string;
  /** The control's value (input, change, key and focus events). */
  value?: string;
  /** A checkbox's or radio's state. */
  checked?: boolean;
  /** The selected values of a `<select multiple>`. */
  values?: string[];
  /** `KeyboardEvent.key` for keydown and keyup. */
  key?: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** A submitted form's fields; a name that occurs several times maps to an array. */
  form?: Record<string, string | string[]>;
  /**
   * The handling element's `data-*` props as the server rendered them, with their original
   * types (`data-id=${row.id}` gives `event.data.id === 7`). They never travel from the browser.
   */
  data: Record<string, unknown>;
}

/**
 * A server handler of a browser event (`onClick`, `onInput`, …), called with `this` bound to the
 * component that rendered the element. It may be async: the event is answered when it settles.
 */
export type EventHandler = (event: LiveEvent) => unknown;
