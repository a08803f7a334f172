/**
 * shareTemplatesByText (compile.ts), which `tether dev` turns on: a module executed again has
 * new template sites; one whose text is unchanged shares the compiled template of the first, so
 * its static subtrees are the same vnodes and the diff keeps them in the page. In a file of its
 * own: the switch is for the whole process.
 */
import { expect, it } from "vitest";
import { shareTemplatesByText } from "../../src/template/compile.js";
import { html } from "../../src/template/html.js";

it("gives two sites of one text the same static vnodes once on, and only then", () => {
  const before1 = () => html`<p><input placeholder="type here" /></p>`;
  const before2 = () => html`<p><input placeholder="type here" /></p>`;
  expect(before1()).not.toBe(before2()); // two sites, two compilations: the default

  shareTemplatesByText();
  const first = (n: number) => html`<li><span>${n}</span><input placeholder="kept" /></li>`;
  const again = (n: number) => html`<li><span>${n}</span><input placeholder="kept" /></li>`; // the module run again
  const edited = (n: number) => html`<li><span>${n}</span><input placeholder="changed" /></li>`;
  const staticOf = (v: unknown) => (v as { children: unknown[] }).children[1];
  expect(staticOf(again(2))).toBe(staticOf(first(1)));
  expect(staticOf(edited(1))).not.toBe(staticOf(first(1)));
  expect(again(3)).toEqual(first(3));
});
