/**
 * The result types of the page's calls to the server (`window.tether`, runtime/page-api.ts),
 * checked by `tsc --noEmit` (which `npm test` runs): `T` says what the server answers
 * (unchecked at run time) and defaults to unknown; an API typed with `getTether<Api>()` keeps
 * its methods' own parameter and result types.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { TetherPage } from "../../runtime/page-api.js";
import type { AuroraViewAlias } from "../../runtime/auroraview-alias.js";

declare const tether: TetherPage;
declare const auroraview: AuroraViewAlias;

const todoApi = {
  add: ({ title }: { title: string }) => ({ id: 1, title }),
  count: async () => 3,
  move: (from: number, to: number) => from + to,
};
declare const typed: TetherPage<typeof todoApi>;

describe("TetherPage result types", () => {
  it("takes the result's type of call as a type parameter, unknown unless said", () => {
    expectTypeOf(tether.call<{ ok: boolean }>("files.save", { name: "a" })).toEqualTypeOf<Promise<{ ok: boolean }>>();
    expectTypeOf(tether.call("files.save")).toEqualTypeOf<Promise<unknown>>();
    expectTypeOf(auroraview.call<number>("api.add", { a: 1, b: 2 })).toEqualTypeOf<Promise<number>>();
    // Options may hold an undefined timeout (exactOptionalPropertyTypes).
    void tether.call("x", null, { timeout: undefined as number | undefined });
  });

  it("lets an untyped api method say its result's type", () => {
    expectTypeOf(tether.api.add!<number>({ a: 1, b: 2 })).toEqualTypeOf<Promise<number>>();
    expectTypeOf(tether.namespace("tools").list!()).toEqualTypeOf<Promise<unknown>>();
  });

  it("keeps a typed api's parameters and results", () => {
    expectTypeOf(typed.api.add({ title: "milk" })).toEqualTypeOf<Promise<{ id: number; title: string }>>();
    expectTypeOf(typed.api.count()).toEqualTypeOf<Promise<number>>();
    expectTypeOf(typed.api.move([1, 2])).toEqualTypeOf<Promise<number>>();
    // @ts-expect-error: add takes { title }
    void typed.api.add({ name: "milk" });
    // @ts-expect-error: no such method
    void typed.api.remove;
  });
});
