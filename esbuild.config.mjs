// Bundles the browser runtime (runtime/) into one script: a minified build with a source map
// for production, and a development build where DEV keeps warnings (like lit's DEV_MODE).
import { build } from "esbuild";

const common = {
  entryPoints: ["runtime/index.ts"],
  bundle: true,
  format: "iife",
  // Evergreen browsers since 2022; native class fields and ??= are smaller than their down-levelled forms.
  target: ["es2022"],
  legalComments: "none",
  sourcemap: true,
  logLevel: "warning",
};

await Promise.all([
  build({ ...common, outfile: "dist/tether.min.js", minify: true, define: { DEV: "false" } }),
  build({ ...common, outfile: "dist/tether.dev.js", minify: false, define: { DEV: "true" } }),
]);
