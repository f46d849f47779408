// Empties dist/ before a build, except README.txt, which is committed so
// that go:embed always has something to embed (vite's emptyOutDir would
// delete it too).
import { readdirSync, rmSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
mkdirSync(dist, { recursive: true });
for (const name of readdirSync(dist)) {
  if (name !== "README.txt") rmSync(join(dist, name), { recursive: true, force: true });
}
