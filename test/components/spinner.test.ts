import { afterEach, describe, expect, test } from "vitest";
import { cleanup, render } from "../../src/testing/index.js";
import { Spinner } from "../../components/index.js";

afterEach(cleanup);

describe("Spinner", () => {
  test("a status with its label read (hidden) or shown", async () => {
    const view = await render(Spinner, { props: {} });
    expect(view.getByRole("status").text.trim()).toBe("Loading…");
    expect(view.query(".tether-visually-hidden")).not.toBeNull();
    const shown = await render(Spinner, { props: { label: "Saving", showLabel: true } });
    expect(shown.get(".tether-spinner-label").text).toBe("Saving");
  });
});
