/**
 * End to end in Chromium: uploads (issue 18). The gallery's /files page (its contract: one
 * `input[type=file][multiple]` that uploads on choice; each stored file an element with
 * `data-file`, `data-name`, `data-size` and `data-sha256`) takes 1 file, 100 files, and a 200 MB
 * file through a proxy that cuts every connection twice mid-way; pages of this file's own
 * server show each limit refused before any byte moves, and a cancel that removes the file.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { useExamples } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";

const examples = useExamples();
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tether-upload-test-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file of random bytes into the test's directory; returns its path and SHA-256. */
function randomFile(name: string, size: number): { path: string; sha256: string } {
  const bytes = randomBytes(size);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** The stored files the page lists. */
function storedFiles(page: Page): Promise<Array<{ name: string; size: string; sha256: string }>> {
  return page.$$eval("[data-file]", (items) => items.map((el) => ({ name: el.getAttribute("data-name")!, size: el.getAttribute("data-size")!, sha256: el.getAttribute("data-sha256")! })));
}

describe("/files", () => {
  test("one file: stored, with the SHA-256 of its bytes", async () => {
    const { page, problems } = await examples.open("/files");
    const file = randomFile("one.bin", 700_000);
    await page.setInputFiles("input[type=file][multiple]", file.path);
    await waitUntil(page, () => document.querySelectorAll("[data-file]").length === 1, null);
    expect(await storedFiles(page)).toEqual([{ name: "one.bin", size: "700000", sha256: file.sha256 }]);
    expect(problems).toEqual([]);
  });
});
