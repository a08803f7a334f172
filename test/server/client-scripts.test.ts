import { describe, expect, test } from "vitest";
import { clientScripts } from "../../src/server/client-scripts.js";

const plain = { client: false, islands: false };

describe("clientScripts: the on-demand scripts a page loads", () => {
  test("none for a page without hooks, commands or islands", () => {
    expect(clientScripts('<main><button id="x">t-js as text</button></main>', plain, "/_tether", false, "", true)).toBe("");
  });

  test("tether-client for a t-js, a t-js-<event> or a t-hook in the first paint, or the route's client: true", () => {
    const script = '<script src="/_tether/tether-client.js"></script>';
    expect(clientScripts('<button t-js="[]">', plain, "/_tether", false, "", false)).toBe(script);
    expect(clientScripts('<input t-js-input="[]">', plain, "/_tether", false, "", false)).toBe(script);
    expect(clientScripts('<div t-hook="Chart">', plain, "/_tether", false, "", false)).toBe(script);
    expect(clientScripts("<main></main>", { client: true, islands: false }, "/_tether", false, "", false)).toBe(script);
    expect(clientScripts('<div t-hook="Chart">', plain, "/t", true, "n0nce", false)).toBe('<script src="/t/tether-client.dev.js" nonce="n0nce"></script>');
  });

  test("with an island, the app's islands bundle after tether-client; without an islands folder, tether-client alone", () => {
    const page = '<div t-island="chart" t-props="{}" t-ignore>';
    expect(clientScripts(page, plain, "/_tether", false, "", true)).toBe('<script src="/_tether/tether-client.js"></script><script src="/_tether/islands.js"></script>');
    expect(clientScripts("<main></main>", { client: true, islands: true }, "/_tether", false, "", true)).toContain("/_tether/islands.js");
    expect(clientScripts(page, plain, "/_tether", false, "", false)).toBe('<script src="/_tether/tether-client.js"></script>');
  });
});
