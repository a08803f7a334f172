import { describe, expect, test } from "vitest";
import { JS, ClientCommands } from "../../src/template/client-commands.js";
import { parseCommands } from "../../src/protocol/client-commands.js";
import { html } from "../../src/template/html.js";
import { h } from "../../src/template/h.js";
import { LiveTree } from "../../src/diff/index.js";
import { Op } from "../../src/protocol/wire.js";

describe("JS, the client commands builder", () => {
  test("each method adds its command; a chain is a new list, the start stays empty", () => {
    const chain = JS.show("#m", { display: "flex" }).hide().toggle("#m").addClass("#m", "a b").removeClass(undefined, "a").toggleClass("#m", "c")
      .setAttribute("#m", "title", "t").removeAttribute("#m", "title").focus("#i").dispatch("#m", "ev", { x: 1 }).transition("#m", "fade", 150).push("opened", { id: 2 }).push("plain");
    expect(chain.commands).toEqual([
      ["show", "#m", "flex"], ["hide", null], ["toggle", "#m"], ["add_class", "#m", "a b"], ["remove_class", null, "a"], ["toggle_class", "#m", "c"],
      ["set_attr", "#m", "title", "t"], ["remove_attr", "#m", "title"], ["focus", "#i"], ["dispatch", "#m", "ev", { x: 1 }], ["transition", "#m", "fade", 150],
      ["push", null, "opened", { id: 2 }], ["push", null, "plain"],
    ]);
    expect(JS.commands).toEqual([]);
    // What the builder writes, the page reads.
    expect(parseCommands(chain.toString())).toEqual(chain.commands);
  });

  test("in a template the attribute is the list's JSON (htm and h alike)", () => {
    const commands = JS.toggle("#menu");
    const a = html`<button t-js=${commands}>x</button>` as unknown as { props: Record<string, unknown> };
    const b = h("button", { "t-js-keydown": commands }) as unknown as { props: Record<string, unknown> };
    expect(a.props["t-js"]).toBe('[["toggle","#menu"]]');
    expect(b.props["t-js-keydown"]).toBe('[["toggle","#menu"]]');
    expect(commands).toBeInstanceOf(ClientCommands);
  });

  test("a re-render with an equal list (a new object) sends no patch", () => {
    const page = (n: number) => html`<div><button t-js=${JS.toggle("#menu").push("opened", { n: 1 })}>menu</button><span>${n}</span></div>`;
    const tree = new LiveTree();
    tree.paint(page(0));
    const ops = tree.render(page(1));
    expect(ops.map((op) => op[0])).toEqual([Op.SetText]);
  });
});
