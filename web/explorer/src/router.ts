// Client-side routing: the path names the view, the query string its
// filters and state, so every view can be linked to and reloaded.
// Keep the routes in step with appRoutes in ../explorer.go.

export type RouteName =
  | "home"
  | "search"
  | "network"
  | "timeline"
  | "dashboard"
  | "plan"
  | "actor"
  | "event"
  | "embed-network"
  | "embed-timeline"
  | "embed-dashboard"
  | "embed-actor"
  | "embed-event"
  | "embed-plan"
  | "notfound";

export interface Route {
  name: RouteName;
  /** The id in /actor/{id}, /event/{id}, /plan/{id}. */
  id?: string;
  path: string;
  query: URLSearchParams;
}

const ID = "([a-z0-9][a-z0-9-]{0,255})";

const table: [RegExp, RouteName][] = [
  [/^\/$/, "home"],
  [/^\/search$/, "search"],
  [/^\/network$/, "network"],
  [/^\/timeline$/, "timeline"],
  [/^\/dashboard$/, "dashboard"],
  [/^\/plan$/, "plan"],
  [new RegExp(`^/plan/${ID}$`), "plan"],
  [new RegExp(`^/actor/${ID}$`), "actor"],
  [new RegExp(`^/event/${ID}$`), "event"],
  [/^\/embed\/network$/, "embed-network"],
  [/^\/embed\/timeline$/, "embed-timeline"],
  [/^\/embed\/dashboard$/, "embed-dashboard"],
  [new RegExp(`^/embed/actor/${ID}$`), "embed-actor"],
  [new RegExp(`^/embed/event/${ID}$`), "embed-event"],
  [new RegExp(`^/embed/plan/${ID}$`), "embed-plan"],
];

export function match(path: string, search: string): Route {
  const query = new URLSearchParams(search);
  for (const [re, name] of table) {
    const m = re.exec(path);
    if (m) return { name, id: m[1], path, query };
  }
  return { name: "notfound", path, query };
}

export function isEmbed(r: Route): boolean {
  return r.name.startsWith("embed-");
}

type Listener = (r: Route) => void;
let listener: Listener | null = null;

export function current(): Route {
  return match(location.pathname, location.search);
}

/** Goes to another view (a new history entry unless replace). */
export function navigate(href: string, replace = false): void {
  const url = new URL(href, location.href);
  if (url.origin !== location.origin) {
    location.href = url.href;
    return;
  }
  if (replace) history.replaceState(null, "", url.pathname + url.search + url.hash);
  else history.pushState(null, "", url.pathname + url.search + url.hash);
  listener?.(current());
  if (!url.hash) window.scrollTo(0, 0);
}

/**
 * Records a view's state in the URL without drawing the view again (the view
 * already shows it). Back and forward then redraw from the URL.
 */
export function setQuery(q: URLSearchParams, push = false): void {
  const s = q.toString();
  const url = location.pathname + (s ? `?${s}` : "") + location.hash;
  if (url === location.pathname + location.search + location.hash) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

export function start(onRoute: Listener): void {
  listener = onRoute;
  window.addEventListener("popstate", () => onRoute(current()));
  document.addEventListener("click", (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.("a");
    if (!a || a.target || a.hasAttribute("download") || a.getAttribute("rel")?.includes("external")) return;
    const href = a.getAttribute("href");
    if (!href || href.startsWith("#") || /^[a-z]+:/i.test(href)) return;
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return;
    // Only the app's own views; /graphiql, /export and the like load as pages.
    if (match(url.pathname, url.search).name === "notfound") return;
    ev.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  onRoute(current());
}
