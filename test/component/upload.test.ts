/** Upload (component/upload.ts): progress re-renders throttled, other changes at once; watchers; consume and cancel through the service. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { PROGRESS_RENDER_INTERVAL, Upload, type UploadEntry, type UploadService } from "../../src/component/upload.js";

function fakeService(calls: string[]): UploadService {
  return {
    declare: () => "token",
    close: () => void calls.push("close"),
    cancel: (_u, entry) => void calls.push(`cancel ${entry.id}`),
    start: () => void calls.push("start"),
    file: (_u, entry) => ({ entry, path: `/tmp/${entry.id}`, stream: () => undefined as never }),
    release: async (_u, entry) => void calls.push(`release ${entry.id}`),
  };
}

const entry = (id: string): UploadEntry => ({ id, name: id, size: 1, type: "", received: 1, progress: 100, done: true, error: null, image: false });

describe("Upload", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("progress alone re-renders at most once per interval, the last one later; other changes at once", () => {
    const renders: string[] = [];
    const upload = new Upload("u", {}, () => renders.push("owner"), () => ({ service: fakeService([]), sessionId: "s" }));
    upload.watch(() => renders.push("watcher"));
    upload.update(true);
    upload.update(true);
    upload.update(true);
    expect(renders).toEqual(["owner", "watcher"]);
    vi.advanceTimersByTime(PROGRESS_RENDER_INTERVAL);
    expect(renders).toEqual(["owner", "watcher", "owner", "watcher"]);
    upload.update();
    expect(renders).toHaveLength(6);
  });

  test("the token is declared once, on first use; consume hands the file over, then releases and removes the entry; cancel", async () => {
    const calls: string[] = [];
    let declared = 0;
    const upload = new Upload("u", {}, () => undefined, () => (declared++, { service: fakeService(calls), sessionId: "s" }));
    expect(declared).toBe(0);
    expect([upload.token, upload.token]).toEqual(["token", "token"]);
    expect(declared).toBe(1);
    upload.entries.push(entry("a"), entry("b"));
    expect(await upload.consume(upload.entries[0], (file) => file.path)).toBe("/tmp/a");
    upload.cancel("b");
    upload.cancel("unknown");
    expect(calls).toEqual(["release a", "cancel b"]);
    expect(upload.entries).toEqual([]);
    upload.close();
    expect(calls.at(-1)).toBe("close");
  });

  test("consume releases the file also when the callback throws", async () => {
    const calls: string[] = [];
    const upload = new Upload("u", {}, () => undefined, () => ({ service: fakeService(calls), sessionId: "s" }));
    upload.entries.push(entry("a"));
    await expect(upload.consume(upload.entries[0], () => Promise.reject(new Error("disk full")))).rejects.toThrow("disk full");
    expect(calls).toEqual(["release a"]);
    expect(upload.entries).toEqual([]);
  });
});
