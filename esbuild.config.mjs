// Bundles the browser runtime (runtime/) into one script, plus scripts of their own: the
// long-poll transport (loaded only when a WebSocket cannot be opened), the AuroraView alias
// (loaded only on routes with `auroraview: true`), `tether-client`, hooks, islands and client
// commands (loaded only by pages that use them), live navigation (deferred, unless the
// `navigation` option is false), the builder of a list's rows from shapes (pages with a LiveList), linked windows' page calls (`windows: true`) and the uploads' page script (loaded only on pages whose
// components declared an upload). An app's islands are bundled by the server
// (src/server/islands-bundle.ts), from the folder the app names. The production build is
// bundled by esbuild and minified again by terser (about 8% smaller gzipped), with the source
// maps chained; the development build keeps DEV warnings (like lit's DEV_MODE).
import { build } from "esbuild";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { minify } from "terser";

const common = {
  bundle: true,
  format: "iife",
  // Evergreen browsers since 2022: native class fields, #private names and ??= are smaller than their down-levelled forms.
  target: ["es2022"],
  legalComments: "none",
  logLevel: "warning",
};

const entries = [
  ["runtime/index.ts", "tether"],
  ["runtime/longpoll.ts", "tether-longpoll"],
  ["runtime/auroraview.ts", "tether-auroraview"],
  ["runtime/client/index.ts", "tether-client"],
  ["runtime/navigation.ts", "tether-nav"],
  ["runtime/uploads.ts", "tether-upload"],
  ["runtime/windows.ts", "tether-windows"],
  ["runtime/lists.ts", "tether-lists"],
];

async function production(entry, name) {
  const out = `dist/${name}.min.js`;
  const result = await build({ ...common, entryPoints: [entry], outfile: out, minify: true, sourcemap: "external", write: false, define: { DEV: "false" } });
  const code = result.outputFiles.find((f) => f.path.endsWith(".js")).text;
  const map = result.outputFiles.find((f) => f.path.endsWith(".map")).text;
  const min = await minify(code, {
    ecma: 2022,
    toplevel: true,
    // Method shorthand and arrows for function expressions that use no `this`: none of the
    // runtime's (or morphdom's) is called with `new` or read for its prototype.
    compress: { passes: 2, unsafe_methods: true, unsafe_arrows: true },
    mangle: true,
    sourceMap: { content: map, url: `${name}.min.js.map` },
  });
  await writeFile(out, min.code);
  await writeFile(`${out}.map`, min.map);
}

// Development only: the devtools panel (runtime/devtools/), which no production page loads.
const devOnly = [["runtime/devtools/index.ts", "tether-devtools"]];

// A fresh dist/ each time, so a file renamed in src/ never ships under its old name.
await rm("dist", { recursive: true, force: true });
await mkdir("dist", { recursive: true });
const development = (entry, name) => build({ ...common, entryPoints: [entry], outfile: `dist/${name}.dev.js`, sourcemap: true, define: { DEV: "true" } });
await Promise.all([
  ...entries.flatMap(([entry, name]) => [production(entry, name), development(entry, name)]),
  ...devOnly.map(([entry, name]) => development(entry, name)),
]);
// The components' stylesheet ships beside their compiled modules (tether-live/components/theme.css).
await mkdir("dist/components", { recursive: true });
await copyFile("components/theme.css", "dist/components/theme.css");
