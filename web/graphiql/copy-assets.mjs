// Copies the browser builds GraphiQL needs from node_modules into dist/,
// where web/graphiql/graphiql.go embeds them. Run by `make web` after
// `npm ci`; it has no dependencies of its own.
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const dist = join(here, "dist");

// [source under node_modules, name in dist]. Keep the names in step with
// assets in graphiql.go.
const assets = [
  ["react/umd/react.production.min.js", "react.production.min.js"],
  ["react-dom/umd/react-dom.production.min.js", "react-dom.production.min.js"],
  ["graphiql/graphiql.min.js", "graphiql.min.js"],
  ["graphiql/graphiql.min.css", "graphiql.min.css"],
];

const missing = assets.filter(([src]) => !existsSync(join(modules, src)));
if (missing.length > 0) {
  for (const [src] of missing) console.error(`copy-assets: missing node_modules/${src}`);
  console.error("copy-assets: run `npm ci` in web/graphiql first (or `make web`)");
  process.exit(1);
}

mkdirSync(dist, { recursive: true });
for (const [src, name] of assets) {
  const to = join(dist, name);
  copyFileSync(join(modules, src), to);
  console.log(`copy-assets: dist/${name} (${statSync(to).size} bytes)`);
}
