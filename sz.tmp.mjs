import { build } from "esbuild";
import { minify } from "terser";
import { gzipSync } from "node:zlib";
const r = await build({ bundle: true, format: "iife", target: ["es2022"], entryPoints: ["runtime/index.ts"], minify: true, write: false, legalComments: "none", define: { DEV: "false" }, outfile: "/tmp/x.js" });
const code = r.outputFiles[0].text;
const variants = {
  base: { ecma: 2022, toplevel: true, compress: { passes: 2 }, mangle: true },
  props$: { ecma: 2022, toplevel: true, compress: { passes: 2 }, mangle: { properties: { regex: /^\$/ } } },
  p3: { ecma: 2022, toplevel: true, compress: { passes: 3 }, mangle: { properties: { regex: /^\$/ } } },
  p3comps: { ecma: 2022, toplevel: true, compress: { passes: 3, unsafe_comps: true, unsafe_math: true, hoist_funs: true }, mangle: { properties: { regex: /^\$/ } } },
};
for (const [label, opts] of Object.entries(variants)) {
  const min = await minify(code, opts);
  console.log(label, min.code.length, gzipSync(min.code, { level: 9 }).length);
}
