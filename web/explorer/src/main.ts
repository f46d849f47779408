// The explorer: routes each URL to a view, inside the site's shell, or alone
// for the embeds.
import "./styles/main.css";
import { errorBox, h } from "./dom";
import { isEmbed, start, type Route, type RouteName } from "./router";
import { mountShell, type Shell } from "./shell";
import type { Render } from "./views/view";

// Each view loads on first use, so a page downloads only what it shows.
const views: Record<RouteName, () => Promise<{ render: Render }>> = {
  home: () => import("./views/home"),
  search: () => import("./views/search"),
  network: () => import("./views/network"),
  timeline: () => import("./views/timeline"),
  dashboard: () => import("./views/dashboard"),
  plan: () => import("./views/plan"),
  actor: () => import("./views/actor"),
  event: () => import("./views/event"),
  "embed-network": () => import("./views/embed-network"),
  "embed-timeline": () => import("./views/embed-timeline"),
  "embed-dashboard": () => import("./views/embed-dashboard"),
  "embed-actor": () => import("./views/embed-page"),
  "embed-event": () => import("./views/embed-page"),
  "embed-plan": () => import("./views/embed-page"),
  notfound: () => import("./views/notfound"),
};

const app = document.getElementById("app")!;
let shell: Shell | null = null;
let controller: AbortController | null = null;
let cleanup: void | (() => void);
let lastPath = "";
let generation = 0;

async function show(route: Route): Promise<void> {
  const gen = ++generation;
  controller?.abort();
  if (typeof cleanup === "function") cleanup();
  cleanup = undefined;
  controller = new AbortController();
  const signal = controller.signal;
  const embed = isEmbed(route);
  document.documentElement.classList.toggle("embed", embed);

  let root: HTMLElement;
  if (embed) {
    shell = null;
    // An embed is the page's main content: one landmark holds all of it.
    root = h("main", { class: "embed-root" });
    app.replaceChildren(root);
  } else {
    if (!shell) shell = mountShell(app);
    shell.setActive(route.name);
    root = shell.main;
  }
  root.setAttribute("aria-busy", "true");
  root.dataset.view = route.name;
  const firstView = lastPath === "";
  const samePage = route.path === lastPath;
  lastPath = route.path;
  try {
    const { render } = await views[route.name]();
    if (gen !== generation) return;
    root.replaceChildren();
    cleanup = await render({
      root,
      route,
      signal,
      setTitle: (t) => (document.title = t ? `${t} · diplograph` : "diplograph explorer"),
    });
  } catch (err) {
    if (signal.aborted || gen !== generation) return;
    console.error(err);
    root.replaceChildren(errorBox(err, () => void show(route)));
  } finally {
    if (gen === generation) root.removeAttribute("aria-busy");
  }
  if (gen !== generation || embed) return;
  // Take the reader to what they asked for: a #fragment, or the new page's heading.
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target) {
    target.scrollIntoView({ block: "start" });
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  } else if (!samePage && !firstView) {
    const h1 = root.querySelector<HTMLElement>("h1");
    if (h1) {
      h1.setAttribute("tabindex", "-1");
      h1.focus({ preventScroll: true });
    }
  }
}

start((r) => void show(r));
