import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { currentVersion, type ComponentVersions } from "../../src/component/versions.js";
import { addVersions, isComponentExport, isSwappable } from "../../src/dev/app-modules.js";

class Counter extends Component {
  render() {
    return null;
  }
}
const Row = () => null;
class Pool {}

describe("isComponentExport", () => {
  it("takes Component classes and PascalCase functions, nothing else", () => {
    expect(isComponentExport("Counter", Counter)).toBe(true);
    expect(isComponentExport("Row", Row)).toBe(true);
    expect(isComponentExport("default", Counter)).toBe(true);
    expect(isComponentExport("Pool", Pool)).toBe(false); // a class of another kind
    expect(isComponentExport("sourceUrl", () => "")).toBe(false);
    expect(isComponentExport("PAGE_SCRIPT", () => "")).toBe(false);
    expect(isComponentExport("examples", [])).toBe(false);
    expect(isComponentExport("Title", "a string")).toBe(false);
  });
});

describe("isSwappable", () => {
  it("is true of a module that exports components only", () => {
    expect(isSwappable({ Counter, Row })).toBe(true);
  });

  it("is false of a module that exports anything else, or nothing (an entry, a module run for its effects)", () => {
    expect(isSwappable({ Counter, BRIDGE_PAGE_SCRIPT: "<script>" })).toBe(false);
    expect(isSwappable({ Counter, pool: new Pool() })).toBe(false);
    expect(isSwappable({})).toBe(false);
    expect(isSwappable(undefined)).toBe(false);
  });
});

describe("addVersions", () => {
  it("records each component as the newest version of file#name, and reports only the new ones", () => {
    const changed = new Set<ComponentVersions>();
    addVersions("/app/a.ts", { Counter, Row }, changed);
    expect([...changed].map((r) => r.id).sort()).toEqual(["/app/a.ts#Counter", "/app/a.ts#Row"]);

    const again = new Set<ComponentVersions>();
    addVersions("/app/a.ts", { Counter, Row }, again); // the same functions: nothing new
    expect(again.size).toBe(0);

    class Counter2 extends Component {
      render() {
        return null;
      }
    }
    const next = new Set<ComponentVersions>();
    addVersions("/app/a.ts", { Counter: Counter2, Row }, next);
    expect([...next].map((r) => r.id)).toEqual(["/app/a.ts#Counter"]);
    expect(currentVersion(Counter)).toBe(Counter2);
  });
});
