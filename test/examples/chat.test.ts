/**
 * The chat example without a browser (across two processes over Redis, in Chromium:
 * test/e2e/chat.test.ts): two servers sharing one memory adapter are two processes sharing
 * rooms. A message sent with Enter reaches every tab of the room as a `.message`, `#online`
 * counts people (a person's tabs once), typing shows in the others' tabs, rooms are apart.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, render, type View } from "tether-live/test";
import { memoryAdapter, type TetherOptions } from "../../src/index.js";
import { Chat } from "../../examples/chat.js";

afterEach(cleanup);

function app(pubsub = memoryAdapter()): TetherOptions {
  return { routes: { "/chat": Chat }, dev: true, pubsub };
}

/** Waits (settling the view, at most 5 s) until `read` gives `expected`; returns what it gave last. */
async function eventually<T>(view: View, read: () => T, expected: T): Promise<T> {
  const deadline = Date.now() + 5000;
  let value = read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await view.settled();
    await new Promise((resolve) => setTimeout(resolve, 5));
    value = read();
  }
  return value;
}

const messages = (view: View) => view.getAll(".message").map((m) => m.text);

test("a message sent with Enter reaches both tabs; the field is cleared; #online counts both", async () => {
  const shared = memoryAdapter();
  const ada = await render("/chat?name=ada", app(shared));
  const bob = await render("/chat?name=bob", app(shared));
  expect(await eventually(ada, () => ada.get("#online").text, "2")).toBe("2");
  expect(bob.get("#online").text).toBe("2");
  await ada.input('input[name="message"]', "hello from ada");
  expect(await eventually(bob, () => bob.get("#typing").text, "ada is typing…")).toBe("ada is typing…");
  expect(ada.get("#typing").text).toBe("");
  await ada.submit("form", { message: "hello from ada" });
  expect(await eventually(bob, () => messages(bob), ["ada hello from ada"])).toEqual(["ada hello from ada"]);
  expect(await eventually(ada, () => messages(ada), ["ada hello from ada"])).toEqual(["ada hello from ada"]);
  expect(bob.get("#typing").text).toBe("");
  expect(ada.get('input[name="message"]').value).toBe("");
  await bob.close();
  expect(await eventually(ada, () => ada.get("#online").text, "1")).toBe("1");
});

test("a person's tabs count once; rooms are apart", async () => {
  const shared = memoryAdapter();
  const one = await render("/chat?name=cy", app(shared));
  const two = await render("/chat?name=cy", app(shared));
  const other = await render("/chat?name=di&room=random", app(shared));
  expect(await eventually(one, () => one.get("#online").text, "1")).toBe("1");
  expect(await eventually(other, () => other.get("#online").text, "1")).toBe("1");
  await two.submit("form", { message: "lobby only" });
  expect(await eventually(one, () => messages(one), ["cy lobby only"])).toEqual(["cy lobby only"]);
  await other.settled();
  expect(messages(other)).toEqual([]);
  await other.click(other.getByText("#lobby"));
  expect(await eventually(other, () => other.get("#online").text, "2")).toBe("2");
  expect(await eventually(one, () => one.get("#people").text, "cy, di")).toBe("cy, di");
});
