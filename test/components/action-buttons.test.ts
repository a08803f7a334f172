import { afterEach, expect, test } from "vitest";
import { Component, html, type LiveEvent } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { ActionButtons } from "../../components/index.js";

afterEach(cleanup);

class Actions extends Component<Record<string, never>, { last: string; submitted: string }> {
  state = { last: "", submitted: "" };

  act(event: LiveEvent) {
    this.setState({ last: `${String(event.data.type)}:${String(event.data.value)}` });
  }

  submit(event: LiveEvent) {
    this.setState({ submitted: String(event.form?.action) });
  }

  render() {
    return html`<form onSubmit=${this.submit}>
      <${ActionButtons} onAction=${this.act} buttons=${[{ label: "Save" }, { label: "Save as draft", value: "draft" }, { label: "Cancel", type: "cancel" }, { label: "Delete", type: "button", color: "danger" }]} />
      <p id="last">${this.state.last}</p><p id="submitted">${this.state.submitted}</p>
    </form>`;
  }
}

test("submit buttons send their value as the form's action; the others call onAction with theirs", async () => {
  const view = await render(Actions);
  expect(view.getAll("button").map((b) => b.attr("type"))).toEqual(["submit", "submit", "button", "button"]);
  expect(view.getByRole("button", { name: "Delete" }).attr("class")).toContain("tether-danger");
  await view.click(view.getByRole("button", { name: "Cancel" }));
  expect(view.get("#last").text).toBe("cancel:Cancel");
  await view.click(view.getByRole("button", { name: "Delete" }));
  expect(view.get("#last").text).toBe("button:Delete");
  await view.click(view.getByRole("button", { name: "Save as draft" }));
  expect(view.get("#submitted").text).toBe("draft");
});

test("pending disables the submit buttons and marks them busy", async () => {
  const view = await render(ActionButtons, { props: { buttons: [{ label: "Go" }, { label: "Back", type: "cancel" }], pending: true } });
  expect(view.getByRole("button", { name: "Go" }).attr("disabled")).not.toBeNull();
  expect(view.getByRole("button", { name: "Go" }).attr("aria-busy")).toBe("true");
  expect(view.getByRole("button", { name: "Back" }).attr("disabled")).toBeNull();
});
