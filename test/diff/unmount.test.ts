/**
 * Unmounting (src/diff/unmount.ts): a clear is one op, and a long list's rows are unmounted at
 * LiveTree.settle, which a session calls once the patch is sent; a short list's at once.
 */
import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { Op } from "../../src/protocol/wire.js";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import { mirrored } from "../support/ops-model.js";

const gone: number[] = [];

class Item extends Component<{ n: number }> {
  unmount() {
    gone.push(this.props.n);
  }
  onPick() {}
  render() {
    return html`<li><button onClick=${this.onPick}>${this.props.n}</button></li>`;
  }
}

let list: Items;
class Items extends Component {
  state = { n: 0 };
  mount() {
    list = this;
  }
  render() {
    return html`<ul>${Array.from({ length: this.state.n }, (_, i) => h(Item, { n: i, key: i }))}</ul>`;
  }
}

function withItems(n: number) {
  const m = mirrored();
  m.render(h(Items, {}));
  list.setState({ n });
  m.flush();
  gone.length = 0;
  return m;
}

describe("clearing a list", () => {
  it("of 1,000 rows is one Clear op; the rows are unmounted at settle, after the patch", () => {
    const m = withItems(1000);
    expect(m.tree.handlers.size).toBe(1000);
    list.setState({ n: 0 });
    const ops = m.tree.flush(false);
    expect(ops).toEqual([[Op.Clear, expect.any(Number)]]);
    // Not yet walked: their handlers and hooks wait for settle.
    expect(gone).toHaveLength(0);
    expect(m.tree.handlers.size).toBe(1000);
    m.tree.settle();
    expect(gone).toHaveLength(1000);
    expect(m.tree.handlers.size).toBe(0);
  });

  it("of a few rows walks them in the flush (their hooks run at settle); flush() settles by default", () => {
    const m = withItems(10);
    list.setState({ n: 0 });
    m.tree.flush(false);
    expect(m.tree.handlers.size).toBe(0);
    expect(gone).toHaveLength(0);
    m.tree.settle();
    expect(gone).toHaveLength(10);

    const big = withItems(100);
    list.setState({ n: 0 });
    big.flush();
    expect(gone).toHaveLength(100);
    expect(big.tree.handlers.size).toBe(0);
  });

  it("a tree destroyed before it settles unmounts what it dropped", () => {
    const m = withItems(100);
    list.setState({ n: 0 });
    m.tree.flush(false);
    m.tree.destroy();
    expect(gone).toHaveLength(100);
  });
});
