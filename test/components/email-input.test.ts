import { expect, test } from "vitest";
import { render } from "../../src/testing/index.js";
import { EmailInput } from "../../components/index.js";
import { describeInput } from "./input.case.js";

describeInput("EmailInput", EmailInput, { name: "email", value: "" });

test("EmailInput is type=email and refuses text that is no address", async () => {
  const view = await render(EmailInput, { props: { name: "email" } });
  expect(view.get("input").attr("type")).toBe("email");
  expect(EmailInput.check("ann", { name: "email" })).toMatch(/email address/);
  expect(EmailInput.check("ann@example", { name: "email" })).toMatch(/email address/);
  expect(EmailInput.check("ann@example.com", { name: "email" })).toBeUndefined();
});
