/**
 * The Form, driven as a user would through tether-live/test: messages appear as the user types
 * (debounced) and clear once fixed, async validators answer late and stale answers are dropped,
 * a group validator fails a named field, a refused submit shows the summary and calls nothing,
 * a submit hands typed values and keeps the button disabled until the handler settles.
 */
import { afterEach, describe, expect, test } from "vitest";
import { Component, html } from "../../src/index.js";
import { cleanup, render, type View } from "../../src/testing/index.js";
import { CheckboxGroup, EmailInput, field, Form, NumberInput, PasswordInput, Switch, TextInput, type FormValues } from "../../components/index.js";

afterEach(cleanup);

/** A promise the test settles. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Waits until `check` holds in the view (answers of async validators come after the event's). */
async function until(view: View, check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) {
    await new Promise((r) => setTimeout(r, 10));
    await view.settled();
  }
  expect(check()).toBe(true);
}

/** Waits until `check` holds, without waiting for events to be answered. */
async function poll(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

const messageOf = (view: View, name: string) => {
  const input = view.get(`[name="${name}"]`);
  const id = input.attr("aria-describedby");
  return { invalid: input.attr("aria-invalid") === "true", message: id === null ? "" : view.get(`#${id}`).text };
};

function host(props: Record<string, unknown>) {
  return class Host extends Component {
    render() {
      return html`<${Form} ...${props} />`;
    }
  };
}

describe("Form: feedback as the user types", () => {
  const fields = [
    field(TextInput, { name: "username", label: "Username", required: true, minLength: 3 }),
    field(PasswordInput, { name: "password", label: "Password", required: true }),
    field(PasswordInput, { name: "confirm", label: "Confirm" }),
  ];
  const validate = (v: { password: string; confirm: string }) => (v.confirm !== "" && v.password !== v.confirm ? { confirm: "The passwords differ." } : undefined);

  test("a message appears after typing, clears once fixed, and the field shows valid", async () => {
    const view = await render(host({ fields, onSubmit: () => {} }));
    expect(messageOf(view, "username").invalid).toBe(false);
    await view.input('[name="username"]', "ab");
    expect(messageOf(view, "username")).toEqual({ invalid: true, message: "Use at least 3 characters." });
    await view.input('[name="username"]', "abc");
    expect(messageOf(view, "username").invalid).toBe(false);
    expect(view.get(".tether-field").attr("class")).toContain("tether-valid");
    // What was typed stays as typed.
    expect(view.get('[name="username"]').value).toBe("abc");
  });

  test("the group validator fails the field it names", async () => {
    const view = await render(host({ fields, validate, onSubmit: () => {} }));
    await view.input('[name="password"]', "secret1");
    await view.input('[name="confirm"]', "secret2");
    expect(messageOf(view, "confirm")).toEqual({ invalid: true, message: "The passwords differ." });
    await view.input('[name="confirm"]', "secret1");
    expect(messageOf(view, "confirm").invalid).toBe(false);
  });

  test("an async validator answers later; an answer overtaken by newer typing is dropped", async () => {
    const answers: Record<string, ReturnType<typeof deferred<string | undefined>>> = {};
    const taken = (name: string) => (answers[name] = deferred<string | undefined>()).promise;
    const view = await render(host({ fields: [field(TextInput, { name: "username", label: "Username", validate: taken })], onSubmit: () => {} }));
    await view.input('[name="username"]', "admin");
    expect(view.get('[name="username"]').attr("aria-busy")).toBe("true");
    await view.input('[name="username"]', "bob");
    answers.bob.resolve(undefined);
    answers.admin.resolve("That name is taken."); // late, and about text no longer there
    await until(view, () => view.get('[name="username"]').attr("aria-busy") === null);
    await view.settled();
    expect(messageOf(view, "username").invalid).toBe(false);
    await view.input('[name="username"]', "admin");
    answers.admin.resolve("That name is taken.");
    await until(view, () => messageOf(view, "username").invalid);
    expect(messageOf(view, "username").message).toBe("That name is taken.");
  });
});

describe("Form: submit", () => {
  const fields = [
    field(TextInput, { name: "name", label: "Name", required: true }),
    field(NumberInput, { name: "age", label: "Age", min: 0 }),
    field(CheckboxGroup, { name: "tags", label: "Tags", options: ["a", "b", "c"] }),
    field(Switch, { name: "news", label: "News" }),
    field(EmailInput, { name: "email", label: "Email" }),
  ];
  // The values' types follow from the fields (a compile-time check: a wrong type fails tsc).
  const typed: FormValues<typeof fields> = { name: "Ann", age: null, tags: ["a"], news: false, email: "" };
  void typed;

  test("a refused submit shows every message and the summary, and calls nothing", async () => {
    const calls: unknown[] = [];
    const view = await render(host({ fields, onSubmit: (values: unknown) => calls.push(values) }));
    await view.submit("form", { age: "x", email: "nope" });
    expect(calls).toEqual([]);
    expect(messageOf(view, "name").message).toBe("This field is required.");
    expect(messageOf(view, "age").message).toBe("Enter a number.");
    expect(messageOf(view, "email").message).toMatch(/email address/);
    const summary = view.getByRole("alert");
    expect(summary.html).toContain('href="#name"');
    expect(view.getAll(".tether-summary li").length).toBe(3);
  });

  test("typed values reach the handler; the submit button is disabled until it settles", async () => {
    const done = deferred<void>();
    const calls: unknown[] = [];
    const view = await render(host({ fields, resetAfterSubmit: true, onSubmit: (values: unknown) => (calls.push(values), done.promise) }));
    await view.input('[name="name"]', "Ann");
    await view.check('[name="tags"][value="a"]');
    await view.check('[name="tags"][value="c"]');
    await view.check('[name="news"]');
    await view.input('[name="age"]', "41");
    // The submit's event is answered once the handler settles: no settling in between.
    const submitted = view.submit("form");
    await poll(() => calls.length === 1 && view.getByRole("button", { name: "Submit" }).attr("disabled") !== null);
    expect(calls[0]).toEqual({ name: "Ann", age: 41, tags: ["a", "c"], news: true, email: "" });
    expect(view.get("form").attr("aria-busy")).toBe("true");
    done.resolve();
    await submitted;
    expect(view.getByRole("button", { name: "Submit" }).attr("disabled")).toBeNull();
    // resetAfterSubmit: the fields are empty again.
    expect(view.get('[name="name"]').value).toBe("");
    expect(view.get('[name="tags"][value="a"]').checked).toBe(false);
  });

  test("messages the handler answers are shown on their fields", async () => {
    const view = await render(host({ fields, onSubmit: () => ({ name: "Taken since you checked." }) }));
    await view.submit("form", { name: "Ann" });
    await until(view, () => messageOf(view, "name").invalid);
    expect(messageOf(view, "name").message).toBe("Taken since you checked.");
  });

  test("Reset goes back to the initial values; Cancel calls onCancel", async () => {
    let cancelled = 0;
    const view = await render(host({ fields, initial: { name: "Bo", age: 7 }, reset: true, onCancel: () => cancelled++, onSubmit: () => {} }));
    expect(view.get('[name="age"]').value).toBe("7");
    await view.input('[name="name"]', "Zed");
    await view.click(view.getByRole("button", { name: "Reset" }));
    expect(view.get('[name="name"]').value).toBe("Bo");
    await view.click(view.getByRole("button", { name: "Cancel" }));
    expect(cancelled).toBe(1);
  });
});

describe("Form: callbacks are called as element handlers are", () => {
  test("a parent's methods passed unbound run with the parent as `this`: onSubmit, onCancel, field and group validators", async () => {
    class Signup extends Component<{}, { saved: string; cancelled: number }> {
      state = { saved: "", cancelled: 0 };
      taken = ["admin"];
      fields = [field(TextInput, { name: "name", label: "Name", validate: this.isFree })];
      isFree(name: string) {
        return this.taken.includes(name) ? "Taken." : undefined;
      }
      notReserved(values: { name: string }) {
        return values.name === this.taken[0].toUpperCase() ? { name: "Reserved." } : undefined;
      }
      save(values: { name: string }) {
        this.setState({ saved: values.name });
      }
      cancel() {
        this.setState({ cancelled: this.state.cancelled + 1 });
      }
      render() {
        return html`<${Form} fields=${this.fields} validate=${this.notReserved} onSubmit=${this.save} onCancel=${this.cancel} />
          <p id="saved">${this.state.saved}</p><p id="cancelled">${this.state.cancelled}</p>`;
      }
    }
    const view = await render(Signup);
    await view.input('[name="name"]', "admin");
    await until(view, () => messageOf(view, "name").message === "Taken.");
    await view.input('[name="name"]', "ADMIN");
    await until(view, () => messageOf(view, "name").message === "Reserved.");
    await view.submit("form", { name: "Ann" });
    await until(view, () => view.get("#saved").text === "Ann");
    await view.click(view.getByRole("button", { name: "Cancel" }));
    expect(view.get("#cancelled").text).toBe("1");
  });
});
