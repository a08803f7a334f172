import type { EventData } from "../protocol/wire.js";
import { Modifier } from "../protocol/wire.js";
import type { Props } from "../vnode/vnode.js";
import type { LiveEvent } from "../template/event-handler.js";

/** The LiveEvent a handler receives for an event of `type` with the browser's data, on an element with `props`. */
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
