/**
 * The components in JSX: inputs are function components returning one element, so they type-check
 * as JSX components (a compile error here fails tsc), and render the same as with `html`.
 */
import { afterEach, expect, test } from "vitest";
import { Component } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { ActionButtons, EmailInput, field, Form, Switch, TextInput } from "../../components/index.js";

afterEach(cleanup);

const fields = [field(EmailInput, { name: "email", label: "Email", required: true })];

class Page extends Component {
  override render() {
    return (
      <main>
        <TextInput name="q" label="Search" debounce={200} />
        <Switch name="on" label="On" value={true} />
        <ActionButtons buttons={[{ label: "Go", type: "button" }]} />
        <Form fields={fields} onSubmit={(values) => void values.email} submitLabel="Join" />
      </main>
    );
  }
}

test("inputs and the form render from JSX", async () => {
  const view = await render(Page);
  expect(view.getByLabel("Search").attr("t-debounce")).toBe("200");
  expect(view.getByRole("switch").checked).toBe(true);
  expect(view.getByRole("button", { name: "Join" }).attr("type")).toBe("submit");
  expect(view.getByLabel(/Email/).attr("name")).toBe("email");
});
