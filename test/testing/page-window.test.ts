/**
 * A view's window runs Tether's page scripts its page names, as a browser would: the runtime,
 * the builder of a LiveList's new rows (sent as shapes and values), live navigation. The
 * page's own scripts do not run (the test plays them).
 */
import { afterEach, expect, test } from "vitest";
import { Component, html, LiveList, type TetherOptions } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";

afterEach(cleanup);

class Todo extends Component {
  items = new LiveList<{ id: number; text: string }>({ key: (item) => item.id, render: (item) => html`<li>${item.text} <b>open</b></li>` });
  next = 0;
  add() {
    this.items.push({ id: ++this.next, text: `item ${this.next}` });
  }
  render() {
    return html`<button id="add" onClick=${this.add}>add</button><ul>${this.items.view}</ul>`;
  }
}

test("a LiveList's new rows, sent as shapes once the lists' script is on the page, are built in the view", async () => {
  const app: TetherOptions = { routes: { "/": { component: Todo, scripts: ["/app.js"] } }, dev: true };
  const view = await render("/", app);
  expect(view.getAll("script").map((script) => script.attr("src"))).toEqual(["/_tether/tether.dev.js", "/_tether/tether-lists.dev.js", "/_tether/tether-nav.dev.js", "/app.js"]);
  await view.click("#add");
  await view.click("#add");
  await view.click("#add");
  expect(view.getAll("li").map((li) => li.text)).toEqual(["item 1 open", "item 2 open", "item 3 open"]);
  // The third row: one Create whose tree is the shape's values, not the row's markup again.
  expect(JSON.stringify(view.lastPatch())).not.toContain('"li"');
  expect(view.status).toBe("connected");
});

class Count extends Component<{}, { n: number }> {
  state = { n: 0 };
  inc() {
    this.setState({ n: this.state.n + 1 });
  }
  render() {
    return html`<button id="inc" onClick=${this.inc}>+</button><output>${this.state.n}</output>`;
  }
}

test("a patch the page cannot apply fails the view: a browser would get the whole page again, a test must not pass over it", async () => {
  const view = await render(Count);
  await view.click("#inc");
  expect(view.get("output").text).toBe("1");
  // As if the diff had a bug: the next patch sets the text of a node the page does not have.
  const fromServer = view.tap.fromServer.bind(view.tap);
  view.tap.fromServer = (text) => fromServer(text.replace(/"o":\[\[7,\d+,/, '"o":[[7,99999,'));
  await expect(view.click("#inc")).rejects.toThrow(/could not apply a patch from the server/);
});
