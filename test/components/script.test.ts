import { afterEach, describe, expect, test } from "vitest";
import { html } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { field, InputCanceledError, NumberInput, RadioGroup, script, ScriptAbortedError, TextInput, type ScriptUI } from "../../components/index.js";

afterEach(cleanup);

describe("script()", () => {
  test("runs to its first input before the first paint; each answer resolves the awaited input, typed", async () => {
    const answers: unknown[] = [];
    const view = await render(script(async (ui) => {
      ui.putMarkdown("# Quiz");
      const name = await ui.input("Your name", { name: "name", required: true });
      const age = await ui.input("Your age", { type: NumberInput, name: "age" });
      answers.push(name, age);
      ui.putText(`${name} is ${age}`);
    }));
    expect(view.get("h1").text).toBe("Quiz");
    expect(view.getByLabel(/Your name/).attr("name")).toBe("name");
    await view.submit('[name="name"]', { name: "" });
    expect(view.get('[name="name"]').attr("aria-invalid")).toBe("true");
    await view.submit('[name="name"]', { name: "Ada" });
    expect(view.query('[name="name"]')).toBeNull();
    await view.submit('[name="age"]', { age: "36" });
    expect(answers).toEqual(["Ada", 36]);
    expect(view.getAll(".tether-output p").at(-1)?.text).toBe("Ada is 36");
    expect(view.query("form")).toBeNull();
  });

  test("inputGroup hands over every field's typed value; a canceled input rejects, or resolves with its cancelValue", async () => {
    const seen: unknown[] = [];
    const view = await render(script(async (ui) => {
      seen.push(await ui.inputGroup("About you", [field(TextInput, { name: "first" }), field(RadioGroup, { name: "pet", options: ["cat", "dog"] })]));
      seen.push(await ui.input("Skip?", { name: "skip", cancelable: true, cancelValue: "skipped" }));
      await ui.input("Again?", { name: "again", cancelable: true }).catch((error: unknown) => seen.push(error instanceof InputCanceledError));
    }));
    await view.submit('[name="first"]', { first: "Ada", pet: "dog" });
    await view.click(view.getByRole("button", { name: "Cancel" }));
    await view.click(view.getByRole("button", { name: "Cancel" }));
    expect(seen).toEqual([{ first: "Ada", pet: "dog" }, "skipped", true]);
  });

  test("scopes: put into, prepend, clear, replace and remove by name", async () => {
    let ui!: ScriptUI;
    const view = await render(script(async (u) => {
      ui = u;
      ui.scope("a");
      ui.scope("b");
      ui.scope("inner", { scope: "a" });
      ui.putText("1", { scope: "a" });
      ui.putText("0", { scope: "a", position: "prepend" });
      ui.putText("x", { scope: "inner" });
      ui.putText("b1", { scope: "b" });
    }));
    const texts = (id: string) => view.getAll(`#tether-scope-${id} p`).map((p) => p.text);
    expect(texts("a")).toEqual(["0", "x", "1"]);
    ui.clear("a");
    await view.settled();
    expect(texts("a")).toEqual([]);
    expect(view.query("#tether-scope-inner")).toBeNull();
    ui.replace("b", html`<p>b2</p>`);
    await view.settled();
    expect(texts("b")).toEqual(["b2"]);
    ui.remove("b");
    await view.settled();
    expect(view.query("#tether-scope-b")).toBeNull();
    expect(() => ui.putText("?", { scope: "b" })).toThrow(/no output scope named "b"/);
  });

  test("pins: the server reads and watches what the page shows, and sets it", async () => {
    let ui!: ScriptUI;
    const watched: unknown[] = [];
    const view = await render(script(async (u) => {
      ui = u;
      ui.putPin(NumberInput, { name: "qty", label: "Quantity", value: 1 });
      ui.watchPin("qty", (value) => watched.push(value));
    }));
    expect(ui.pin("qty")).toBe(1);
    await view.input('[name="qty"]', "5");
    expect(ui.pin("qty")).toBe(5);
    ui.setPin("qty", 9);
    await view.settled();
    expect(view.get('[name="qty"]').value).toBe("9");
    expect(watched).toEqual([5, 9]);
  });

  test("toasts and a popup: the popup makes the page inert until closed", async () => {
    let ui!: ScriptUI;
    const view = await render(script(async (u) => {
      ui = u;
      ui.toast("Saved", { color: "success", duration: 0 });
      ui.popup("Details", html`<p id="inside">Hi</p>`);
    }));
    expect(view.get(".tether-toast-success").text).toContain("Saved");
    expect(view.get("#inside").text).toBe("Hi");
    expect(view.get(".tether-dialog-page").attr("inert")).not.toBeNull();
    await view.click(".tether-dialog-close");
    expect(view.query("dialog")).toBeNull();
  });

  test("the session's end aborts the awaited input with ScriptAbortedError; later ui calls throw it", async () => {
    let ended: unknown;
    let ui!: ScriptUI;
    const view = await render(script(async (u) => {
      // The first session's: after it expires the page comes back to a fresh session, whose script starts anew.
      ui ??= u;
      try {
        await ui.input("Waiting", { name: "w" });
      } catch (error) {
        ended ??= error;
        throw error;
      }
    }));
    await view.expire();
    expect(ended).toBeInstanceOf(ScriptAbortedError);
    expect(ui.signal.aborted).toBe(true);
    expect(() => ui.putText("late")).toThrow(ScriptAbortedError);
  });

  test("an error of the script shows on the page", async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const view = await render(script(async () => {
        throw new Error("boom");
      }));
      await view.settled();
      expect(view.getByRole("alert").text).toMatch(/stopped with an error/);
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
