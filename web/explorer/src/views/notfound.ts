import { h, link } from "../dom";
import type { Render } from "./view";

export function notFound(message: string): HTMLElement {
  return h(
    "div",
    { class: "view-head not-found" },
    h("h1", null, "Not found"),
    h("p", { class: "lede" }, message),
    h("p", null, "Try the search box above, or start from the ", link("/network", "network"), ", the ", link("/timeline", "timeline"), " or the ", link("/plan", "peace plan"), "."),
  );
}

export const render: Render = async ({ root, route, setTitle }) => {
  setTitle("Not found");
  root.append(notFound(`Nothing lives at ${route.path}.`));
};
