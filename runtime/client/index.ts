/**
 * `tether-client`: the page side of element hooks, islands and client commands, a script of its
 * own that the layout adds only to pages that use them (src/server/client-assets.ts), so the
 * runtime every page loads does not grow. Loaded right after the runtime: `tether.hooks` and
 * `tether.islands` exist for the page's scripts and the app's islands bundle to fill; the
 * elements are looked at once the document is parsed, and then after every patch (watch.ts).
 */
import type { TetherPage } from "../page-api.js";
import { ClientDirective } from "../../src/protocol/client-directives.js";
import { BUILT_IN_HOOKS } from "./built-in-hooks.js";
import { CommandRunner } from "./commands.js";
import { Hooks } from "./hooks.js";
import { Islands } from "./islands.js";
import { Watcher } from "./watch.js";

const tether = window.tether as TetherPage;
tether.hooks ??= {};
// The components' own (a dialog's focus, a tab list's keys); a page's hook of the same name wins.
for (const [name, hook] of Object.entries(BUILT_IN_HOOKS)) tether.hooks[name] ??= hook;
tether.islands ??= {};

function start(): void {
  const root = document.querySelector("[data-tether-root]");
  if (root === null) return;
  let watcher: Watcher | null = null;
  const current = () => watcher!;
  // Before the hooks' own listener: their `reconnected` comes after the join's morph is taken.
  document.addEventListener("tether:status", (e) => {
    if ((e as CustomEvent<{ status: string }>).detail.status === "connected") watcher?.joined();
  });
  const hooks = new Hooks(tether, current);
  const islands = new Islands(tether, current);
  let commands: CommandRunner | null = null;
  watcher = new Watcher(root, {
    added(el) {
      if (islands.owns(el)) return;
      islands.scan(el);
      hooks.scan(el);
    },
    attribute(el, name) {
      if (islands.owns(el)) return;
      if (name === ClientDirective.Props) islands.propsChanged(el);
      else if (name === ClientDirective.Hook) hooks.renamed(el);
      else commands!.patched(el, name);
    },
    changed(target) {
      if (!islands.owns(target)) hooks.changed(target);
    },
    settled() {
      islands.settled();
      hooks.settled();
    },
  });
  commands = new CommandRunner(watcher, tether);
  watcher.quiet(() => {
    islands.scan(root);
    hooks.scan(root);
  });
}

// After the page's own module scripts ran (they register hooks), as the runtime boots.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
