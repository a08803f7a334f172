// A harness test as a user writes it for Jest (ES modules: `node --experimental-vm-modules`,
// no transform), against the built package. Run by test/testing/jest.test.ts.
import { afterEach, expect, test } from "@jest/globals";
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
  expect(view.get("output").text).toBe("2");
});

test("a debounced field on a fake clock sends once the clock has passed its delay", async () => {
  class Search extends Component {
    state = { query: "" };
    typed(event) {
      this.setState({ query: String(event.value) });
    }
    render() {
      return html`<input id="q" t-debounce="300" onInput=${this.typed} /><p id="query">${this.state.query}</p>`;
    }
  }
  const view = await render(Search, { clock: "fake" });
  await view.input("#q", "jest");
  await view.clock.advance(299);
  expect(view.get("#query").text).toBe("");
  await view.clock.advance(1);
  expect(view.get("#query").text).toBe("jest");
});

test("an element without a handler cannot be clicked", async () => {
  const view = await render(Counter);
  await expect(view.click("output")).rejects.toThrow(/output has no click handler/);
});

test("a t-nav link navigates live, over live navigation's own script", async () => {
  class Page extends Component {
    render() {
      return html`<h1>page ${this.props.params.n}</h1><a t-nav href=${`/p/${Number(this.props.params.n) + 1}`}>next</a>`;
    }
  }
  const view = await render("/p/1", { routes: { "/p/:n": Page } });
  await view.click("a");
  view.assertNavigated("/p/2");
  expect(view.get("h1").text).toBe("page 2");
});
