import { defineConfig } from "vitest/config";

export default defineConfig({
  // The runtime's sources read DEV, which esbuild defines per build (esbuild.config.mjs); tests
  // that import them run the development build's code.
  define: { DEV: "true" },
  // "tether-live/…" imports (the JSX runtime) resolve to the sources, as in tsconfig.json; the
  // rest is Vite's default list for server code.
  ssr: { resolve: { conditions: ["tether-source", "module", "node", "development|production"] } },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // Browser suites start Chromium; on a 2-core machine a few workers at a time is enough.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
