// The embeds, /embed/network, /embed/timeline, /embed/dashboard, /embed/actor/{id},
// /embed/event/{id} and /embed/plan/{id}: a view alone, compact, made for an
// iframe on another site. They take the views' filters, plus
// theme=light|dark, height=<pixels> and asOf=<day> (the graph as it was on
// the day of publication), and end with a credit line linking back to the
// same view in the explorer. The data is also in a table for screen
// readers. This module is the frame they share; embed-*.ts draw the views.
import { actors as fetchActors } from "../api/queries";
import { fill, h, link, refill } from "../dom";
import { describeFilters, type Filters, filterQuery, parseFilters } from "../filters";
import { formatDay } from "../format";
import { followGraph, liveNote } from "../live";
import type { ViewContext } from "./view";

export const HEIGHT = { min: 200, max: 2000, network: 520, timeline: 420, actor: 520, event: 520, plan: 560, dashboard: 640 };

export type EmbedKind = "network" | "timeline" | "actor" | "event" | "plan" | "dashboard";

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
  /** The title's heading, for views that name their subject once loaded. */
  heading: HTMLElement;
  nameOf(id: string): string;
  openPopup(...children: (Node | string | null)[]): void;
  closePopup(): void;
  popupOpen(): boolean;
  /**
   * Fetches the view's data with the filters; when the embed is pinned
   * (asOf), fetches the unpinned answer too and says whether the graph has
   * changed since, comparing what key() makes of each answer.
   */
  load<T>(fetch: (f: Filters) => Promise<T>, key: (t: T) => string): Promise<T>;
  /**
   * Draws the view again, in place, whenever the graph changes, and says
   * so in the head. refresh says whether it drew.
   */
  live(refresh: () => Promise<boolean>): void;
}

const titles: Record<EmbedKind, string> = {
  network: "Who met whom",
  timeline: "Timeline",
  actor: "Actor",
  event: "Event",
  plan: "Plan",
  dashboard: "Dashboard",
};

/** The explorer view an embed shows: /network, /actor/{id}... */
function viewPath(kind: EmbedKind, id: string | undefined): string {
  return id && (kind === "actor" || kind === "event" || kind === "plan") ? `/${kind}/${id}` : `/${kind}`;
}

export async function embedFrame(
  { root, route, signal, setTitle }: ViewContext,
  kind: EmbedKind,
  viewParams: Record<string, string> = {},
): Promise<EmbedFrame> {
  const q = route.query;
  const filters = parseFilters(q);
  const theme = q.get("theme");
  if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
  const height = embedHeight(q, HEIGHT[kind]);
  root.style.setProperty("--embed-height", `${height}px`);
  setTitle(titles[kind]);

  const everyone = await fetchActors(signal);
  const nameOf = (id: string) => everyone.find((a) => a.id === id)?.name ?? id;
  const path = viewPath(kind, route.id);
  const viewHref = `${location.origin}${path}${filterQuery(filters, viewParams)}`;
  const currentHref = `${location.origin}${path}${filterQuery({ ...filters, asOf: null }, viewParams)}`;

  const chartEl = h("div", { class: "embed-chart" });
  const popup = h("div", { class: "embed-popup", hidden: true, role: "dialog", "aria-label": "Details" });
  const data = h("div", { class: "sr-only" });
  const chart = kind === "network" || kind === "timeline" || kind === "dashboard";
  const heading = h("span", null, titles[kind]);
  const title = h("h1", { class: "embed-title" }, heading, chart ? h("span", { class: "muted" }, ` · ${describeFilters(filters, nameOf)}`) : null);
  const zoom = h("div", { class: "zoom-buttons" });
  const note = liveNote();
  const pin = h("span", { class: "embed-pin", role: "status" });
  if (filters.asOf) pin.append(`As of ${formatDay(filters.asOf)}`);
  root.append(
    h("div", { class: "embed-head" }, title, note, zoom),
    chartEl,
    popup,
    data,
    h(
      "p",
      { class: "embed-credit" },
      "source: ",
      h("a", { href: viewHref, target: "_blank", rel: "noopener" }, "diplograph"),
      h("span", { class: "muted" }, " · every fact linked to its sources"),
      filters.asOf ? [" · ", pin] : null,
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
  const load = async <T>(fetch: (f: Filters) => Promise<T>, key: (t: T) => string): Promise<T> => {
    if (!filters.asOf) return fetch(filters);
    const [pinned, now] = await Promise.all([fetch(filters), fetch({ ...filters, asOf: null })]);
    const changed = key(pinned) !== key(now);
    root.dataset.updated = String(changed);
    // Asked again on every change of the graph: the pin is a live region, said again only when it changes.
    refill(pin, `As of ${formatDay(filters.asOf)}`, changed ? [" · ", link(currentHref, "updated since publication")] : null);
    return pinned;
  };
  const live = (refresh: () => Promise<boolean>) => followGraph(signal, { note, refresh });
  const popupOpen = () => !popup.hidden;
  return { filters, height, chartEl, zoom, data, heading, nameOf, openPopup, closePopup, popupOpen, load, live };
}

/** A key of a list of ids, for load(): the same ids in any order give the same key. */
export function idsKey(ids: string[]): string {
  return [...ids].sort().join(",");
}
