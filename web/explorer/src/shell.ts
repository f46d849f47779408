// The page around the views: header with navigation and search, main
// region, footer.
import { searchBox } from "./components/searchbox";
import { h } from "./dom";
import type { RouteName } from "./router";

export interface Shell {
  main: HTMLElement;
  setActive(name: RouteName): void;
}

const nav: [RouteName, string, string][] = [
  ["network", "/network", "Network"],
  ["timeline", "/timeline", "Timeline"],
  ["dashboard", "/dashboard", "Dashboard"],
  ["plan", "/plan", "Peace plan"],
];

export function mountShell(app: HTMLElement): Shell {
  const links = nav.map(([name, href, label]) => ({ name, a: h("a", { href, class: "nav-link" }, label) }));
  const main = h("main", { id: "main", tabindex: "-1" });
  app.replaceChildren(
    h("a", { href: "#main", class: "skip-link", on: { click: (ev) => { ev.preventDefault(); main.focus(); } } }, "Skip to content"),
    h(
      "header",
      { class: "site-header" },
      h(
        "div",
        { class: "header-inner" },
        h("a", { href: "/", class: "brand", "aria-label": "diplograph explorer, home" }, h("span", { class: "brand-mark", "aria-hidden": "true" }), h("span", { class: "brand-name" }, "diplograph")),
        h("nav", { "aria-label": "Views", class: "site-nav" }, links.map((l) => l.a)),
        searchBox(),
      ),
    ),
    main,
    h(
      "footer",
      { class: "site-footer" },
      h(
        "p",
        null,
        "diplograph: who met whom, when, about what, and on whose word. Every fact links to its sources; dates are only as precise as the sources give them. ",
        h("a", { href: "/graphiql" }, "Query the GraphQL API"),
        ".",
      ),
    ),
  );
  return {
    main,
    setActive(name) {
      for (const l of links) {
        if (l.name === name) l.a.setAttribute("aria-current", "page");
        else l.a.removeAttribute("aria-current");
      }
    },
  };
}
