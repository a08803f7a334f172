import { afterEach, describe, expect, test } from "vitest";
import { html } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Collapse } from "../../components/index.js";

afterEach(cleanup);

describe("Collapse", () => {
  test("a <details> with its title as summary, closed unless open", async () => {
    const view = await render(() => html`<div><${Collapse} id="a" title="More">hidden text</${Collapse}><${Collapse} id="b" title="Open" open>shown</${Collapse}></div>`);
    expect(view.get("#a summary").text).toBe("More");
    expect(view.get("#a .tether-collapse-body").text).toBe("hidden text");
    expect(view.get("#a").attr("open")).toBeNull();
    expect(view.get("#b").attr("open")).not.toBeNull();
  });
});
