import { afterEach, describe, expect, test } from "vitest";
import { Component, html, type Renderable } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Dialog, DialogHost } from "../../components/index.js";

afterEach(cleanup);

class Page extends Component<Record<string, never>, { open: boolean; closes: number }> {
  state = { open: false, closes: 0 };
  show() {
    this.setState({ open: true });
  }
  close() {
    this.setState({ open: false, closes: this.state.closes + 1 });
  }
  render(): Renderable {
    const dialog = this.state.open ? html`<${Dialog} title="Delete?" id="ask" onClose=${this.close}><button id="yes">Yes</button></${Dialog}>` : null;
    return html`<${DialogHost} dialog=${dialog}><button id="show" onClick=${this.show}>Show</button><p id="closes">${this.state.closes}</p></${DialogHost}>`;
  }
}

describe("Dialog and DialogHost", () => {
  test("closed: the page is not inert and there is no dialog", async () => {
    const view = await render(Page);
    expect(view.query("dialog")).toBeNull();
    expect(view.get(".tether-dialog-page").attr("inert")).toBeNull();
  });

  test("open: a titled modal dialog, the page behind it inert and hidden from screen readers", async () => {
    const view = await render(Page);
    await view.click("#show");
    const dialog = view.get("dialog#ask");
    expect([dialog.attr("open"), dialog.attr("aria-modal"), dialog.attr("aria-labelledby")]).toEqual(["", "true", "ask-title"]);
    expect(view.get("#ask-title").text).toBe("Delete?");
    const page = view.get(".tether-dialog-page");
    expect([page.attr("inert"), page.attr("aria-hidden")]).toEqual(["", "true"]);
  });

  test("its close button and Escape close it", async () => {
    const view = await render(Page);
    await view.click("#show");
    await view.click(view.getByRole("button", { name: "Close" }));
    expect(view.query("dialog")).toBeNull();
    await view.click("#show");
    await view.keyDown("dialog", "Escape");
    expect(view.query("dialog")).toBeNull();
    expect(view.get("#closes").text).toBe("2");
    expect(view.get(".tether-dialog-page").attr("inert")).toBeNull();
  });

  test("without onClose it has no close button", async () => {
    const view = await render(Dialog, { props: { title: "Wait" } });
    expect(view.query(".tether-dialog-close")).toBeNull();
  });
});
