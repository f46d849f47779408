// The embeds, /embed/network and /embed/timeline: the chart alone, made for
// an iframe on another site. They take the views' filters, plus
// theme=light|dark and height=<pixels>, and end with a credit line linking
// back to the same view in the explorer. The data is also in a table for
// screen readers. This module is the frame both share; embed-network.ts
// and embed-timeline.ts draw the charts.
import { actors as fetchActors } from "../api/queries";
import { fill, h } from "../dom";
import { describeFilters, type Filters, filterQuery, parseFilters } from "../filters";
import type { ViewContext } from "./view";

export const HEIGHT = { min: 200, max: 2000, network: 520, timeline: 420 };

export function embedHeight(q: URLSearchParams, fallback: number): number {
  const n = Number(q.get("height"));
  if (!Number.isFinite(n) || n === 0) return fallback;
  return Math.min(HEIGHT.max, Math.max(HEIGHT.min, Math.round(n)));
}

export interface EmbedFrame {
  filters: Filters;
  height: number;
  chartEl: HTMLElement;
  zoom: HTMLElement;
  data: HTMLElement;
  nameOf(id: string): string;
  openPopup(...children: (Node | string | null)[]): void;
  closePopup(): void;
}

export async function embedFrame(
  { root, route, signal, setTitle }: ViewContext,
  kind: "network" | "timeline",
  viewParams: Record<string, string> = {},
): Promise<EmbedFrame> {
  const q = route.query;
  const filters = parseFilters(q);
  const theme = q.get("theme");
  if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
  const height = embedHeight(q, HEIGHT[kind]);
  root.style.setProperty("--embed-height", `${height}px`);
  setTitle(kind === "network" ? "Network" : "Timeline");

  const everyone = await fetchActors(signal);
  const nameOf = (id: string) => everyone.find((a) => a.id === id)?.name ?? id;
  const viewHref = `${location.origin}/${kind}${filterQuery(filters, viewParams)}`;

  const chartEl = h("div", { class: "embed-chart" });
  const popup = h("div", { class: "embed-popup", hidden: true, role: "dialog", "aria-label": "Details" });
  const data = h("div", { class: "sr-only" });
  const title = h("span", { class: "embed-title" }, kind === "network" ? "Who met whom" : "Timeline", h("span", { class: "muted" }, ` · ${describeFilters(filters, nameOf)}`));
  const zoom = h("div", { class: "zoom-buttons" });
  root.append(
    h("div", { class: "embed-head" }, title, zoom),
    chartEl,
    popup,
    data,
    h(
      "p",
      { class: "embed-credit" },
      "source: ",
      h("a", { href: viewHref, target: "_blank", rel: "noopener" }, "diplograph"),
      h("span", { class: "muted" }, " · every fact linked to its sources"),
    ),
  );
  const closePopup = () => {
    popup.hidden = true;
  };
  const openPopup = (...children: (Node | string | null)[]) => {
    fill(popup, h("button", { type: "button", class: "popup-close", "aria-label": "Close", on: { click: closePopup } }, "×"), ...children);
    popup.hidden = false;
  };
  // Links in an embed open the explorer in a new tab.
  root.addEventListener("click", (ev) => {
    const a = (ev.target as Element).closest?.("a");
    if (a && !a.target) {
      a.target = "_blank";
      a.rel = "noopener";
    }
  });
  return { filters, height, chartEl, zoom, data, nameOf, openPopup, closePopup };
}
