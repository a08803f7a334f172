import { describe, expect, it, vi } from "vitest";
import { Component } from "../../src/component/component.js";
import { componentName, shallowEqual } from "../../src/diff/render-component.js";
import { childList, type LiveNode } from "../../src/diff/live-node.js";
import { Op } from "../../src/protocol/wire.js";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import type { VNode } from "../../src/vnode/vnode.js";
import { freshHtml, mirrored } from "../support/ops-model.js";

const { Create, Remove, Move, SetText } = Op;

/** A counter that records its renders and hooks in `log`. */
function counterClass(log: string[]) {
  return class Counter extends Component<{ label: string }, { n: number }> {
    override state = { n: 0 };
    inc() {
      this.setState({ n: this.state.n + 1 });
    }
    mount() {
      log.push(`mount ${this.props.label}`);
    }
    unmount() {
      log.push(`unmount ${this.props.label}`);
    }
    render() {
      log.push(`render ${this.props.label}`);
      return html`<b>${this.props.label}=${this.state.n}</b>`;
    }
  };
}

/** The component instances under the tree's root, in document order. */
function instances<T>(root: LiveNode): T[] {
  const out: T[] = [];
  const walk = (live: LiveNode) => {
    if (live.instance) out.push(live.instance as T);
    for (const c of childList(live)) walk(c);
  };
  walk(root);
  return out;
}

describe("function components", () => {
  it("are not re-rendered when their props are shallowly equal", () => {
    const Label = vi.fn((p: { text: string }) => html`<i>${p.text}</i>`);
    const m = mirrored();
    const view = (title: string) => html`<div><h1>${title}</h1><${Label} text="same" /></div>`;
    m.render(view("a"));
    const rendered = m.tree.stats!.rendered;
    expect(m.render(view("b"))).toEqual([[SetText, 3, "b"]]);
    expect(m.tree.stats!.rendered).toBe(rendered);
    expect(Label).toHaveBeenCalledTimes(1);
  });

  it("are re-rendered when a prop changes, patching only their output", () => {
    const Label = (p: { text: string }) => html`<i>${p.text}</i>`;
    const m = mirrored();
    m.render(h("div", null, h(Label, { text: "x" })));
    expect(m.render(h("div", null, h(Label, { text: "y" })))).toEqual([[SetText, 3, "y"]]);
    expect(m.tree.stats!.rendered).toBe(2);
  });

  it("are re-rendered for a new object prop even if equal in content", () => {
    const List = vi.fn((p: { items: string[] }) => p.items.join());
    const m = mirrored();
    m.render(h(List, { items: ["a"] }));
    expect(m.render(h(List, { items: ["a"] }))).toEqual([]);
    expect(List).toHaveBeenCalledTimes(2);
  });

  it("may render several nodes or none; the nodes are siblings in the parent element", () => {
    const Pair = (p: { on: boolean }) => (p.on ? ["a", h("b", null)] : null);
    const m = mirrored();
    m.render(h("p", null, "[", h(Pair, { on: true }), "]"));
    expect(m.html()).toBe("<p>[<!---->a<b></b>]</p>");
    expect(m.render(h("p", null, "[", h(Pair, { on: false }), "]"))).toEqual([[Remove, 3], [Remove, 4]]);
    expect(m.render(h("p", null, "[", h(Pair, { on: true }), "]"))).toEqual([[Create, 1, 5, 6, ["a", ["b", 0]]]]);
  });
});

describe("class components", () => {
  it("keep their instance and state across parent re-renders (identity by position)", () => {
    const log: string[] = [];
    const Counter = counterClass(log);
    const m = mirrored();
    const view = (title: string) => html`<main><h1>${title}</h1><${Counter} label="c" /></main>`;
    m.render(view("one"));
    const [counter] = instances<InstanceType<typeof Counter>>(m.tree.root);
    counter.inc();
    m.flush();
    m.render(view("two"));
    expect(instances(m.tree.root)[0]).toBe(counter);
    expect(m.html()).toBe("<main><h1>two</h1><b>c<!---->=<!---->1</b></main>");
    expect(log).toEqual(["mount c", "render c", "render c"]); // equal props: not rendered for the parent
  });

  it("follow their key when reordered: the nodes move and state goes with them", () => {
    const log: string[] = [];
    const Counter = counterClass(log);
    const m = mirrored();
    const view = (keys: string[]) => h("div", null, keys.map((k) => h(Counter, { key: k, label: k })));
    m.render(view(["a", "b"]));
    const [a, b] = instances<InstanceType<typeof Counter>>(m.tree.root);
    b.inc();
    m.flush();
    log.length = 0;
    // div 1; a: b 2 (texts 3-5), b: b 6
    expect(m.render(view(["b", "a"]))).toEqual([[Move, 6, 1, 2]]);
    expect(instances(m.tree.root)).toEqual([b, a]);
    expect(m.html()).toBe("<div><b>b<!---->=<!---->1</b><b>a<!---->=<!---->0</b></div>");
    expect(log).toEqual([]);
  });

  it("get a new instance, and the old one unmounts, when the key changes", () => {
    const log: string[] = [];
    const Counter = counterClass(log);
    const m = mirrored();
    m.render(h(Counter, { key: 1, label: "x" }));
    const first = instances(m.tree.root)[0];
    expect(m.render(h(Counter, { key: 2, label: "x" }))).toEqual([[Remove, 1], [Create, 0, 0, 5, [["b", 0, "x", "=", "0"]]]]);
    expect(instances(m.tree.root)[0]).not.toBe(first);
    expect(log).toEqual(["mount x", "render x", "mount x", "render x", "unmount x"]);
  });

  it("see new props and re-render when the parent passes them", () => {
    const log: string[] = [];
    const Counter = counterClass(log);
    const m = mirrored();
    m.render(h(Counter, { label: "a" }));
    const c = instances<InstanceType<typeof Counter>>(m.tree.root)[0];
    expect(m.render(h(Counter, { label: "b" }))).toEqual([[SetText, 2, "b"]]);
    expect(c.props).toEqual({ label: "b" });
  });

  it("are given the tree's session", () => {
    const session = { id: "s1" };
    const Counter = counterClass([]);
    const m = mirrored({ session });
    m.render(h(Counter, { label: "a" }));
    expect(instances<InstanceType<typeof Counter>>(m.tree.root)[0].session).toBe(session);
  });
});

describe("setState", () => {
  it("re-renders only the component that changed, at the next flush", () => {
    const log: string[] = [];
    const Counter = counterClass(log);
    const m = mirrored();
    m.render(html`<div>${["a", "b", "c"].map((k) => html`<${Counter} key=${k} label=${k} />`)}</div>`);
    log.length = 0;
    const rendered = m.tree.stats!.rendered;
    const b = instances<InstanceType<typeof Counter>>(m.tree.root)[1];
    b.inc();
    expect(log).toEqual([]); // nothing until the flush
    // div 1; a: <b> 2 and texts 3-5; b: <b> 6 and texts 7-9
    expect(m.flush()).toEqual([[SetText, 9, "1"]]);
    expect(log).toEqual(["render b"]);
    expect(m.tree.stats!.rendered - rendered).toBe(1);
  });

  it("batches several calls before a flush into one render and one invalidation", () => {
    const log: string[] = [];
    const onInvalidate = vi.fn();
    const Counter = counterClass(log);
    const m = mirrored({ onInvalidate });
    m.render(h(Counter, { label: "a" }));
    const c = instances<InstanceType<typeof Counter>>(m.tree.root)[0];
    c.inc();
    c.inc();
    c.setState((s) => ({ n: s.n + 1 }));
    expect(m.tree.isDirty).toBe(true);
    expect(onInvalidate).toHaveBeenCalledTimes(1);
    expect(m.flush()).toEqual([[SetText, 4, "3"]]);
    expect(m.tree.isDirty).toBe(false);
    expect(log.filter((l) => l.startsWith("render"))).toHaveLength(2);
    expect(m.flush()).toEqual([]);
  });

  it("does nothing when the updater returns null", () => {
    const Counter = counterClass([]);
    const m = mirrored();
    m.render(h(Counter, { label: "a" }));
    instances<InstanceType<typeof Counter>>(m.tree.root)[0].setState(() => null);
    expect(m.tree.isDirty).toBe(false);
  });

  it("renders a dirty parent before its dirty child, and the child once", () => {
    const log: string[] = [];
    const Counter = counterClass(log);
    class Parent extends Component<{}, { title: string }> {
      override state = { title: "t" };
      render() {
        log.push("render parent");
        return h("section", null, this.state.title, h(Counter, { label: this.state.title }));
      }
    }
    const m = mirrored();
    m.render(h(Parent, null));
    const [parent, child] = instances<Component<{}, { title: string }>>(m.tree.root);
    log.length = 0;
    (child as unknown as InstanceType<typeof Counter>).inc();
    parent.setState({ title: "u" });
    // section 1, its text 2, <b> 3 with texts 4-6: one batch, children last to first
    expect(m.flush()).toEqual([[SetText, 6, "1"], [SetText, 4, "u"], [SetText, 2, "u"]]);
    expect(log).toEqual(["render parent", "render u"]);
    expect(m.html()).toBe(freshHtml(h("section", null, "u", h("b", null, "u", "=", "1"))));
  });

  it("inserts at the component's end when it grows on its own, before the next sibling", () => {
    class Grow extends Component<{}, { n: number }> {
      override state = { n: 0 };
      render() {
        return Array.from({ length: this.state.n }, (_, i) => h("i", { key: i }));
      }
    }
    const m = mirrored();
    m.render(h("p", null, "a", h(Grow, null), "z"));
    const grow = instances<Grow>(m.tree.root)[0];
    grow.setState({ n: 2 });
    expect(m.flush()).toEqual([[Create, 1, 3, 4, [["i", 0], ["i", 0]]]]);
    grow.setState({ n: 3 });
    expect(m.flush()).toEqual([[Create, 1, 3, 6, [["i", 0]]]]);
    grow.setState({ n: 0 });
    expect(m.flush()).toEqual([[Remove, 4], [Remove, 5], [Remove, 6]]);
    expect(m.html()).toBe("<p>a<!---->z</p>");
  });

  it("is ignored once the component has unmounted", () => {
    const Counter = counterClass([]);
    const m = mirrored();
    m.render(h(Counter, { label: "a" }));
    const c = instances<InstanceType<typeof Counter>>(m.tree.root)[0];
    m.render(null);
    c.inc();
    expect(c.unmounted).toBe(true);
    expect(m.tree.isDirty).toBe(false);
    expect(m.flush()).toEqual([]);
  });
});

describe("errors", () => {
  it("keep the old output when a re-render throws, and report it through onError", () => {
    const onError = vi.fn();
    class Fragile extends Component<{}, { broken: boolean }> {
      override state = { broken: false };
      render() {
        if (this.state.broken) throw new Error("boom");
        return h("b", null, "ok");
      }
    }
    const m = mirrored({ onError });
    m.render(h("div", null, h(Fragile, null)));
    instances<Fragile>(m.tree.root)[0].setState({ broken: true });
    expect(m.flush()).toEqual([]);
    expect(m.html()).toBe("<div><b>ok</b></div>");
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0][0]).toEqual(new Error("boom"));
    expect(onError.mock.calls[0][1]).toBe("rendering <Fragile>");
  });

  it("render nothing for a component whose first render throws, and go on with its siblings", () => {
    const onError = vi.fn();
    const Broken = () => {
      throw new TypeError("bad");
    };
    const m = mirrored({ onError });
    expect(m.render(h("ul", null, h(Broken, null), h("li", null, "next")))).toEqual([[Create, 0, 0, 1, [["ul", 0, ["li", 0, "next"]]]]]);
    expect(onError).toHaveBeenCalledWith(new TypeError("bad"), "rendering <Broken>");
  });

  it("report a throwing constructor, mount or unmount hook with where it happened", () => {
    const where: string[] = [];
    class BadCtor extends Component {
      constructor(props: Record<string, unknown>) {
        super(props);
        throw new Error("ctor");
      }
      render() {
        return "never";
      }
    }
    class BadHooks extends Component {
      mount() {
        throw new Error("mount");
      }
      unmount() {
        throw new Error("unmount");
      }
      render() {
        return "shown";
      }
    }
    const m = mirrored({ onError: (_e, w) => where.push(w) });
    m.render(h("div", null, h(BadCtor, null), h(BadHooks, null)));
    expect(m.html()).toBe("<div>shown</div>");
    m.render(h("div", null));
    expect(where).toEqual(["constructing <BadCtor>", "<BadHooks>.mount()", "<BadHooks>.unmount()"]);
  });
});

describe("lifecycle", () => {
  it("runs unmount hooks of removed components after the render, deepest included", () => {
    const log: string[] = [];
    const Counter = counterClass(log);
    const Box = (p: { label: string }) => h("div", null, h(Counter, { label: p.label }));
    const m = mirrored();
    m.render(h("main", null, h(Box, { key: "x", label: "x" }), h(Counter, { key: "y", label: "y" })));
    log.length = 0;
    m.render(h("main", null, h(Counter, { key: "y", label: "y" })));
    expect(log).toEqual(["unmount x"]);
    expect(m.tree.unmounted).toBeNull(); // the hooks ran and the list is gone
  });

  it("renders again when an async mount settles", async () => {
    class Loader extends Component<{}, { text: string }> {
      override state = { text: "loading" };
      async mount() {
        await Promise.resolve();
        this.state = { text: "loaded" }; // no setState: the settled mount alone triggers the render
      }
      render() {
        return h("p", null, this.state.text);
      }
    }
    const onInvalidate = vi.fn();
    const m = mirrored({ onInvalidate });
    m.render(h(Loader, null));
    expect(m.tree.pendingMounts).toHaveLength(1);
    await Promise.all(m.tree.pendingMounts!);
    expect(onInvalidate).toHaveBeenCalledTimes(1);
    expect(m.flush()).toEqual([[SetText, 2, "loaded"]]);
  });
});

describe("helpers", () => {
  it("shallowEqual compares own values by identity and the number of keys", () => {
    const f = () => {};
    expect(shallowEqual({ a: 1, f }, { a: 1, f })).toBe(true);
    expect(shallowEqual({}, {})).toBe(true);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(shallowEqual({ a: [] }, { a: [] })).toBe(false);
    expect(shallowEqual({ a: NaN }, { a: NaN })).toBe(false);
  });

  it("componentName prefers displayName, then the function name", () => {
    const Named = () => null;
    const Shown = Object.assign(() => null, { displayName: "Shown" });
    expect(componentName(h(Named, null))).toBe("<Named>");
    expect(componentName(h(Shown, null))).toBe("<Shown>");
    expect(componentName({ type: null } as unknown as VNode)).toBe("<Anonymous>");
  });
});
