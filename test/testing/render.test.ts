import { afterEach, expect, test } from "vitest";
import { cleanup, render } from "../../src/testing/index.js";
import { Counter } from "../../examples/counter.js";

afterEach(cleanup);

test("a click on the counter", async () => {
  const view = await render(Counter);
  expect(view.get("#count").text).toBe("0");
  await view.click("#inc");
  expect(view.get("#count").text).toBe("1");
  expect(view.lastPatch()).toEqual([[7, expect.any(Number), "1"]]);
});
