/**
 * A live node's children are sealed in src/diff/live-node.ts: their compact form (a node, an
 * array, a sole text or null) is read and written there only, and everyone else goes through
 * its helpers. The exported LiveNode type leaves the field out, so a plain `live.children`
 * elsewhere does not compile; this test also catches the casts that would reach it anyway.
 *
 * It asks the type checker, not a text search, what each `.children` in src/ reads:
 * `v.children` of a vnode and `props.children` are fine. A read fails if it resolves to the
 * field declared in live-node.ts, if the checker cannot resolve it at all (an `any`), or if its
 * object, once casts, parentheses and `!` are taken off, is a LiveNode.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, type Project, type Type } from "typescript/unstable/sync";
import {
  isAsExpression,
  isBindingElement,
  isElementAccessExpression,
  isIdentifier,
  isInterfaceDeclaration,
  isNonNullExpression,
  isObjectBindingPattern,
  isParenthesizedExpression,
  isPropertyAccessExpression,
  isSatisfiesExpression,
  isStringLiteral,
  isTypeAssertion,
  isVariableDeclaration,
  type Node,
} from "typescript/unstable/ast";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LIVE_NODE = `${ROOT}src/diff/live-node.ts`;

let api: API;
let project: Project;
let liveNodeType: Type;

beforeAll(() => {
  api = new API({ cwd: ROOT });
  project = api.updateSnapshot({ openProjects: [`${ROOT}tsconfig.json`] }).getProjects()[0];
  let name: Node | undefined;
  sourceOf(LIVE_NODE).forEachChild((node) => {
    if (isInterfaceDeclaration(node) && node.name.text === "LiveNode") name = node.name;
  });
  liveNodeType = project.checker.getDeclaredTypeOfSymbol(project.checker.getSymbolAtLocation(name!)!);
}, 60_000);

afterAll(() => api?.close());

function sourceOf(file: string): Node {
  return project.program.getSourceFile(file)! as unknown as Node;
}

/** An expression without the casts, parentheses and `!` around it: what is really read. */
function unwrap(node: Node): Node {
  while (isParenthesizedExpression(node) || isAsExpression(node) || isSatisfiesExpression(node) || isTypeAssertion(node) || isNonNullExpression(node)) node = node.expression;
  return node;
}

/** One place that reads a property named `children`. */
interface Read {
  /** `file:line`. */
  where: string;
  /** The name read (the property name, the string literal or the binding element). */
  name: Node;
  /** What it is read from, casts taken off (for a destructuring without an initializer: the pattern). */
  object: Node;
  /** For a destructuring, the pattern, whose type declares the property; else null. */
  pattern: Node | null;
}

/** Every read of a property named `children` in `file`: `x.children`, `x["children"]`, `{ children } = x`. */
function childrenReads(file: string): Read[] {
  const source = sourceOf(file);
  const text = (source as unknown as { text: string }).text;
  const where = (node: Node) => `${file.slice(ROOT.length)}:${text.slice(0, node.end).split("\n").length}`;
  const reads: Read[] = [];
  const visit = (node: Node): void => {
    if (isPropertyAccessExpression(node) && isIdentifier(node.name) && node.name.text === "children") {
      reads.push({ where: where(node.name), name: node.name, object: unwrap(node.expression), pattern: null });
    } else if (isElementAccessExpression(node) && isStringLiteral(node.argumentExpression) && node.argumentExpression.text === "children") {
      reads.push({ where: where(node), name: node.argumentExpression, object: unwrap(node.expression), pattern: null });
    } else if (isBindingElement(node) && isObjectBindingPattern(node.parent)) {
      const key = node.propertyName ?? node.name;
      if (key !== undefined && (isIdentifier(key) || isStringLiteral(key)) && key.text === "children") {
        const declaration = node.parent.parent;
        const init = isVariableDeclaration(declaration) && declaration.initializer !== undefined ? unwrap(declaration.initializer) : node.parent;
        reads.push({ where: where(node), name: key, object: init, pattern: node.parent });
      }
    }
    node.forEachChild(visit);
  };
  visit(source);
  return reads;
}

/** The reads in `file` that reach a live node's children, or may. */
function liveChildrenReads(file: string): string[] {
  const checker = project.checker;
  const reads = childrenReads(file);
  if (reads.length === 0) return [];
  const objectTypes = checker.getTypeAtLocation(reads.map((r) => r.object));
  const symbols = checker.getSymbolAtLocation(reads.map((r) => r.name));
  const found: string[] = [];
  for (let i = 0; i < reads.length; i++) {
    const read = reads[i];
    const objectType = objectTypes[i];
    let property = symbols[i];
    if (read.pattern !== null) {
      const patternType = checker.getTypeAtLocation(read.pattern);
      property = patternType === undefined ? undefined : checker.getPropertyOfType(patternType, "children");
    }
    const declaredIn = property?.declarations.map((d) => d.path as string) ?? [];
    const indexed = objectType !== undefined && checker.getIndexInfosOfType(objectType).length > 0;
    const nonNull = objectType === undefined ? undefined : checker.getNonNullableType(objectType);
    const ofLiveNode = nonNull !== undefined && !(nonNull.flags & 1) /* any */ && checker.isTypeAssignableTo(nonNull, liveNodeType);
    if (declaredIn.includes(LIVE_NODE) || (property === undefined && !indexed) || ofLiveNode) found.push(read.where);
  }
  return found;
}

describe("LiveNode.children", () => {
  it("is read and written only in src/diff/live-node.ts", () => {
    const files = project.program.getSourceFileNames().filter((f) => f.startsWith(`${ROOT}src/`) && f !== LIVE_NODE);
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap(liveChildrenReads)).toEqual([]);
  });

  it("is found where it is read: in live-node.ts, and by each kind of cast", () => {
    // A check that could not see the field would pass on nothing: it must see these.
    expect(liveChildrenReads(LIVE_NODE).length).toBeGreaterThanOrEqual(8);
    const fixture = liveChildrenReads(`${ROOT}test/diff/sealed.fixture.ts`).map((w) => Number(w.split(":")[1]));
    expect(fixture).toEqual([12, 15, 16, 17]);
  });

  it("leaves vnodes' and props' children alone", () => {
    const create = childrenReads(`${ROOT}src/diff/create.ts`);
    expect(create.length).toBeGreaterThan(0);
    expect(liveChildrenReads(`${ROOT}src/diff/create.ts`)).toEqual([]);
    expect(childrenReads(`${ROOT}src/template/h.ts`).length).toBeGreaterThan(0); // componentProps.children
  });
});
