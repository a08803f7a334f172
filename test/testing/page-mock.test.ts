/**
 * The page side of a view, played by the test: executeJs answered by mocks (strict unless
 * `js: "loose"`), functions exposed to callClient, tether.call and sendEvent as page scripts
 * make them, and what emit sent. Each travels over the wire through the runtime's own bridge.
 */
import { afterEach, describe, expect, test } from "vitest";
import { Component, html, JsExecutionError } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";

afterEach(cleanup);

class Js extends Component<Record<string, never>, { out: string }> {
  state = { out: "" };

  async title() {
    try {
      const value = await this.session.executeJs("return document.title + suffix", { args: { suffix: "!" }, waitForResult: true });
      this.setState({ out: JSON.stringify(value) });
    } catch (error) {
      this.setState({ out: error instanceof JsExecutionError ? `${error.jsName ?? ""}: ${error.jsMessage ?? ""}` : String(error) });
    }
  }

  async size() {
    const size = (await this.session.getJsResult("const size = { w: innerWidth };", "size")) as { w: number };
    this.setState({ out: `w=${size.w}` });
  }

  async confirm() {
    try {
      this.setState({ out: `confirmed: ${String(await this.session.callClient("confirm", ["Delete?"]))}` });
    } catch (error) {
      this.setState({ out: `${(error as Error).name}: ${(error as Error).message}` });
    }
  }

  mount() {
    this.session.bindCall("add", (params) => {
      const { a, b } = params as { a: number; b: number };
      this.setState({ out: `added ${a + b}` });
      return { sum: a + b };
    });
    this.session.on("ping", (detail) => this.setState({ out: `ping ${JSON.stringify(detail)}` }));
  }

  render() {
    return html`
      <button id="title" onClick=${this.title}>title</button>
      <button id="size" onClick=${this.size}>size</button>
      <button id="confirm" onClick=${this.confirm}>confirm</button>
      <button id="emit" onClick=${() => this.session.emit("saved", { id: 7 })}>emit</button>
      <output id="out">${this.state.out}</output>
    `;
  }
}

describe("executeJs", () => {
  test("a mock answers with the code and its named arguments; its value returns to the server", async () => {
    const view = await render(Js);
    view.page.onExecuteJs((code, args) => (code.includes("document.title") ? `Page${String(args.suffix)}` : undefined));
    await view.click("#title");
    expect(view.get("#out").text).toBe('"Page!"');
    expect(view.page.executed).toEqual([{ code: "return document.title + suffix", args: { suffix: "!" } }]);
  });

  test("getJsResult, and an async mock: the view settles once it has answered", async () => {
    const view = await render(Js);
    view.page.onExecuteJs(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { w: 1024 };
    });
    await view.click("#size");
    expect(view.get("#out").text).toBe("w=1024");
    expect(view.page.executed[0].code).toContain("const size = { w: innerWidth };");
  });

  test("a mock that throws is the page's error, by name", async () => {
    const view = await render(Js);
    view.page.onExecuteJs(() => {
      throw new TypeError("no document here");
    });
    await view.click("#title");
    expect(view.get("#out").text).toBe("TypeError: no document here");
  });

  test("without a mock, executeJs fails the test; with js: loose it answers undefined", async () => {
    const strict = await render(Js);
    await expect(strict.click("#title")).rejects.toThrow('executeJs("return document.title + suffix") has no mock: answer it with view.page.onExecuteJs');
    const loose = await render(Js, { js: "loose" });
    await loose.click("#title");
    expect(loose.get("#out").text).toBe("");
    expect(loose.page.executed).toHaveLength(1);
  });
});

describe("the page's side of the bridge", () => {
  test("expose answers callClient; without it, the page's NotFound error reaches the server", async () => {
    const view = await render(Js);
    await view.click("#confirm");
    expect(view.get("#out").text).toBe('JsExecutionError: NotFoundError: no function "confirm" is exposed in the page (tether.expose)');
    const asked: unknown[] = [];
    const unexpose = view.page.expose("confirm", (question: string) => {
      asked.push(question);
      return true;
    });
    await view.click("#confirm");
    expect(view.get("#out").text).toBe("confirmed: true");
    expect(asked).toEqual(["Delete?"]);
    unexpose();
    await view.click("#confirm");
    expect(view.get("#out").text).toMatch(/^JsExecutionError: NotFoundError/);
  });

  test("call and sendEvent as a page script makes them; events the server emitted", async () => {
    const view = await render(Js);
    expect(await view.page.call("add", { a: 2, b: 3 })).toEqual({ sum: 5 });
    expect(view.get("#out").text).toBe("added 5");
    await expect(view.page.call("nope")).rejects.toThrow(/nope/);
    await view.page.sendEvent("ping", { n: 1 });
    expect(view.get("#out").text).toBe('ping {"n":1}');
    await view.click("#emit");
    await view.click("#emit");
    expect(view.page.events).toEqual([
      { event: "saved", payload: { id: 7 } },
      { event: "saved", payload: { id: 7 } },
    ]);
  });
});
