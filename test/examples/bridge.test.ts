/**
 * The bridge example without a browser (its Chromium test is test/e2e/bridge.test.ts): the
 * test plays the page script, calling the bound API, sending events, and reading emits.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, render } from "tether-live/test";
import { Bridge } from "../../examples/bridge.js";

afterEach(cleanup);

test("the page calls the bound API: values back, a thrown error by its name", async () => {
  const view = await render(Bridge);
  expect(await view.page.call("api.add", { a: 2, b: 3 })).toBe(5);
  expect(await view.page.call("api.echo", [{ deep: [1, "two", null] }])).toEqual({ deep: [1, "two", null] });
  await expect(view.page.call("api.fail")).rejects.toThrow("this method always fails");
  await expect(view.page.call("api.fail")).rejects.toMatchObject({ name: "ValueError" });
});

test("sendEvent reaches session.on; a click's emit reaches the page", async () => {
  const view = await render(Bridge);
  await view.page.sendEvent("ping");
  await view.page.sendEvent("ping");
  expect(view.get("#pings").text).toBe("2");
  await view.click("#notify");
  await view.click("#notify");
  expect(view.page.events).toEqual([
    { event: "welcome", payload: { text: "emitted by mount(), kept until the page subscribed" } },
    { event: "notice", payload: { n: 1 } },
    { event: "notice", payload: { n: 2 } },
  ]);
});

test("the Ping button is the page script's, not the server's", async () => {
  const view = await render(Bridge);
  await expect(view.click("#ping")).rejects.toThrow("#ping has no click handler");
});
