// A harness test as a user writes it for node's own runner (`node --test`), against the built
// package: "tether-live/test" resolves to dist/ here (node knows no tether-source condition).
// Run by test/testing/node-test.test.ts.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { Component, html } from "tether-live";
import { cleanup, render } from "tether-live/test";

class Counter extends Component {
  state = { count: 0 };
  inc() {
    this.setState({ count: this.state.count + 1 });
  }
  render() {
    return html`<button onClick=${this.inc}>+</button> <output>${this.state.count}</output>`;
  }
}

afterEach(cleanup);

test("a click reaches the server and patches the page", async () => {
  const view = await render(Counter);
  await view.click(view.getByRole("button", { name: "+" }));
  await view.click("button");
  assert.equal(view.get("output").text, "2");
});

test("an element without a handler cannot be clicked", async () => {
  const view = await render(Counter);
  await assert.rejects(view.click("output"), /output has no click handler/);
});
