import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { addVersion, type ComponentVersions } from "../../src/component/versions.js";
import { childList, type LiveNode } from "../../src/diff/live-node.js";
import { swapComponents } from "../../src/diff/swap.js";
import { LiveTree } from "../../src/diff/live-tree.js";
import { findHandler } from "../../src/diff/props.js";
import { liveToHtml } from "../../src/html/to-html.js";
import { Op } from "../../src/protocol/wire.js";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import type { VNode } from "../../src/vnode/vnode.js";

let ids = 0;
/** A fresh component identity per test: records are process-wide, as in `tether dev`. */
const identity = (name: string) => `test/swap-${++ids}.ts#${name}`;

/** Records `type` as the newest version of `id` and returns the set a swap takes. */
function newVersion(id: string, type: Function): Set<ComponentVersions> {
  return new Set([addVersion(id, type)!]);
}

/** Clicks the element with `id` attribute `name`: calls its handler now, as an event does. */
function click(tree: LiveTree, name: string): void {
  for (const id of tree.handlers.ids()) {
    const live = tree.handlers.get(id)!;
    const v = live.vnode as VNode;
    if (v.props.id !== name) continue;
    let owner = live.parent;
    while (owner !== null && owner.instance == null) owner = owner.parent;
    findHandler(v.props, "click")!.call(owner?.instance);
    return;
  }
  throw new Error(`no #${name} with a handler`);
}

describe("swapComponents", () => {
  it("moves a class component onto its new class: state kept, the new render and the new methods as handlers", () => {
    const id = identity("Counter");
    class CounterV1 extends Component<Record<string, never>, { count: number }> {
      state = { count: 0 };
      inc() {
        this.setState({ count: this.state.count + 1 });
      }
      render() {
        return html`<p><button id="inc" onClick=${this.inc}>+</button><output>${this.state.count}</output></p>`;
      }
    }
    addVersion(id, CounterV1);
    const tree = new LiveTree();
    tree.render(h(CounterV1, {}));
    click(tree, "inc");
    click(tree, "inc");
    tree.flush();
    const instance = findComponent(tree).instance;

    class CounterV2 extends Component<Record<string, never>, { count: number }> {
      state = { count: 0 };
      inc() {
        this.setState({ count: this.state.count + 10 });
      }
      render() {
        return html`<p><button id="inc" onClick=${this.inc}>add</button><output>${this.state.count}</output></p>`;
      }
    }
    expect(swapComponents(tree, newVersion(id, CounterV2))).toBe(1);
    const ops = tree.flush();
    // One ordinary patch: the button's new template text replaces it (a template's static text is
    // its site's); the <p> (1) and the <output> (4) with its text stay as they are.
    expect(ops).toEqual([
      [Op.Remove, 2],
      [Op.Create, 1, 4, 6, [["button", { id: "inc", "@click": 1 }, "add"]]],
    ]);
    expect(liveToHtml(tree.root)).toContain("<output>2</output>");
    click(tree, "inc"); // the handler is the new method
    tree.flush();
    expect(liveToHtml(tree.root)).toContain("<output>12</output>");
    expect(findComponent(tree).instance).toBe(instance);
  });

  it("gives new fields their initial values, drops removed ones, and adds the new state keys", () => {
    const id = identity("Fields");
    class V1 extends Component<Record<string, never>, { a: number }> {
      state = { a: 1 };
      old = "gone soon";
      kept = 5;
      render() {
        return html`<p>${this.state.a}</p>`;
      }
    }
    addVersion(id, V1);
    const tree = new LiveTree();
    tree.render(h(V1, {}));
    const live = findComponent(tree);
    const instance = live.instance as unknown as Record<string, unknown>;
    instance.kept = 7;
    (live.instance as V1).setState({ a: 3 });
    tree.flush();

    class V2 extends Component<Record<string, never>, { a: number; b: string }> {
      state = { a: 0, b: "new" };
      kept = 0;
      added = ["initial"];
      render() {
        return html`<p>${this.state.a} ${this.state.b} ${this.kept} ${this.added[0]}</p>`;
      }
    }
    swapComponents(tree, newVersion(id, V2));
    tree.flush();
    expect(live.instance).toBe(instance);
    expect(instance).toBeInstanceOf(V2);
    expect(Object.hasOwn(instance, "old")).toBe(false);
    expect(liveToHtml(tree.root)).toBe("<p>3 new 7 initial</p>");
  });

  it("swaps only the components whose code changed, every instance of them", () => {
    const changedId = identity("Row");
    const otherId = identity("Other");
    const renders: string[] = [];
    const Row1 = ({ label }: { label: string }) => (renders.push(`row1 ${label}`), html`<li>${label}</li>`);
    const Other = () => (renders.push("other"), html`<b>other</b>`);
    addVersion(changedId, Row1);
    addVersion(otherId, Other);
    const tree = new LiveTree();
    tree.render(html`<ul>${h(Row1, { label: "a" })}${h(Row1, { label: "b" })}</ul>${h(Other, {})}`);
    renders.length = 0;

    const Row2 = ({ label }: { label: string }) => (renders.push(`row2 ${label}`), html`<li>[${label}]</li>`);
    expect(swapComponents(tree, newVersion(changedId, Row2))).toBe(2);
    const ops = tree.flush();
    expect(renders.sort()).toEqual(["row2 a", "row2 b"]);
    expect(ops.some((op) => op[0] === Op.Remove && op[1] === 1)).toBe(false); // the <ul> stays
    expect(liveToHtml(tree.root)).toBe("<ul><li>[a]</li><li>[b]</li></ul><b>other</b>");
  });

  it("unmounts the components the new code no longer renders", () => {
    const id = identity("Parent");
    const unmounted: string[] = [];
    class Child extends Component {
      unmount() {
        unmounted.push("child");
      }
      render() {
        return html`<i>child</i>`;
      }
    }
    class P1 extends Component {
      render() {
        return html`<div>${h(Child, {})}</div>`;
      }
    }
    addVersion(id, P1);
    const tree = new LiveTree();
    tree.render(h(P1, {}));
    class P2 extends Component {
      render() {
        return html`<div>no child</div>`;
      }
    }
    swapComponents(tree, newVersion(id, P2));
    tree.flush();
    expect(unmounted).toEqual(["child"]);
    expect(liveToHtml(tree.root)).toBe("<div>no child</div>");
  });

  it("keeps a component's place when its parent renders an older version of it", () => {
    const id = identity("Leaf");
    class Leaf1 extends Component<Record<string, never>, { n: number }> {
      state = { n: 4 };
      render() {
        return html`<i>v1 ${this.state.n}</i>`;
      }
    }
    addVersion(id, Leaf1);
    class Parent extends Component {
      render() {
        return html`<div>${h(Leaf1, {})}</div>`; // holds the first version: its module ran once
      }
    }
    const tree = new LiveTree();
    tree.render(h(Parent, {}));
    class Leaf2 extends Component<Record<string, never>, { n: number }> {
      state = { n: 0 };
      render() {
        return html`<i>v2 ${this.state.n}</i>`;
      }
    }
    swapComponents(tree, newVersion(id, Leaf2));
    findComponent(tree).instance!.setState({}); // the parent renders again, with Leaf1
    tree.flush();
    expect(liveToHtml(tree.root)).toBe("<div><i>v2 4</i></div>");
    // A new tree (a new tab) creates the newest version too.
    const fresh = new LiveTree();
    fresh.render(h(Parent, {}));
    expect(liveToHtml(fresh.root)).toBe("<div><i>v2 0</i></div>");
  });

  it("leaves an instance as it was when the new class's constructor throws, and reports it", () => {
    const id = identity("Throws");
    class T1 extends Component {
      render() {
        return html`<p>one</p>`;
      }
    }
    addVersion(id, T1);
    const errors: string[] = [];
    const tree = new LiveTree({ onError: (_error, where) => errors.push(where) });
    tree.render(h(T1, {}));
    class T2 extends Component {
      constructor(props: Record<string, unknown>) {
        super(props);
        throw new Error("broken");
      }
      render() {
        return html`<p>two</p>`;
      }
    }
    expect(swapComponents(tree, newVersion(id, T2))).toBe(0);
    expect(tree.flush()).toEqual([]);
    expect(errors).toEqual(["constructing the new <T1> to swap it in"]);
    expect(findComponent(tree).instance).toBeInstanceOf(T1);
  });
});

/** The first component live node of a tree. */
function findComponent(tree: LiveTree): LiveNode {
  const stack = [tree.root];
  while (stack.length > 0) {
    const live = stack.shift()!;
    if (live.instance != null) return live;
    stack.push(...childList(live));
  }
  throw new Error("no component");
}
