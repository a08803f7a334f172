/**
 * A LiveList row's template with every kind of hole, and random values for it: what the tests of
 * rows rendered as values (template/flat.ts) and of signatureOf (diff/shape-layout.ts) render.
 */
import fc from "fast-check";
import { renderValues } from "../../src/template/flat.js";
import { html } from "../../src/template/html.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import type { ValuesVNode, VNode } from "../../src/vnode/vnode.js";

export const isValues = (v: unknown): v is ValuesVNode => typeof v === "object" && v !== null && ((v as VNode).flags & VNodeFlags.Values) !== 0;
/** A row render as a LiveList runs it on a page of shapes. */
export const asRow = <T>(render: (item: T) => unknown, item: T): unknown => renderValues(render, item);

/** The vnode tree with every function replaced by a marker and sites numbered, for comparing two evaluations of one template. */
export function plain(v: unknown): unknown {
  const sites = new Map<unknown, number>();
  const site = (x: unknown) => (x === null ? null : `site ${sites.get(x) ?? sites.set(x, sites.size).get(x)}`);
  return JSON.parse(JSON.stringify(v, (key, x) => (key === "site" ? site(x) : typeof x === "function" ? `fn:${x.name}` : typeof x === "bigint" ? `${x}n` : x)));
}

export function pick(this: unknown) {}
export function remove(this: unknown) {}

export interface Cell {
  id: unknown;
  label: unknown;
  cls: unknown;
  click: unknown;
  note: unknown;
  href: unknown;
  style: unknown;
}

// Attribute holes as they are, converted (class, style, a URL) and of text and holes; an event
// hole; text holes alone, among other children and empty; a static cell; an event constant.
export const row = (c: Cell) =>
  html`<tr class=${c.cls}><td class="id">${c.id}</td><td><a class="lbl" data-id=${c.id} href=${c.href} onClick=${c.click}>${c.label}</a>${c.note}</td><td class="x ${c.id}" style=${c.style}><b>fixed</b></td><td><a onClick=${remove}>×</a></td></tr>`;

const value = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 99_999 }),
  fc.constantFrom(null, undefined, true, false, 0, "", "12", "007", 1.5),
);
export const cell = fc.record({
  id: value,
  label: fc.oneof(value, fc.constantFrom([], ["a", 1])),
  cls: fc.oneof(value, fc.constant({ danger: true, other: false }), fc.constant(["a", null, "b"])),
  click: fc.constantFrom(pick, remove, null, undefined, false, "alert(1)"),
  note: value,
  href: fc.constantFrom("/x", "https://example.com/?q=1", "javascript:alert(1)", null, 3),
  style: fc.oneof(fc.constantFrom(null, "color: red", { color: "blue", fontSize: "2px" })),
});

