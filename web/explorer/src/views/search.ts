// The full results of a search: /search?q=...
import { search } from "../api/queries";
import { hitContent, hitHref } from "../components/hits";
import { searchBox } from "../components/searchbox";
import { h } from "../dom";
import type { Render } from "./view";

export const render: Render = async ({ root, route, signal, setTitle }) => {
  const q = (route.query.get("q") ?? "").trim();
  setTitle(q ? `Search: ${q}` : "Search");
  root.append(h("div", { class: "view-head" }, h("h1", null, q ? `Results for “${q}”` : "Search"), searchBox({ initial: q, large: true })));
  if (!q) return;
  const hits = await search(q, signal, 50);
  root.append(
    hits.length === 0
      ? h("p", { class: "note" }, `Nothing found for “${q}”. Check the spelling, or try fewer words.`)
      : h(
          "ul",
          { class: "search-results", "aria-label": `${hits.length} results` },
          hits.map((hit) => h("li", null, h("a", { href: hitHref(hit), class: "search-result" }, hitContent(hit, q)))),
        ),
  );
};
