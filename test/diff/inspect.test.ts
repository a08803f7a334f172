/**
 * The devtools' component tree (src/diff/inspect.ts): components nested as they rendered each
 * other, each with its key, first DOM node, props, state and the fields it keeps beside them;
 * Component's own fields left out; bounded in components and in values.
 */
import { describe, expect, test } from "vitest";
import { Component, COMPONENT_FIELDS } from "../../src/component/component.js";
import { inspectTree } from "../../src/diff/index.js";
import { LiveTree } from "../../src/diff/live-tree.js";
import { DEV_REPORT_COMPONENTS, type SummaryEntries } from "../../src/protocol/wire.js";
import { html } from "../../src/template/html.js";

class Row extends Component<{ label: string; onPick: () => void }> {
  render() {
    return html`<li>${this.props.label}</li>`;
  }
}

function Badge({ text }: { text: string }) {
  return html`<b>${text}</b>`;
}

class List extends Component<Record<string, never>, { items: string[]; picked: string | null }> {
  state = { items: ["a", "b"], picked: null as string | null };
  // Kept beside the state: the devtools show it as a field.
  cache = new Map([["a", 1]]);
  pick() {}
  render() {
    return html`<main><${Badge} text="hi" /><ul>${this.state.items.map((i) => html`<${Row} key=${i} label=${i} onPick=${this.pick} />`)}</ul></main>`;
  }
}

describe("inspectTree", () => {
  test("components nest as they rendered each other, with key, first node, props, state and own fields", () => {
    const tree = new LiveTree();
    tree.render(html`<${List} />`);
    const { components, left } = inspectTree(tree);
    expect(left).toBe(0);
    expect(components).toHaveLength(1);
    const [list] = components;
    expect(list.n).toBe("<List>");
    expect(list.id).toBe(1); // its <main>
    expect(list.s).toEqual({ t: "Object", n: 2, e: [["items", { t: "Array", n: 2, e: [["0", "a"], ["1", "b"]] }], ["picked", null]] });
    expect(list.f).toEqual({ t: "Object", n: 1, e: [["cache", { t: "Map", n: 1, e: [["a", 1]] }]] });
    expect(list.c!.map((c) => [c.n, c.k, c.s === undefined])).toEqual([
      ["<Badge>", undefined, true], // a function component: props only
      ["<Row>", "a", false],
      ["<Row>", "b", false],
    ]);
    const row = list.c![1];
    expect((row.p as SummaryEntries).e).toEqual([["label", "a"], ["onPick", { x: "ƒ pick" }]]);
    expect(row.f).toBeUndefined(); // nothing beside props and state
  });

  test("the state shown is the state after a change", () => {
    const tree = new LiveTree();
    let list: List | null = null;
    class Probe extends List {
      override mount() {
        list = this;
      }
    }
    tree.render(html`<${Probe} />`);
    list!.setState({ picked: "b" });
    tree.flush();
    expect((inspectTree(tree).components[0].s as SummaryEntries).e[1]).toEqual(["picked", "b"]);
  });

  test("Component's own fields are exactly COMPONENT_FIELDS: a bare component shows none of its own", () => {
    class Bare extends Component {
      render() {
        return html`<p>bare</p>`;
      }
    }
    expect(new Set(Object.keys(new Bare({})))).toEqual(COMPONENT_FIELDS);
    const tree = new LiveTree();
    tree.render(html`<${Bare} />`);
    expect(inspectTree(tree).components[0].f).toBeUndefined();
  });

  test("children passed in props are shown as their tags", () => {
    class Frame extends Component<{ children?: unknown }> {
      render() {
        return html`<section>${this.props.children}</section>`;
      }
    }
    const tree = new LiveTree();
    tree.render(html`<${Frame}><p>x</p><${Badge} text="y" /><//>`);
    const props = inspectTree(tree).components[0].p as SummaryEntries;
    expect(props.e).toEqual([["children", { t: "Array", n: 2, e: [["0", { x: "<p>" }], ["1", { x: "<Badge>" }]] }]]);
  });

  test(`at most ${DEV_REPORT_COMPONENTS} components are listed; the rest are counted`, () => {
    const tree = new LiveTree();
    tree.render(html`<ul>${Array.from({ length: DEV_REPORT_COMPONENTS + 5 }, (_, i) => html`<${Badge} key=${i} text=${String(i)} />`)}</ul>`);
    const { components, left } = inspectTree(tree);
    expect(components).toHaveLength(DEV_REPORT_COMPONENTS);
    expect(left).toBe(5);
  });
});
