/** The chunk frame (protocol/upload-chunks.ts) and the validation of an upload connection's text messages (validate.ts). */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { decodeChunk, encodeChunk, MAX_CHUNK_BYTES, Msg } from "../../src/protocol/wire.js";
import { parseUploadMessage, ProtocolError } from "../../src/protocol/validate.js";

describe("chunk frames", () => {
  test("what the page encodes, the server decodes: id, offset and bytes, for any of them", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), fc.maxSafeNat(), fc.uint8Array({ maxLength: 300 }), (id, offset, data) => {
        const frame = encodeChunk(id, offset, data);
        const chunk = decodeChunk(Buffer.from(frame.buffer, frame.byteOffset, frame.length))!;
        expect(chunk.id).toBe(id);
        expect(chunk.offset).toBe(offset);
        expect([...chunk.data]).toEqual([...data]);
      }),
    );
  });

  test("malformed frames decode to null: too short, an empty or non-ASCII id, a negative or fractional offset, too large", () => {
    expect(decodeChunk(new Uint8Array([3, 65, 66]))).toBeNull();
    expect(decodeChunk(new Uint8Array(20))).toBeNull(); // id length 0
    const bad = encodeChunk("ab", 0, new Uint8Array(2));
    bad[1] = 0x0a;
    expect(decodeChunk(bad)).toBeNull();
    expect(decodeChunk(encodeChunk("ab", -1, new Uint8Array(1)))).toBeNull();
    expect(decodeChunk(encodeChunk("ab", 1.5, new Uint8Array(1)))).toBeNull();
    expect(decodeChunk(encodeChunk("ab", 0, new Uint8Array(MAX_CHUNK_BYTES + 1)))).toBeNull();
    expect(decodeChunk(encodeChunk("ab", 0, new Uint8Array(MAX_CHUNK_BYTES)))?.data.length).toBe(MAX_CHUNK_BYTES);
  });
});

describe("parseUploadMessage", () => {
  test("UploadFiles and UploadAt in their forms", () => {
    expect(parseUploadMessage(`{"k":${Msg.UploadFiles},"r":1,"f":[{"n":"a.png","s":10,"t":"image/png"}]}`)).toEqual({ k: Msg.UploadFiles, r: 1, f: [{ n: "a.png", s: 10, t: "image/png" }] });
    expect(parseUploadMessage(`{"k":${Msg.UploadAt},"id":"abc"}`)).toEqual({ k: Msg.UploadAt, id: "abc" });
    expect(parseUploadMessage(`{"k":${Msg.UploadAt},"id":"abc","o":5}`)).toEqual({ k: Msg.UploadAt, id: "abc", o: 5 });
  });

  test("anything else is a ProtocolError saying what is wrong", () => {
    const bad: Array<[string, RegExp]> = [
      ["nope", /not valid JSON/],
      ["[1]", /JSON object/],
      [`{"k":${Msg.Event}}`, /unknown upload message kind/],
      [`{"k":${Msg.UploadFiles},"r":1,"f":[]}`, /array of 1 to/],
      [`{"k":${Msg.UploadFiles},"r":1,"f":[{"n":"a","s":-1,"t":""}]}`, /"f.s" must be a non-negative integer/],
      [`{"k":${Msg.UploadFiles},"r":1,"f":[{"n":1,"s":1,"t":""}]}`, /"f.n" must be a string/],
      [`{"k":${Msg.UploadFiles},"r":1,"f":[null]}`, /must hold objects/],
      [`{"k":${Msg.UploadAt},"id":"a","o":1.5}`, /"o" must be a non-negative integer/],
      [`{"k":${Msg.UploadAt},"id":"${"x".repeat(65)}"}`, /longer than 64/],
    ];
    for (const [text, message] of bad) {
      expect(() => parseUploadMessage(text), text).toThrow(ProtocolError);
      expect(() => parseUploadMessage(text), text).toThrow(message);
    }
  });
});
