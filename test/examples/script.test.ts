/**
 * The script console example without a browser (its Chromium test is test/e2e/script.test.ts):
 * the page's side of executeJs and getJsResult is played by mocks.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, render } from "tether-live/test";
import { Script } from "../../examples/script.js";

afterEach(cleanup);

test("Run sends the form's code and timeout; the mock's value is shown as JSON", async () => {
  const view = await render(Script);
  view.page.onExecuteJs((code) => (code === "return 6 * 7" ? { answer: 42 } : undefined));
  await view.submit("#console", { code: "return 6 * 7", timeout: "500" });
  expect(view.get("#result").text).toBe('{\n  "answer": 42\n}');
  expect(view.query("#error")).toBeNull();
  expect(view.get("#timeout").value).toBe("500");
  expect(view.get("#run").attr("disabled")).toBeNull();
});

test("the page's error is shown by its name; a code that returns nothing shows undefined", async () => {
  const view = await render(Script);
  view.page.onExecuteJs(() => {
    throw new ReferenceError("nope is not defined");
  });
  await view.click("#run");
  expect(view.get("#error").text).toBe("ReferenceError: nope is not defined");
  view.page.onExecuteJs(() => undefined);
  await view.click("#run");
  expect(view.get("#result").text).toBe("undefined");
});

test("a mock slower than the timeout: the server's timeout error is shown", async () => {
  const view = await render(Script);
  view.page.onExecuteJs(() => new Promise((resolve) => setTimeout(resolve, 300)));
  await view.submit("#console", { code: "await new Promise(() => {})", timeout: "50" });
  expect(view.get("#error").text).toMatch(/Timeout/);
});

test("Viewport size asks the page for a variable with getJsResult", async () => {
  const view = await render(Script);
  view.page.onExecuteJs(() => ({ width: 800, height: 600 }));
  await view.click("#size");
  expect(view.get("#viewport").text).toBe("800 × 600");
  expect(view.page.executed[0].code).toContain("const size = { width: innerWidth, height: innerHeight };");
});

test("without a mock the test fails, naming the code", async () => {
  const view = await render(Script);
  await expect(view.click("#size")).rejects.toThrow(/has no mock: answer it with view\.page\.onExecuteJs/);
});
