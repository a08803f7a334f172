import type { EventData } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import { createProps, createVNode, type Props, type VNode } from "../vnode/vnode.js";
import { childAt, childCount, soleText, type LiveNode } from "./live-node.js";

/**
 * Controlled inputs: what the page shows becomes what the live tree says the page shows.
 *
 * The diff compares a render with the props the element was last rendered with. For a field the
 * user typed in, those are stale: the server rendered `value=""`, the user typed "milk", and a
 * render that sets `value=""` again after a submit would compare `""` with `""` and send nothing,
 * leaving "milk" in the field. So when an event carries the page's value (an input's `value`,
 * a checkbox's `checked`, a `<select multiple>`'s `values`, a form's fields), the element's live
 * vnode is replaced by a copy whose prop holds that value: the next render diffs against it and
 * sends one SetProp exactly when the server's value differs from the page's.
 *
 * Only props the server renders are recorded: an element rendered without `value` (or
 * `checked`, or `selected`), or with it undefined or null, keeps it page-owned, and one whose
 * props are template text (VNodeFlags.StaticProps) never changes it. The runtime keeps its half
 * of invariant 5, "User input wins" in ARCHITECTURE.md: a value sent while the user is still
 * typing is not applied over what they typed.
 */
export function recordInput(live: LiveNode, data: EventData): void {
  if (data.form !== undefined) return recordForm(live, data.form);
  const v = live.vnode as VNode;
  if (data.checked !== undefined) {
    setControlled(live, "checked", data.checked);
    if (data.checked && v.props.type === "radio") uncheckSiblings(live);
  } else if (data.value !== undefined) setControlled(live, "value", data.value);
  else if (data.values !== undefined) recordSelected(live, data.values);
}

/** Sets a prop of an element's live vnode to what the page shows, if the server renders it. */
function setControlled(live: LiveNode, name: string, value: string | boolean): void {
  const v = live.vnode;
  if (typeof v === "string" || !(v.flags & VNodeFlags.Element) || v.flags & VNodeFlags.StaticProps) return;
  const props = v.props;
  const prev = props[name];
  // Rendered as undefined or null: the server leaves the control to the page.
  if (prev == null) return;
  // What the page shows already (as the diff would compare it): nothing to record.
  if (prev === value || (typeof value === "string" && typeof prev !== "boolean" && String(prev) === value)) return;
  const copy: Props = createProps();
  for (const key in props) copy[key] = props[key];
  copy[name] = value;
  // Not Kept: this copy belongs to one session (updateNode then finds the site's shared copy again).
  live.vnode = createVNode(v.flags & ~VNodeFlags.Kept, v.type, v.key, copy, v.children, v.site);
  markComponentsStale(live);
}

/**
 * The components around a recorded control render at their next update even with equal props
 * (VNodeFlags.Stale): a `<${TextInput} value="" />` whose props did not change must still
 * render to send the `""` that replaces what the page shows. Their live vnodes become marked
 * copies, which the next update replaces; a marked component's ancestors are marked already.
 */
function markComponentsStale(live: LiveNode): void {
  for (let p = live.parent; p !== null; p = p.parent) {
    const v = p.vnode;
    if (typeof v === "string" || !(v.flags & VNodeFlags.Component)) continue;
    if (v.flags & VNodeFlags.Stale) return;
    p.vnode = createVNode(v.flags | VNodeFlags.Stale, v.type, v.key, v.props, v.children, v.site);
  }
}

/** A `<select multiple>`'s options: each is selected exactly when its value is among `values`. */
function recordSelected(select: LiveNode, values: readonly string[]): void {
  forEachElement(select, (option) => {
    const v = option.vnode as VNode;
    if (v.type === "option") setControlled(option, "selected", values.includes(optionValue(option)));
  });
}

/** A checked radio unchecks the others of its name in its form (or page), as the browser did. */
function uncheckSiblings(radio: LiveNode): void {
  const name = (radio.vnode as VNode).props.name;
  if (name == null) return;
  forEachElement(formOf(radio), (other) => {
    const props = (other.vnode as VNode).props;
    if (other !== radio && props.type === "radio" && props.name === name) setControlled(other, "checked", false);
  });
}

/** A submitted form's fields, recorded on the named controls they came from. */
function recordForm(form: LiveNode, fields: Record<string, string | string[]>): void {
  forEachElement(form, (control) => {
    const v = control.vnode as VNode;
    const name = v.props.name;
    if (typeof name !== "string" || !(name in fields)) return;
    const field = fields[name];
    const values = typeof field === "string" ? [field] : field;
    if (v.type === "input" && (v.props.type === "checkbox" || v.props.type === "radio")) {
      setControlled(control, "checked", values.includes(v.props.value == null ? "on" : String(v.props.value)));
    } else if (v.type === "select" && v.props.multiple) recordSelected(control, values);
    else if (typeof field === "string") setControlled(control, "value", field);
  });
}

/** The nearest `<form>` around an element, else the page's root. */
function formOf(live: LiveNode): LiveNode {
  let node = live;
  while (node.parent !== null) {
    node = node.parent;
    const v = node.vnode as VNode;
    if (v.type === "form") return node;
  }
  return node;
}

function optionValue(option: LiveNode): string {
  const v = option.vnode as VNode;
  if (v.props.value != null) return String(v.props.value);
  const text = soleText(option) ?? v.children[0]; // a sole text lives in the record; template text in the vnode
  return typeof text === "string" ? text.trim() : "";
}

/** Calls `visit` for every live element below `live` (through fragments and components). */
function forEachElement(live: LiveNode, visit: (element: LiveNode) => void): void {
  for (let i = 0, n = childCount(live); i < n; i++) {
    const child = childAt(live, i);
    if (typeof child.vnode === "string") continue;
    if (child.vnode.flags & VNodeFlags.Element) visit(child);
    forEachElement(child, visit);
  }
}
