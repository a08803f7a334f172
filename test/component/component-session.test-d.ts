/**
 * The result types of a session's page requests, checked by `tsc --noEmit` (which `npm test`
 * runs): `T` says what the page answers (unchecked at run time), and defaults to unknown.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { ComponentSession } from "../../src/component/component-session.js";
import type { LiveSession } from "../../src/session/live-session.js";

declare const session: ComponentSession;
declare const live: LiveSession;

describe("ComponentSession result types", () => {
  it("takes the result's type as a type parameter", () => {
    expectTypeOf(session.executeJs<number>("return innerWidth", { waitForResult: true })).toEqualTypeOf<Promise<number>>();
    expectTypeOf(session.getJsResult<[number, number]>("const size = [innerWidth, innerHeight];", "size")).toEqualTypeOf<Promise<[number, number]>>();
    expectTypeOf(session.callClient<string>("selection", [], { timeout: 2000 })).toEqualTypeOf<Promise<string>>();
  });

  it("is unknown unless said", () => {
    expectTypeOf(session.executeJs("return 1", { waitForResult: true })).toEqualTypeOf<Promise<unknown>>();
    expectTypeOf(session.getJsResult("const x = 1;", "x")).toEqualTypeOf<Promise<unknown>>();
    expectTypeOf(session.callClient("selection")).toEqualTypeOf<Promise<unknown>>();
  });

  it("is the same on LiveSession", () => {
    expectTypeOf(live.executeJs<{ ok: boolean }>("return { ok: true }", { waitForResult: true })).toEqualTypeOf<Promise<{ ok: boolean }>>();
    expectTypeOf(live.getJsResult<string>("", "document.title")).toEqualTypeOf<Promise<string>>();
    expectTypeOf(live.callClient<number>("count")).toEqualTypeOf<Promise<number>>();
    // @ts-expect-error: the result is what was said, not anything else
    expectTypeOf(live.callClient<number>("count")).toEqualTypeOf<Promise<string>>();
  });

  it("takes options whose fields may be undefined (exactOptionalPropertyTypes)", () => {
    const timeout = undefined as number | undefined;
    const signal = undefined as AbortSignal | undefined;
    void session.executeJs("", { waitForResult: undefined, timeout, signal, args: undefined });
    void session.callClient("f", [], { timeout, signal });
  });
});
