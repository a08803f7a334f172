/** The encoding functions of encode.ts: each writes exactly what the other side reads back. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodePatch, joinQuery } from "../../src/protocol/encode.js";
import { parseJoinQuery } from "../../src/protocol/validate.js";
import { Msg, Op, PROTOCOL_VERSION, type PatchMessage, type PatchOp } from "../../src/protocol/wire.js";

describe("encodePatch", () => {
  it("writes exactly what JSON.stringify writes for the Patch message, with and without `a`", () => {
    const ops: PatchOp[] = [[Op.SetText, 7, 'quote " backslash \\ newline \n \u2028'], [Op.SetAttr, 3, "class", "a b"], [Op.Remove, 4]];
    const withA: PatchMessage = { k: Msg.Patch, s: 12, o: ops, a: 5 };
    const withoutA: PatchMessage = { k: Msg.Patch, s: 1, o: ops };
    expect(encodePatch(12, ops, 5)).toBe(JSON.stringify(withA));
    expect(encodePatch(1, ops)).toBe(JSON.stringify(withoutA));
    expect(JSON.parse(encodePatch(12, ops, 5))).toEqual(withA);
  });

  it("writes what JSON.stringify writes for any ops: any text (escapes, surrogates, emoji), numbers, booleans, null, nested trees", () => {
    const value = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }), // lone surrogates too
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.string({ maxLength: 300 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.string())), { maxLength: 4 }),
    );
    const op = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.array(value, { maxLength: 4 })).map(([code, rest]) => [code, ...rest] as unknown as PatchOp);
    fc.assert(
      fc.property(fc.nat(), fc.array(op, { maxLength: 6 }), fc.option(fc.nat(), { nil: undefined }), (s, ops, a) => {
        const message: PatchMessage = a === undefined ? { k: Msg.Patch, s, o: ops } : { k: Msg.Patch, s, o: ops, a };
        expect(encodePatch(s, ops, a)).toBe(JSON.stringify(message));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("joinQuery", () => {
  it("writes the version, the path, the sid and the join token (if any) as a URL's query", () => {
    expect(joinQuery(1, null, "/a b?x=1", null)).toBe("?v=1&path=%2Fa%20b%3Fx%3D1");
    expect(joinQuery(1, "s/+", "/", null)).toBe("?v=1&path=%2F&sid=s%2F%2B");
    expect(joinQuery(1, "s", "/", "a.b=")).toBe("?v=1&path=%2F&sid=s&t=a.b%3D");
  });

  it("is read back by parseJoinQuery as the Join it stands for, for any sid and path", () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 256 }), { nil: null }), fc.string({ maxLength: 2048 }), fc.option(fc.string({ maxLength: 1024 }), { nil: null }), (sid, path, t) => {
        expect(parseJoinQuery(joinQuery(PROTOCOL_VERSION, sid, path, t))).toEqual(t === null ? { k: Msg.Join, v: PROTOCOL_VERSION, sid, path } : { k: Msg.Join, v: PROTOCOL_VERSION, sid, path, t });
      }),
    );
  });
});
