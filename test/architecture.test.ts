/**
 * The import graph of src/ has no cycle between its layers (the folders of src/: vnode,
 * template, component, diff, html, protocol, pubsub, session, server), and no cycle between files
 * outside the diff layer; the browser runtime takes from src/ only the protocol. And the design
 * the code cites lives in the repo: every invariant a comment names is a section of ARCHITECTURE.md.
 *
 * Type-only imports count: a type cycle still ties the files together for every reader and
 * every refactoring, and a `type` import turns into a value import with one edit. The graph is
 * read from the import and export statements themselves (TypeScript 7 has no compiler API in
 * JavaScript to ask).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = join(ROOT, "src");

/**
 * Layers whose files may import each other in a circle, with why. The diff is one recursive
 * algorithm split by concern: diffing a node's children updates each child, which diffs its
 * children, and creating and removing nodes recurse the same way; every part takes the tree.
 */
const RECURSIVE_LAYERS: Record<string, string> = {
  diff: "diffing children, updating, creating and removing nodes recurse into each other and all take the LiveTree",
};

/**
 * Imports between two files that close a file cycle, known and not fixed yet, with why. Each
 * is a debt: the cycle it closes is named in the test's failure once the entry is removed.
 */
const KNOWN_FILE_CYCLES: Record<string, string> = {};

/**
 * An import or `export … from` statement (its clause is names, braces, commas and `*`, so a
 * declaration such as `export const x = …` never matches), a side-effect `import "…"`, or a
 * dynamic `import("…")`: the specifier is in group 1, 2 or 3.
 */
const IMPORT = /^\s*(?:import|export)\s+[\w$*\s{},]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;

/** Every .ts and .tsx file under `dir`, as absolute paths. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** The files a file imports, by absolute path (relative specifiers only: packages are not ours). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith(".")) continue;
    const target = resolve(dirname(file), specifier).replace(/\.js$/, "");
    const found = [".ts", ".tsx", "/index.ts"].map((ext) => target + ext).find((path) => statSync(path, { throwIfNoEntry: false }));
    if (found === undefined) throw new Error(`${relative(ROOT, file)} imports ${specifier}, which does not resolve to a source file`);
    out.push(found);
  }
  return out;
}

/** A directed graph: each node's successors, each edge with the file import that makes it. */
type Graph = Map<string, Map<string, string>>;

function addEdge(graph: Graph, from: string, to: string, why: string): void {
  let edges = graph.get(from);
  if (edges === undefined) graph.set(from, (edges = new Map()));
  if (!edges.has(to)) edges.set(to, why);
}

/**
 * One cycle of the graph as its path (`a → b → a`, each step followed by the import that makes
 * it), or null if it has none: a depth-first search that stops at the first back edge.
 */
function findCycle(graph: Graph): string | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string | null => {
    state.set(node, "open");
    path.push(node);
    for (const [next, why] of graph.get(node) ?? []) {
      if (state.get(next) === "open") {
        const cycle = [...path.slice(path.indexOf(next)), next];
        const steps = cycle.slice(1).map((to, i) => `  ${cycle[i]} → ${to}  (${graph.get(cycle[i])!.get(to)})`);
        return `${cycle.join(" → ")}\n${steps.join("\n")}`;
      }
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found !== null) return found;
      }
    }
    path.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    if (state.get(node) === undefined) {
      const found = visit(node);
      if (found !== null) return found;
    }
  }
  return null;
}

/** The layer of a file of src/: its folder (`src/index.ts`, the package's front door, is "index"). */
function layerOf(file: string): string {
  const parts = relative(SRC, file).split(/[\\/]/);
  return parts.length === 1 ? "index" : parts[0];
}

const files = sourceFiles(SRC);
const fileImports = new Map(files.map((file) => [file, importsOf(file)]));
const name = (file: string) => relative(ROOT, file);

describe("architecture", () => {
  it("finds the layers and the imports between them", () => {
    const layers = new Set(files.map(layerOf));
    for (const layer of ["vnode", "template", "component", "diff", "protocol", "pubsub", "session", "server"]) expect(layers).toContain(layer);
    // The graph is read right: the session layer renders through the diff layer.
    expect(files.some((file) => layerOf(file) === "session" && fileImports.get(file)!.some((to) => layerOf(to) === "diff"))).toBe(true);
  });

  it("has no cycle between layers (folders of src/), type-only imports included", () => {
    const layers: Graph = new Map();
    for (const [file, imports] of fileImports) {
      for (const to of imports) if (layerOf(to) !== layerOf(file)) addEdge(layers, layerOf(file), layerOf(to), `${name(file)} imports ${name(to)}`);
    }
    expect(findCycle(layers), "a cycle between layers").toBeNull();
  });

  it("has no cycle between files, type-only imports included, except inside the recursive layers and the known ones", () => {
    const graph: Graph = new Map();
    for (const [file, imports] of fileImports) {
      for (const to of imports) {
        if (layerOf(to) === layerOf(file) && layerOf(file) in RECURSIVE_LAYERS) continue;
        if (`${name(file)} → ${name(to)}` in KNOWN_FILE_CYCLES) continue;
        addEdge(graph, name(file), name(to), "import");
      }
    }
    expect(findCycle(graph), "a cycle between files").toBeNull();
  });

  it("lets the browser runtime take from src/ only the protocol, the one module both sides share", () => {
    for (const file of sourceFiles(join(ROOT, "runtime"))) {
      for (const to of importsOf(file)) {
        if (to.startsWith(SRC)) expect(layerOf(to), `${name(file)} imports ${name(to)}`).toBe("protocol");
      }
    }
  });

  it("finds every invariant a comment cites in ARCHITECTURE.md, by its number and name", () => {
    const sections = new Map<string, string>();
    for (const m of readFileSync(join(ROOT, "ARCHITECTURE.md"), "utf8").matchAll(/^### ([1-9])\. (.+)$/gm)) sections.set(m[1], m[2]);
    expect(sections.size).toBe(7);
    let cited = 0;
    for (const file of [...files, ...sourceFiles(join(ROOT, "runtime"))]) {
      for (const m of readFileSync(file, "utf8").replace(/\n\s*(?:\*|\/\/)\s*/g, " ").matchAll(/\binvariant (\d+)(, "([^"]+)")?/gi)) {
        cited++;
        expect(sections.has(m[1]), `${name(file)} cites invariant ${m[1]}`).toBe(true);
        expect(m[3], `${name(file)} cites invariant ${m[1]} without its name`).toBe(sections.get(m[1]));
      }
    }
    expect(cited).toBeGreaterThan(10);
  });
});
