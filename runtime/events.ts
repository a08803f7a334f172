import { Directive, Modifier, type EventData } from "../src/protocol/wire.js";
import type { TrackedNode } from "./dom/nodes.js";
import { serializeForm } from "./form.js";

type Handled = TrackedNode & Element;
type Send = (el: Handled, type: string, data: EventData) => void;

/**
 * Event delegation: one capturing listener per event type on the document, whatever the
 * number of elements. An event goes to the nearest element, at or above its target, that
 * has a server handler for its type. Debounce and throttle are applied here, in the browser.
 */
export class EventDelegator {
  readonly #listening = new Set<string>();
  /** Elements with a debounced or throttled event waiting to be sent. */
  readonly #pending = new Set<Handled>();
  readonly #root: Element;
  readonly #send: Send;

  constructor(root: Element, send: Send) {
    this.#root = root;
    this.#send = send;
    // Leaving a field sends what it has waiting, before the blur itself.
    document.addEventListener("focusout", (e) => this.#flushElement(e.target as Handled), true);
    // What the user changed is kept when the page is mounted again (and recovered into a new session).
    const edited = (e: Event) => ((e.target as TrackedNode).$edited = true);
    document.addEventListener("input", edited, true);
    document.addEventListener("change", edited, true);
  }

  /** Makes sure events of this type reach the server. */
  readonly listen = (type: string): void => {
    if (this.#listening.has(type)) return;
    this.#listening.add(type);
    document.addEventListener(type, this.#onEvent, true);
  };

  /** True if the element has an event waiting in a debounce or throttle window. */
  hasPending(el: TrackedNode): boolean {
    return this.#pending.has(el as Handled);
  }

  readonly #onEvent = (event: Event): void => {
    const type = event.type;
    let node = event.target as TrackedNode | null;
    while (node !== null && !(node.$ev !== undefined && node.$ev[type] === 1)) {
      if (node === this.#root) return;
      node = node.parentNode;
    }
    if (node === null) return;
    const el = node as Handled;
    // focus and blur do not bubble: a capturing listener also sees them for descendants.
    if ((type === "focus" || type === "blur") && event.target !== el) return;
    if (type === "submit" || (type === "click" && el.nodeName === "A")) event.preventDefault();
    if ((type === "keydown" || type === "keyup") && !keyMatches(el, (event as KeyboardEvent).key)) return;

    const debounce = el.getAttribute(Directive.Debounce);
    if (debounce !== null) return this.#debounce(el, type, event, Number(debounce) || 0);
    const throttle = el.getAttribute(Directive.Throttle);
    if (throttle !== null) return this.#throttle(el, type, event, Number(throttle) || 0);
    this.#flushAll(); // keep order: events waiting in a debounce go first
    this.#send(el, type, eventData(el, type, event));
  };

  #debounce(el: Handled, type: string, event: Event, ms: number): void {
    const timers = (el.$timers ||= {});
    const state = timers[type];
    if (state !== undefined) clearTimeout(state.timer);
    timers[type] = { trailing: true, timer: window.setTimeout(() => this.#fire(el, type, event), ms) };
    this.#pending.add(el);
  }

  #throttle(el: Handled, type: string, event: Event, ms: number): void {
    const timers = (el.$timers ||= {});
    const state = timers[type];
    if (state !== undefined) {
      // Inside the window: remember to send the latest when it closes.
      state.trailing = true;
      lastEvents.set(el, event);
      return;
    }
    this.#flushAll();
    this.#send(el, type, eventData(el, type, event));
    this.#openWindow(el, type, ms);
  }

  /** A throttle window; the event sent when it closes opens the next one, so sends stay `ms` apart. */
  #openWindow(el: Handled, type: string, ms: number): void {
    const timers = el.$timers!;
    const open = { trailing: false, timer: 0 };
    open.timer = window.setTimeout(() => {
      timers[type] = undefined;
      if (!open.trailing) return this.#settle(el);
      this.#send(el, type, eventData(el, type, lastEvents.get(el) ?? new Event(type)));
      this.#openWindow(el, type, ms);
    }, ms);
    timers[type] = open;
    this.#pending.add(el);
  }

  #fire(el: Handled, type: string, event: Event): void {
    const timers = el.$timers!;
    timers[type] = undefined;
    this.#settle(el);
    this.#send(el, type, eventData(el, type, event));
  }

  #settle(el: Handled): void {
    const timers = el.$timers;
    if (timers !== undefined) for (const t in timers) if (timers[t] !== undefined) return;
    this.#pending.delete(el);
    lastEvents.delete(el);
  }

  #flushElement(el: Handled): void {
    const timers = el.$timers;
    if (timers === undefined || !this.#pending.has(el)) return;
    for (const type in timers) {
      const state = timers[type];
      if (state === undefined) continue;
      clearTimeout(state.timer);
      timers[type] = undefined;
      if (state.trailing) this.#send(el, type, eventData(el, type, lastEvents.get(el) ?? new Event(type)));
    }
    this.#settle(el);
  }

  #flushAll(): void {
    if (this.#pending.size === 0) return;
    for (const el of [...this.#pending]) this.#flushElement(el);
  }
}

const lastEvents = new WeakMap<Element, Event>();

function keyMatches(el: Element, key: string): boolean {
  const keys = el.getAttribute(Directive.Key);
  if (keys === null) return true;
  return keys.split(",").some((k) => k.trim() === key);
}

/** What travels with an event: only what a handler may need, read when it is sent. */
export function eventData(el: Element, type: string, event: Event): EventData {
  if (type === "submit" && el.nodeName === "FORM") {
    return { form: serializeForm(el as HTMLFormElement, (event as SubmitEvent).submitter ?? null) };
  }
  const data: EventData = {};
  const name = el.nodeName;
  if (name === "INPUT" || name === "TEXTAREA" || name === "SELECT") {
    const control = el as HTMLInputElement;
    if (name === "SELECT" && (el as HTMLSelectElement).multiple) {
      data.values = Array.from((el as HTMLSelectElement).selectedOptions, (o) => o.value);
    } else data.value = control.value;
    if (control.type === "checkbox" || control.type === "radio") data.checked = control.checked;
  }
  if ("key" in event && typeof (event as KeyboardEvent).key === "string") data.key = (event as KeyboardEvent).key;
  if ("shiftKey" in event) {
    const e = event as MouseEvent;
    const mods = (e.shiftKey ? Modifier.Shift : 0) | (e.ctrlKey ? Modifier.Ctrl : 0) | (e.altKey ? Modifier.Alt : 0) | (e.metaKey ? Modifier.Meta : 0);
    if (mods !== 0) data.mods = mods;
  }
  return data;
}
