import { defineConfig } from "vitest/config";

// The explorer is served by `diplograph serve` at /, with the GraphQL API at
// /graphql on the same origin. `npm run dev` proxies the API to a running
// `diplograph serve` (DIPLOGRAPH_API, default http://127.0.0.1:8080).
const api = process.env.DIPLOGRAPH_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    // dist/README.txt is committed; scripts/clean-dist.mjs clears the rest.
    emptyOutDir: false,
    assetsDir: "assets",
    target: "es2022",
    sourcemap: false,
    // Every browser the explorer supports has modulepreload.
    modulePreload: { polyfill: false },
    // cytoscape alone is ~440 kB minified; it loads only with the network views.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      // ws: the live updates' subscription shares the path.
      "/graphql": { target: api, ws: true },
      "/export": api,
      "/oembed": api,
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
