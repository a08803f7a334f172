/**
 * The process `tether dev` runs the app in (started by supervisor.ts, again after each restart):
 * `node worker.js <entry>`. It loads the app through Vite's server-side module runner, so
 * TypeScript and TSX run without a build and a changed module can be executed again in this
 * process (hot-reloader.ts). Tether itself is loaded by Node, not by the runner: the app and
 * this file then share one Tether, whose sessions the swap reaches (server/dev-host.ts).
 */
import { resolve } from "node:path";
import { installDevHost } from "../server/dev-host.js";
import { shareTemplatesByText } from "../template/compile.js";
import { DevChannel } from "./dev-channel.js";
import { HotReloader } from "./hot-reloader.js";
import { RelayedSnapshots } from "./snapshot-relay.js";
import { RESTART_EXIT_CODE } from "./supervisor.js";

const root = process.cwd();
/** How long a changed file must stay unchanged before it is reloaded. */
const SETTLE_MS = 40;
const entry = resolve(root, process.argv[2] ?? "src/server.ts");
// Sessions are kept by the `tether dev` process (through the IPC channel it opened), across restarts.
const channel = new DevChannel(root, process.send === undefined ? null : new RelayedSnapshots(process));
installDevHost(channel);
// An edited module's unchanged templates keep their static parts (an input's typed text with them).
shareTemplatesByText();

const vite = await loadVite();
const server = await vite.createServer({
  root,
  configFile: false,
  logLevel: "warn",
  clearScreen: false,
  appType: "custom",
  server: { middlewareMode: true, hmr: false, ws: false, watch: { ignored: ["**/node_modules/**", "**/.git/**", "**/dist/**"] } },
  // Tether is the one Node loaded (see above), found with the conditions this process runs with;
  // each of its entry points by name (JSX compiles to imports of the JSX runtime's).
  ssr: { external: ["tether-live", "tether-live/jsx-runtime", "tether-live/jsx-dev-runtime", "tether-live/test"], resolve: { externalConditions: conditions() } },
});
const runner = vite.createServerModuleRunner(server.environments.ssr, { hmr: false });
const reloader = new HotReloader(server, runner, channel, entry);

let restarting = false;
/**
 * A save is often seen as two changes (the file truncated, then written): a change is handled
 * once the file has been quiet for a moment, so an empty or half-written module is not loaded
 * (an empty one exports nothing, which would read as "restart").
 */
const settling = new Map<string, NodeJS.Timeout>();
server.watcher.on("change", (file: string) => {
  if (restarting) return;
  clearTimeout(settling.get(file));
  settling.set(
    file,
    setTimeout(() => {
      settling.delete(file);
      void reloader.changed(file).then((outcome) => {
        if (outcome === "restart") void restart(file);
      });
    }, SETTLE_MS),
  );
});

try {
  await runner.import(entry);
  reloader.recordLoaded();
} catch (error) {
  // Nothing serves pages now; the next change of a file loaded so far restarts.
  console.error(`[tether dev] ${process.argv[2]} failed to start:`, error);
  server.watcher.on("change", () => void restart("a file"));
}

/** Closes the app's Tethers (tabs are told to reconnect: 1001) and asks for a new process. */
async function restart(file: string): Promise<void> {
  if (restarting) return;
  restarting = true;
  console.log(`[tether dev] ${file.startsWith(root) ? file.slice(root.length + 1) : file} changed: restarting (its importers reach the entry)`);
  channel.endStreams();
  await Promise.allSettled(channel.closers.map((close) => close()));
  await server.close();
  process.exit(RESTART_EXIT_CODE);
}

/** The export conditions this process resolves with (`--conditions=…`), for Vite's externals too. */
function conditions(): string[] {
  const out: string[] = [];
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith("--conditions=")) out.push(arg.slice(13));
    else if ((arg === "--conditions" || arg === "-C") && args[i + 1] !== undefined) out.push(args[++i]);
  }
  return [...out, "node", "import", "module", "default"];
}

async function loadVite(): Promise<typeof import("vite")> {
  try {
    return await import("vite");
  } catch {
    console.error("tether dev runs your app with Vite's module runner: install it with `npm install --save-dev vite`.");
    process.exit(1);
  }
}
