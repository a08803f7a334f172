import { Component } from "../component/component.js";
import { addVersion, type ComponentVersions } from "../component/versions.js";

/** A module's exports as the module runner holds them. */
export type ModuleExports = Record<string, unknown>;

/**
 * True if an export is a component: a class extending Component, or a function (not a class)
 * named as components are (PascalCase, as JSX requires of them; not an ALL_CAPS constant).
 * Anything else (a constant, a helper, a server) is held by its importers as it was when they
 * ran: a change to its module executes them again too.
 */
export function isComponentExport(name: string, value: unknown): boolean {
  if (typeof value !== "function") return false;
  if (value.prototype instanceof Component) return true;
  if (Function.prototype.toString.call(value).startsWith("class")) return false; // a class of another kind: a Pool, a Server
  const own = name === "default" ? value.name : name;
  return /^[A-Z]/.test(own) && !/^[A-Z0-9_]+$/.test(own);
}

/**
 * True if a module can be swapped in place when it or a module it imports changes (a boundary:
 * its importers need not run again): it exports something, and only components (see
 * isComponentExport). Type-only exports leave nothing at run time.
 */
export function isSwappable(exports: ModuleExports | undefined): boolean {
  if (exports === undefined || exports === null) return false;
  const names = Object.keys(exports);
  if (names.length === 0) return false;
  for (const name of names) if (!isComponentExport(name, exports[name])) return false;
  return true;
}

/**
 * Records each component a module exports as the newest version of `file#name` (see
 * component/versions.ts); adds the records whose version is new to `changed`.
 */
export function addVersions(file: string, exports: ModuleExports, changed?: Set<ComponentVersions>): void {
  for (const name of Object.keys(exports)) {
    const value = exports[name];
    if (!isComponentExport(name, value)) continue;
    const record = addVersion(`${file}#${name}`, value as Function);
    if (record !== null) changed?.add(record);
  }
}
