import type { EventData } from "../protocol/wire.js";
import { Modifier } from "../protocol/wire.js";
import type { Props } from "../vnode/vnode.js";

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

export function createLiveEvent(type: string, d: EventData, props: Props): LiveEvent {
  const mods = d.mods ?? 0;
  const event: LiveEvent = {
    type,
    shiftKey: (mods & Modifier.Shift) !== 0,
    ctrlKey: (mods & Modifier.Ctrl) !== 0,
    altKey: (mods & Modifier.Alt) !== 0,
    metaKey: (mods & Modifier.Meta) !== 0,
    data: dataProps(props),
  };
  if (d.value !== undefined) event.value = d.value;
  if (d.checked !== undefined) event.checked = d.checked;
  if (d.values !== undefined) event.values = d.values;
  if (d.key !== undefined) event.key = d.key;
  if (d.form !== undefined) event.form = d.form;
  return event;
}

function dataProps(props: Props): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const name in props) {
    if (name.startsWith("data-")) data[name.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = props[name];
  }
  return data;
}
