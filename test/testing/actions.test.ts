/**
 * The actions' settle loop on a big page: what it reads to know whether an event waits in a
 * `t-debounce` or `t-throttle` window is the elements the actions reached, never the whole page.
 */
import { afterEach, expect, test } from "vitest";
import { Component, html, type LiveEvent } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { elementOf } from "../../src/testing/view-element.js";

afterEach(cleanup);

const ROWS = 1000;

class Table extends Component<Record<string, never>, { selected: number; query: string }> {
  state = { selected: -1, query: "" };
  rows = Array.from({ length: ROWS }, (_, i) => i);
  render() {
    return html`
      <input id="q" t-debounce="20" onInput=${(e: LiveEvent) => this.setState({ query: String(e.value) })} /><p id="query">${this.state.query}</p>
      <table><tbody>${this.rows.map((i) => html`<tr key=${i} class=${i === this.state.selected ? "selected" : ""}><td>${i}</td><td><button onClick=${() => this.setState({ selected: i })}>row ${i}</button></td></tr>`)}</tbody></table>`;
  }
}

/** Counts reads of the runtime's debounce state (`$timers`) on each of `elements`. */
function countTimerReads(elements: object[]): { reads: number } {
  const count = { reads: 0 };
  for (const el of elements) {
    let value: unknown = (el as { $timers?: unknown }).$timers;
    Object.defineProperty(el, "$timers", {
      get: () => (count.reads++, value),
      set: (v) => (value = v),
      configurable: true,
    });
  }
  return count;
}

test("settling after a click on a 1,000-row page reads no row's debounce state; a debounced field is still waited for", async () => {
  const view = await render(Table);
  expect(view.getAll("tr")).toHaveLength(ROWS);
  const count = countTimerReads(view.getAll("tbody *").map(elementOf));
  await view.click("tr:nth-child(500) button");
  await view.click(view.getByText("row 600"));
  expect(view.getAll("tr.selected").map((row) => row.text)).toEqual(["600row 600"]);
  // Before, every settle turn read every element of the page: thousands of reads per click.
  expect(count.reads).toBe(0);
  // The field an action reached is the one looked at: the view waits for its debounce to send.
  await view.input("#q", "tether");
  expect(view.get("#query").text).toBe("tether");
});

test("a LiveList of 1,000 rows cleared and created again: the rows go at once, new ones take new ids and events", async () => {
  const { Table: Rows } = await import("../../examples/table.js");
  const view = await render(Rows);
  await view.click("#run");
  expect(view.getAll("tr")).toHaveLength(1000);
  await view.click("#clear");
  expect(view.getAll("tr")).toHaveLength(0);
  await view.click("#run");
  expect(view.getAll("tr")).toHaveLength(1000);
  await view.click("tr:nth-child(3) a.lbl");
  expect(view.getAll("tr.danger")).toHaveLength(1);
});
