import { statSync } from "node:fs";
import { extname, relative } from "node:path";
import type { ViteDevServer } from "vite";
import type { ModuleRunner } from "vite/module-runner";

import type { ComponentVersions } from "../component/versions.js";
import { swapComponents } from "../diff/index.js";
import { addVersions, isSwappable, type ModuleExports } from "./app-modules.js";
import type { DevChannel } from "./dev-channel.js";
import { errorReport } from "./error-report.js";

type ModuleNode = ModuleRunner["evaluatedModules"]["idToModuleMap"] extends Map<string, infer N> ? N : never;

/** Files a page shows as they are (the app serves them): a change reloads them in the page. */
const ASSETS = new Set([".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico"]);

/** What a file change asked for: nothing, a swap done in place, or a restart of the process. */
export type ChangeOutcome = "ignored" | "swapped" | "failed" | "restyled" | "restart";

/**
 * Reacts to a changed file of a running app. The changed module and its importers are executed
 * again by Vite's module runner, up to the modules of components only (app-modules.ts) on every
 * path, whose components are swapped in every session (diff/swap.ts): state kept, one ordinary
 * patch batch per tab. A stylesheet or an image is reloaded in the pages. A change whose
 * importers reach the entry before such a module (one that holds a server, or data that the
 * entry's modules hold) asks for a restart. A module that fails to load (a syntax or import
 * error) or a swap whose render throws shows the overlay; the last good code runs on.
 */
export class HotReloader {
  private readonly vite: ViteDevServer;
  private readonly runner: ModuleRunner;
  private readonly channel: DevChannel;
  private readonly entry: string;
  /** Changes are handled one at a time, in the order they came. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Files that were modules of components only when last loaded. */
  private readonly boundaryFiles = new Set<string>();

  constructor(vite: ViteDevServer, runner: ModuleRunner, channel: DevChannel, entry: string) {
    this.vite = vite;
    this.runner = runner;
    this.channel = channel;
    this.entry = entry;
  }

  /** Records the components of every module loaded so far (their first versions). */
  recordLoaded(): void {
    for (const node of this.runner.evaluatedModules.idToModuleMap.values()) {
      if (!node.file || !isSwappable(node.exports)) continue;
      addVersions(node.file, node.exports as ModuleExports);
      this.boundaryFiles.add(node.file);
    }
  }

  /**
   * What a change of `changed` executes again: those modules and their importers, up to the
   * modules of components only on every path (the boundaries, swapped in place: their own
   * importers reach the new code through the components' versions). Null if some path reaches
   * the entry, or a module nothing imports, first: only a restart runs that code again.
   */
  private plan(changed: Iterable<ModuleNode>): { stale: Set<ModuleNode>; boundaries: Set<ModuleNode> } | null {
    const stale = new Set<ModuleNode>();
    const boundaries = new Set<ModuleNode>();
    const modules = this.runner.evaluatedModules;
    const reaches = (node: ModuleNode): boolean => {
      if (stale.has(node)) return true;
      stale.add(node);
      if (node.file === this.entry) return false;
      // A module whose last load failed is no longer evaluated: what it was before decides.
      if (node.evaluated ? isSwappable(node.exports) : this.boundaryFiles.has(node.file)) {
        boundaries.add(node);
        return true;
      }
      const importers = [...node.importers].map((id) => modules.getModuleById(id)).filter((m) => m !== undefined);
      return importers.length > 0 && importers.every(reaches);
    };
    for (const node of changed) if (!reaches(node)) return null;
    return { stale, boundaries };
  }

  /** Handles a changed file; resolves with what it did. */
  changed(file: string): Promise<ChangeOutcome> {
    const next = this.queue.then(() => this.handle(file));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async handle(file: string): Promise<ChangeOutcome> {
    const ext = extname(file);
    if (ext === ".css") {
      this.channel.broadcast({ type: "css" });
      return "restyled";
    }
    if (ASSETS.has(ext)) {
      this.channel.broadcast({ type: "asset", name: file.slice(file.lastIndexOf("/") + 1) });
      return "restyled";
    }
    const nodes = this.runner.evaluatedModules.getModulesByFile(file);
    if (nodes === undefined || nodes.size === 0) return "ignored"; // not a module the app loaded
    // An empty module is a save caught half-way (or a file being rewritten): its next change counts.
    if (isEmpty(file)) return "ignored";
    this.recordLoaded(); // modules the app loaded since (a dynamic import) have their first versions too
    const plan = this.plan(nodes);
    if (plan === null) return "restart";
    const graph = this.vite.environments.ssr.moduleGraph;
    for (const node of plan.stale) {
      for (const mod of graph.getModulesByFile(node.file) ?? []) graph.invalidateModule(mod);
      this.runner.evaluatedModules.invalidateModule(node);
    }
    const changed = new Set<ComponentVersions>();
    for (const boundary of plan.boundaries) {
      let exports: ModuleExports;
      try {
        exports = await this.runner.import(boundary.url); // and the stale modules it imports, once each
      } catch (error) {
        const name = relative(this.vite.config.root, file);
        console.error(`[tether dev] ${name} failed to load; the last code that loaded runs on:`, error instanceof Error ? error.message : error);
        // Shown in the tabs of the pages that show a component the failed module would have swapped.
        this.channel.show(errorReport(error, `loading ${name}`, this.vite.config.root), new Set([...plan.boundaries].map((b) => b.file)));
        return "failed";
      }
      if (!isSwappable(exports)) return "restart"; // it exports something else now
      addVersions(boundary.file, exports, changed);
      this.boundaryFiles.add(boundary.file);
    }
    const before = this.channel.errorCount;
    let swapped = 0;
    for (const session of this.channel.sessions()) swapped += swapComponents(session.tree, changed);
    // The sessions flush at the end of this turn (LiveSession.onInvalidate): a render that
    // throws then reports to the overlay, which stays; else the overlay goes.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.channel.errorCount === before) this.channel.clear();
    console.log(`[tether dev] ${relative(this.vite.config.root, file)}: ${changed.size} component${changed.size === 1 ? "" : "s"} swapped in ${swapped} place${swapped === 1 ? "" : "s"}`);
    return this.channel.errorCount === before ? "swapped" : "failed";
  }
}

function isEmpty(file: string): boolean {
  try {
    return statSync(file).size === 0;
  } catch {
    return true; // removed: what imports it fails on its own change
  }
}
