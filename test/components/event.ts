import type { LiveEvent } from "../../src/index.js";

/** A LiveEvent as a handler gets it, with the fields given. */
export function liveEvent(fields: Partial<LiveEvent>): LiveEvent {
  return { type: "input", data: {}, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...fields };
}
