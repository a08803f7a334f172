/**
 * fromSchema: a Standard Schema (the interface zod, valibot and arktype implement) as a form's
 * group validator. The schemas here are written by hand to that interface: no library needed.
 */
import { afterEach, expect, test } from "vitest";
import { Component, html } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { field, Form, fromSchema, NumberInput, TextInput, type StandardIssue, type StandardSchema } from "../../components/index.js";

afterEach(cleanup);

/** A schema as a library would make it: `check` returns the issues of a value. */
function schema(check: (value: Record<string, unknown>) => StandardIssue[], async = false): StandardSchema {
  return {
    "~standard": {
      version: 1,
      vendor: "test",
      validate(value) {
        const issues = check(value as Record<string, unknown>);
        const result = issues.length === 0 ? { value } : { issues };
        return async ? Promise.resolve(result) : result;
      },
    },
  };
}

const adult = schema((v) => {
  const issues: StandardIssue[] = [];
  if (typeof v.age !== "number" || v.age < 18) issues.push({ message: "Adults only.", path: ["age"] });
  if (String(v.name).length < 2) issues.push({ message: "Too short.", path: [{ key: "name" }] }, { message: "Second issue of name.", path: ["name"] });
  if (v.name === "nobody") issues.push({ message: "About the whole form." });
  return issues;
});

test("issues become messages by field: the first issue of each, paths as keys or segments", () => {
  const validate = fromSchema(adult, "name");
  expect(validate({ name: "A", age: 3 })).toEqual({ age: "Adults only.", name: "Too short." });
  expect(validate({ name: "Ann", age: 30 })).toBeUndefined();
  expect(validate({ name: "nobody", age: 30 })).toEqual({ name: "About the whole form." });
  expect(fromSchema(adult)({ name: "nobody", age: 30 })).toEqual({});
});

test("an async schema answers with a promise", async () => {
  expect(await fromSchema(schema(() => [{ message: "No.", path: ["x"] }], true))({})).toEqual({ x: "No." });
});

test("in a Form: the schema's messages show on their fields, and a valid submit goes through", async () => {
  const calls: unknown[] = [];
  const fields = [field(TextInput, { name: "name", label: "Name" }), field(NumberInput, { name: "age", label: "Age" })];
  class Page extends Component {
    render() {
      return html`<${Form} fields=${fields} validate=${fromSchema(adult)} onSubmit=${(v: unknown) => calls.push(v)} />`;
    }
  }
  const view = await render(Page);
  await view.submit("form", { name: "A", age: "12" });
  expect(view.get(`#${view.get('[name="age"]').attr("aria-describedby")}`).text).toBe("Adults only.");
  expect(calls).toEqual([]);
  await view.submit("form", { name: "Ann", age: "40" });
  expect(calls).toEqual([{ name: "Ann", age: 40 }]);
});
