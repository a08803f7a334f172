/**
 * What a user does to a page, as DOM events the browser would fire for it, dispatched in the
 * view's window, so the runtime's own delegation reads and sends them. Each action first checks
 * that it reaches a handler the server rendered: an action that would do nothing on the real
 * page fails, naming the element and what it does handle (the "is it wired" check).
 */

import type { FieldValue } from "./values.js";

/** Fields Tether's runtime keeps on elements it manages (runtime/dom/nodes.ts). */
interface Tracked {
  $ev?: Record<string, 1>;
  $timers?: Record<string, unknown>;
}

/** The nearest element at or above `el`, inside `root`, with a server handler for `type`. */
export function handlerOf(el: Element, type: string, root: Element): Element | null {
  let node: Element | null = el;
  while (node !== null) {
    if ((node as Tracked).$ev?.[type] === 1) return node;
    if (node === root) return null;
    node = node.parentElement;
  }
  return null;
}

/** The event types with a server handler on `el` itself. */
function handledTypes(el: Element): string[] {
  return Object.keys((el as Tracked).$ev ?? {});
}

/**
 * The elements at or above `el`, inside `root`, that can hold an event of it in a `t-debounce`
 * or `t-throttle` window: the runtime holds one only on the element with the attribute.
 */
export function debouncers(el: Element, root: Element): Element[] {
  const found: Element[] = [];
  for (let node: Element | null = el; node !== null; node = node === root ? null : node.parentElement) {
    if (node.hasAttribute("t-debounce") || node.hasAttribute("t-throttle")) found.push(node);
  }
  return found;
}

/**
 * True if an event is waiting in a `t-debounce` or `t-throttle` window on one of `elements`
 * (see debouncers); those with none waiting are forgotten. Only elements an action reached can
 * hold one: looking at these alone keeps a settle loop on a page of 10,000 elements from
 * walking them all at every turn.
 */
export function hasPendingTimers(elements: Set<Element>): boolean {
  for (const el of elements) {
    const timers = (el as Tracked).$timers;
    // One a patch removed is no longer the page's (as when the whole page was searched).
    if (timers !== undefined && el.isConnected) for (const type in timers) if (timers[type] !== undefined) return true;
    elements.delete(el);
  }
  return false;
}

/**
 * Fails unless one of `types` reaches a server handler from `el`, or `el` is a field whose
 * value a form's submit handler sends. `action`: what the test did, for the message.
 */
export function assertWired(el: Element, types: readonly string[], root: Element, description: string, field = false): void {
  for (const type of types) if (handlerOf(el, type, root) !== null) return;
  if (field) {
    const form = (el as HTMLInputElement).form ?? el.closest("form");
    if (form && handlerOf(form, "submit", root) !== null) return;
  }
  const has = handledTypes(el);
  const what = types.length === 1 ? `${types[0]} handler` : `handler for ${types.join(" or ")}`;
  const found = has.length > 0 ? `it handles ${has.join(", ")}` : "neither it nor an element around it has a handler for this event";
  throw new Error(`${description} has no ${what}: ${found}${field ? ", and no form around it has a submit handler" : ""} (${snippet(el)})`);
}

/**
 * Fails unless a click on `el` does something: it reaches a click handler (an input one for a
 * checkbox), submits a form with a submit handler, or follows a link (live navigation shows
 * its page, or the browser loads it).
 */
export function assertClickWired(el: Element, root: Element, description: string): void {
  if (el.closest("a[href]") !== null) return;
  const input = el as HTMLInputElement;
  const submits = (el.localName === "button" && (input.type === "submit" || !el.hasAttribute("type"))) || (el.localName === "input" && input.type === "submit");
  const toggles = el.localName === "input" && (input.type === "checkbox" || input.type === "radio");
  const types = ["click", ...(toggles ? ["input", "change"] : [])];
  if (!submits || !input.form) return assertWired(el, types, root, description);
  try {
    assertWired(el, types, root, description);
  } catch {
    assertWired(input.form, ["submit"], root, `${description}'s form`);
  }
}

/** An element's opening tag, for messages. */
export function snippet(el: Element): string {
  const html = el.outerHTML;
  const end = html.indexOf(">");
  return end === -1 || end > 200 ? html.slice(0, 200) : html.slice(0, end + 1);
}

/** The DOM's event classes, as a view's window has them. */
export type EventWindow = {
  Event: typeof Event;
  MouseEvent: typeof MouseEvent;
  KeyboardEvent: typeof KeyboardEvent;
  InputEvent: typeof InputEvent;
  FocusEvent: typeof FocusEvent;
  SubmitEvent: typeof SubmitEvent;
};

export function dispatchMouse(window: EventWindow, el: Element, type: "click" | "dblclick"): void {
  const init = { bubbles: true, cancelable: true, composed: true, detail: type === "dblclick" ? 2 : 1 };
  if (type === "click") (el as HTMLElement).click(); // with its default actions: a checkbox toggles, a submit button submits
  else el.dispatchEvent(new window.MouseEvent(type, init));
}

/** Focuses `el` (focus and focusin follow, as in a browser) if it can be. */
export function focusElement(el: Element): void {
  (el as HTMLElement).focus();
}

export function blurElement(el: Element): void {
  (el as HTMLElement).blur();
}

/** What typing `text` into a field does: its value becomes `text`, one input event. */
export function typeInto(window: EventWindow, el: Element, text: string): void {
  setValue(el, text);
  el.dispatchEvent(new window.InputEvent("input", { bubbles: true, composed: true, inputType: "insertText", data: text }));
}

export function fireChange(window: EventWindow, el: Element): void {
  el.dispatchEvent(new window.Event("change", { bubbles: true }));
}

/** Sets a checkbox or radio button to `checked`, firing input and change if it changed. */
export function setChecked(window: EventWindow, el: Element, checked: boolean): void {
  const input = el as HTMLInputElement;
  if (input.checked === checked) return;
  input.checked = checked;
  el.dispatchEvent(new window.Event("input", { bubbles: true, composed: true }));
  fireChange(window, el);
}

/** Selects the options of a `<select>` with these values (or labels), input and change after. */
export function selectOptions(window: EventWindow, el: Element, values: readonly string[], description: string): void {
  const select = el as HTMLSelectElement;
  if (select.localName !== "select") throw new Error(`${description} is not a <select> (${snippet(el)})`);
  const options = Array.from(select.options);
  for (const value of values) {
    if (!options.some((o) => o.value === value || o.textContent?.trim() === value)) {
      throw new Error(`${description} has no option "${value}": it has ${options.map((o) => JSON.stringify(o.value)).join(", ")}`);
    }
  }
  for (const option of options) option.selected = values.includes(option.value) || values.includes(option.textContent?.trim() ?? "");
  el.dispatchEvent(new window.Event("input", { bubbles: true, composed: true }));
  fireChange(window, el);
}

export function pressKey(window: EventWindow, el: Element, key: string): void {
  el.dispatchEvent(new window.KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, composed: true }));
}

/** Fills a form's fields by name, then submits it as its first submit button would. */
export function submitForm(window: EventWindow, form: HTMLFormElement, values: Record<string, FieldValue>, description: string): void {
  for (const name in values) fillField(form, name, values[name], description);
  const submitter = form.querySelector("button:not([type]), button[type=submit], input[type=submit]");
  form.dispatchEvent(new window.SubmitEvent("submit", { bubbles: true, cancelable: true, submitter: submitter as HTMLElement | null }));
}

function fillField(form: HTMLFormElement, name: string, value: FieldValue, description: string): void {
  const fields = Array.from(form.querySelectorAll("input, select, textarea")).filter((f) => f.getAttribute("name") === name) as HTMLInputElement[];
  if (fields.length === 0) throw new Error(`${description} has no field named "${name}"`);
  for (const field of fields) {
    const type = field.type;
    if (type === "checkbox" || type === "radio") {
      field.checked = typeof value === "boolean" ? value : typeof value === "string" ? field.value === value : value.includes(field.value);
    } else if (field.localName === "select") {
      const wanted = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
      for (const option of Array.from((field as unknown as HTMLSelectElement).options)) option.selected = wanted.includes(option.value);
    } else setValue(field, typeof value === "string" ? value : Array.isArray(value) ? value.join(",") : String(value));
  }
}

function setValue(el: Element, value: string): void {
  if (!("value" in el)) throw new Error(`<${el.localName}> has no value to type into (${snippet(el)})`);
  (el as HTMLInputElement).value = value;
}
