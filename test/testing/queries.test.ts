/**
 * The queries on a big page: `getByText` skips what cannot hold the text (a subtree whose text
 * does not contain it), so finding a row reads the cells of that row only. Roles, labels and
 * text on small pages are in render.test.ts.
 */
import { afterEach, expect, test } from "vitest";
import { Component, html } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { elementOf } from "../../src/testing/view-element.js";

afterEach(cleanup);

class Table extends Component {
  render() {
    return html`<table><tbody>${Array.from({ length: 1000 }, (_, i) => html`<tr key=${i}><td>${i}</td><td><b>row ${i}</b></td></tr>`)}</tbody></table><p hidden>row 7</p>`;
  }
}

/** Counts the elements of `elements` a query looks at: reads of their `localName`, which every visit checks. */
function countVisits(elements: object[]): { visits: number } {
  const count = { visits: 0 };
  for (const el of elements) {
    let proto = Object.getPrototypeOf(el) as object | null;
    while (proto !== null && Object.getOwnPropertyDescriptor(proto, "localName") === undefined) proto = Object.getPrototypeOf(proto);
    const read = Object.getOwnPropertyDescriptor(proto!, "localName")!.get!;
    Object.defineProperty(el, "localName", { get: () => (count.visits++, read.call(el)), configurable: true });
  }
  return count;
}

test("getByText on a 1,000-row table reads the cells of the matching row only; hidden text is not found", async () => {
  const view = await render(Table);
  const count = countVisits(view.getAll("td").map(elementOf));
  expect(view.getByText("row 600").tag).toBe("b");
  // Row 600's two cells; before, all 2,000.
  expect(count.visits).toBe(2);
  expect(view.getByText("row 7").tag).toBe("b");
  expect(() => view.getByText(/^row 99\d$/)).toThrow("10 elements with text /^row 99\\d$/");
});
