import { html, type Renderable } from "../src/index.js";

/** Where an output goes: the end of its scope (default) or its start. */
export type Position = "append" | "prepend";

/** Where to put an output or a scope: a scope's name (default: the root, "ROOT") and the end or start of it. */
export interface PutOptions {
  scope?: string;
  position?: Position;
}

/** An output as it is kept: a tree, or a function rendered at every render (a pin, which shows its current value). */
export type Output = Renderable | (() => Renderable);

/** The root scope's name. */
export const ROOT = "ROOT";

interface Scope {
  readonly name: string;
  entries: Entry[];
  parent: Scope | null;
}

interface Entry {
  readonly key: number;
  readonly output?: Output;
  readonly scope?: Scope;
}

// A scope's name is part of its element's id, so it is kept to what an id and a CSS selector take as is.
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The id of a scope's element: `tether-scope-<name>`. */
export function scopeId(name: string): string {
  return `tether-scope-${name}`;
}

/**
 * Named output scopes, PyWebIO's `put_scope`/`use_scope`: nested areas of a page that outputs
 * are appended or prepended to, and that can be cleared, removed or replaced by name. Each scope
 * is an element (`id="tether-scope-<name>"`), each output is keyed, so a change to one scope
 * re-renders only what changed. `changed` is called after each change.
 */
export class OutputScopes {
  readonly #root: Scope = { name: ROOT, entries: [], parent: null };
  readonly #scopes = new Map<string, Scope>([[ROOT, this.#root]]);
  readonly #changed: () => void;
  #next = 1;

  constructor(changed: () => void) {
    this.#changed = changed;
  }

  /** Whether a scope of this name exists. */
  has(name: string): boolean {
    return this.#scopes.has(name);
  }

  /** Puts an output into a scope (default: the end of the root). */
  put(output: Output, options: PutOptions = {}): void {
    this.#insert(this.#scope(options.scope ?? ROOT), { key: this.#next++, output }, options.position);
  }

  /**
   * Makes a scope named `name` inside another (default: the root), empty, at its end or start.
   * A scope that exists already stays where it is, with its outputs.
   */
  scope(name: string, options: PutOptions = {}): void {
    if (this.#scopes.has(name)) return;
    if (!NAME.test(name)) throw new TypeError(`Tether: a scope's name is a letter, then letters, digits, _ or - (got ${JSON.stringify(name)})`);
    const parent = this.#scope(options.scope ?? ROOT);
    const scope: Scope = { name, entries: [], parent };
    this.#scopes.set(name, scope);
    this.#insert(parent, { key: this.#next++, scope }, options.position);
  }

  /** Empties a scope; its element stays, for outputs to come. */
  clear(name: string): void {
    const scope = this.#scope(name);
    for (const entry of scope.entries) if (entry.scope) this.#forget(entry.scope);
    scope.entries = [];
    this.#changed();
  }

  /** Removes a scope and everything in it (the root can only be cleared). */
  remove(name: string): void {
    const scope = this.#scope(name);
    if (scope.parent === null) throw new Error("Tether: the root scope can be cleared, not removed");
    scope.parent.entries = scope.parent.entries.filter((e) => e.scope !== scope);
    this.#forget(scope);
    this.#changed();
  }

  /** Replaces what a scope holds with one output. */
  replace(name: string, output: Output): void {
    this.clear(name);
    this.put(output, { scope: name });
  }

  /** Everything, for a render. */
  render(): Renderable {
    return renderEntries(this.#root.entries);
  }

  #scope(name: string): Scope {
    const scope = this.#scopes.get(name);
    if (scope === undefined) throw new Error(`Tether: no output scope named ${JSON.stringify(name)}`);
    return scope;
  }

  #insert(scope: Scope, entry: Entry, position: Position = "append"): void {
    scope.entries = position === "prepend" ? [entry, ...scope.entries] : [...scope.entries, entry];
    this.#changed();
  }

  #forget(scope: Scope): void {
    this.#scopes.delete(scope.name);
    for (const entry of scope.entries) if (entry.scope) this.#forget(entry.scope);
  }
}

function renderEntries(entries: readonly Entry[]): Renderable {
  return entries.map((entry) => {
    if (entry.scope) return html`<div key=${entry.key} class="tether-scope" id=${scopeId(entry.scope.name)}>${renderEntries(entry.scope.entries)}</div>`;
    const output = entry.output;
    return html`<div key=${entry.key} class="tether-output">${typeof output === "function" ? output() : output}</div>`;
  });
}
