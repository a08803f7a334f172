import { expect, test } from "vitest";
import { render } from "../../src/testing/index.js";
import { PasswordInput } from "../../components/index.js";
import { describeInput } from "./input.case.js";

describeInput("PasswordInput", PasswordInput, { name: "password", value: "" });

test("PasswordInput hides what is typed and offers the new-password autocomplete it is given", async () => {
  const view = await render(PasswordInput, { props: { name: "password", autocomplete: "new-password" } });
  expect(view.get("input").attr("type")).toBe("password");
  expect(view.get("input").attr("autocomplete")).toBe("new-password");
});
