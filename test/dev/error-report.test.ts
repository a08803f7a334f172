import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { codeFrame, errorReport } from "../../src/dev/error-report.js";

const root = mkdtempSync(join(tmpdir(), "tether-report-"));
const file = join(root, "counter.ts");
writeFileSync(file, ["line 1", "line 2", "  throw new Error('x');", "line 4", "line 5", "line 6"].join("\n"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("codeFrame", () => {
  it("numbers the lines around the failing one, marks it and points at the column", () => {
    expect(codeFrame(file, 3, 3)).toBe(["  1 | line 1", "  2 | line 2", "> 3 |   throw new Error('x');", "    |   ^", "  4 | line 4", "  5 | line 5"].join("\n"));
  });

  it("is empty for a file that cannot be read", () => {
    expect(codeFrame(join(root, "gone.ts"), 1, 1)).toBe("");
  });
});

describe("errorReport", () => {
  it("places a thrown error at its first stack frame in the project, skipping packages", () => {
    const error = new Error("render broke");
    error.stack = `Error: render broke\n    at helper (${root}/node_modules/lib/index.js:9:9)\n    at Counter.render (${file}:3:9)\n    at renderComponent (/elsewhere/x.js:1:1)`;
    const report = errorReport(error, "rendering <Counter>", root);
    expect(report).toMatchObject({ type: "error", where: "rendering <Counter>", message: "render broke", location: "counter.ts:3:9" });
    expect(report.frame).toContain("> 3 |   throw new Error('x');");
  });

  it("takes a transform error's location and frame from the error Rolldown reports inside it", () => {
    const error = Object.assign(new Error("Transform failed with 1 error"), { errors: [{ message: "Expected `}`", loc: { file, line: 2, column: 4 }, frame: "2: line 2" }] });
    expect(errorReport(error, "loading counter.ts", root)).toMatchObject({ location: "counter.ts:2:5", frame: "2: line 2" });
  });

  it("reports an error without a place in the project by its message and stack alone", () => {
    const report = errorReport("a string thrown", "rendering <X>", root);
    expect(report.message).toBe("a string thrown");
    expect(report.location).toBeUndefined();
  });
});
