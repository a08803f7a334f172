// A harness test as a user writes it for node's own runner (`node --test`), against the built
// package: "tether-live/test" resolves to dist/ here (node knows no tether-source condition).
// Run by test/testing/node-test.test.ts.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { Component, html } from "tether-live";
import { FileInput, UploadEntries } from "tether-live/components";
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

test("a t-nav link navigates live: live navigation's script runs from the built package", async () => {
  class Page extends Component {
    render() {
      return html`<h1>page ${this.props.params.n}</h1><a t-nav href=${`/p/${Number(this.props.params.n) + 1}`}>next</a>`;
    }
  }
  const view = await render("/p/1", { routes: { "/p/:n": Page } });
  await view.click("a");
  view.assertNavigated("/p/2");
  assert.equal(view.get("h1").text, "page 2");
});

test("a file uploads in chunks, each acknowledged", async () => {
  class Docs extends Component {
    docs = this.allowUpload("docs");
    render() {
      return html`<${FileInput} upload=${this.docs} /><${UploadEntries} upload=${this.docs} />`;
    }
  }
  const view = await render(Docs);
  const sent = [];
  await view.upload("input[type=file]", [{ name: "a.txt", content: "hello" }], { chunkSize: 2, onChunk: (progress) => void sent.push(progress.sent) });
  assert.deepEqual(sent, [2, 4, 5]);
  assert.equal(view.get("progress").attr("value"), "100");
});
