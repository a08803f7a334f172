/**
 * Helpers for integration tests that look at a page the way a tab does: the first paint from
 * a GET, the Mount's encoded trees, and the page state after applying patches.
 */
import { rememberToken, tokenFor } from "./page-token.js";
import { Msg, Op, PROTOCOL_VERSION, TreeKind, type ElementTree, type MountMessage, type ServerMessage, type Tree } from "../../src/protocol/wire.js";
import { applyOps, createModel, type Model, type ModelNode } from "./ops-model.js";
import type { ProtocolClient } from "./client.js";

/** Ids of every addressable node of a Mount, assigned in pre-order from `firstId` as the browser does. */
export function indexMount(mount: MountMessage): Map<number, Tree> {
  const nodes = new Map<number, Tree>();
  let next = mount.id;
  const walk = (tree: Tree): void => {
    nodes.set(next++, tree);
    // Text, raw HTML and static subtrees take one id each; nothing inside a static subtree has one.
    if (typeof tree === "string" || typeof tree[0] === "number") return;
    for (let i = 2; i < tree.length; i++) walk(tree[i] as Tree);
  };
  for (const tree of mount.t) walk(tree);
  return nodes;
}

/** The node id of the element whose `id` attribute is `domId`; throws if the Mount has none. */
export function findId(mount: MountMessage, domId: string): number {
  for (const [id, tree] of indexMount(mount)) {
    if (typeof tree !== "string" && typeof tree[0] === "string") {
      const attrs = (tree as ElementTree)[1];
      if (attrs !== 0 && attrs.id === domId) return id;
    }
  }
  throw new Error(`no element with id="${domId}" in the Mount`);
}

/** The text of an element of the Mount (its text children joined). */
export function mountText(mount: MountMessage, domId: string): string {
  const tree = indexMount(mount).get(findId(mount, domId)) as ElementTree;
  return tree.slice(2).filter((c) => typeof c === "string").join("");
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
const escapeText = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, "&quot;");

/**
 * Encoded trees as first-paint HTML (attributes in order, event bindings left out), for
 * comparing what a Mount carries with what the GET showed. Handles the trees of simple pages
 * (no DOM props): enough for the examples.
 */
export function treesToHtml(trees: readonly Tree[], statics = new Map<number, ElementTree>()): string {
  let out = "";
  for (const tree of trees) {
    if (typeof tree === "string") out += escapeText(tree);
    else if (tree[0] === TreeKind.Raw) out += `<!---->${tree[1]}`;
    else if (tree[0] === TreeKind.StaticDef) {
      statics.set(tree[1], tree[2]);
      out += treesToHtml([tree[2]], statics);
    } else if (tree[0] === TreeKind.StaticRef) out += treesToHtml([statics.get(tree[1])!], statics);
    else {
      const [tag, attrs, ...children] = tree as ElementTree;
      let text = `<${tag}`;
      if (attrs !== 0) {
        for (const name in attrs) {
          if (name[0] === "@" || name[0] === ".") continue;
          const value = attrs[name];
          text += value === "" ? ` ${name}` : ` ${name}="${escapeAttr(String(value))}"`;
        }
      }
      out += VOID.has(tag) ? text + ">" : `${text}>${treesToHtml(children, statics)}</${tag}>`;
    }
  }
  return out;
}

/** The page as a browser holds it: built from a Mount, then patched; strict about every op. */
export function pageFromMount(mount: MountMessage): Model {
  const model = createModel();
  applyOps(model, [[Op.Create, 0, 0, mount.id, mount.t]]);
  return model;
}

/** The model element whose `id` attribute is `domId`. */
export function elementById(model: Model, domId: string): ModelNode {
  for (const node of model.nodes.values()) if (node.attrs.id === domId) return node;
  throw new Error(`no element with id="${domId}" on the page`);
}

/** The text content of a model element. */
export function textById(model: Model, domId: string): string {
  const collect = (node: ModelNode): string => node.text ?? node.children.map(collect).join("");
  return collect(elementById(model, domId));
}

/** A GET of a page: status, the whole HTML, the session id, its join token and the root's inner HTML. */
export async function getPage(url: string): Promise<{ status: number; html: string; sid: string; token: string; root: string }> {
  const res = await fetch(url);
  const html = await res.text();
  const sid = /data-tether-session="([^"]+)"/.exec(html)?.[1] ?? "";
  const token = /data-tether-token="([^"]+)"/.exec(html)?.[1] ?? "";
  rememberToken(sid, token);
  const root = /<div data-tether-root[^>]*>([\s\S]*)<\/div>\s*<\/body>/.exec(html)?.[1] ?? "";
  return { status: res.status, html, sid, token, root };
}

/** The server's answer to event `e`: its Patch, its Reply or its Error. */
export function answerTo(client: ProtocolClient, e: number, timeout?: number): Promise<ServerMessage> {
  return client.next(
    (m) => ((m.k === Msg.Patch || m.k === Msg.Reply) && m.a === e) || (m.k === Msg.Error && m.e === e),
    timeout,
  );
}

/**
 * What a tab whose connection dropped sends on its new connection: the session id, the resume
 * token of its last Mount and the last server message it applied. Resolves with the first
 * answer: Resume (replayed messages follow), a Mount (fresh tree) or an Error.
 */
export function resume(client: ProtocolClient, path: string, mount: MountMessage, s: number): Promise<ServerMessage> {
  const answer = client.next((m) => m.k === Msg.Resume || m.k === Msg.Mount || m.k === Msg.Error);
  client.send({ k: Msg.Join, v: PROTOCOL_VERSION, sid: mount.sid, path, s, rt: mount.rt, t: tokenFor(mount.sid) ?? mount.tk });
  return answer;
}

/** Resolves when `condition` holds, polling every few milliseconds; rejects after `timeout`. */
export async function waitFor(condition: () => boolean, timeout = 3000, what = "condition"): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits `ms` milliseconds (for asserting that something does NOT happen within a window). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
