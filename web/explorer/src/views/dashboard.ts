// The dashboard: events per week or month, stacked by type, modality or
// status, with what the dates leave open drawn apart from what they fix;
// the most active actors, the pairs linked most often and the places, for
// the same filters. Every chart has a table with the same numbers.
import { actors as fetchActors, type Dashboard, dashboard, extent as fetchExtent } from "../api/queries";
import type { Interval } from "../api/types";
import { activityCaption, activityChart, activityLegend, activityTable, type Grouping } from "../charts/activity-chart";
import { certaintyBadge } from "../components/citations";
import { filterBar } from "../components/filterbar";
import { tableScroll } from "../components/tablescroll";
import { embedBuilder } from "../components/viewtools";
import { isAbort } from "../api/client";
import { errorBox, fill, h, link, loading } from "../dom";
import { describeFilters, eventFilter, type Filters, parseFilters, writeFilters } from "../filters";
import { certaintyMeaning, certaintyWord, formatDay, plural } from "../format";
import { setQuery } from "../router";
import type { Render } from "./view";

/** The embed's default height (web/site/view.go says the same). */
export const DASHBOARD_HEIGHT = 640;

export type DashInterval = Extract<Interval, "WEEK" | "MONTH">;

/** ?interval=week|month; weeks by default. */
export function parseInterval(s: string | null): DashInterval {
  return s === "month" ? "MONTH" : "WEEK";
}

/** ?by=type|modality|status; types by default. */
export function parseGrouping(s: string | null): Grouping {
  return s === "modality" ? "MODALITY" : s === "status" ? "STATUS" : "TYPE";
}

/** The view's own query parameters, defaults left out. */
export function dashboardParams(interval: DashInterval, by: Grouping): Record<string, string> {
  const out: Record<string, string> = {};
  if (interval !== "WEEK") out.interval = interval.toLowerCase();
  if (by !== "TYPE") out.by = by.toLowerCase();
  return out;
}

/** A bar in a table cell, as wide as count is of max. */
function countCell(count: number, max: number): HTMLElement {
  const bar = h("span", { class: "bar", "aria-hidden": "true" });
  bar.style.setProperty("--w", String(max ? count / max : 0));
  return h("td", { class: "num bar-cell" }, String(count), bar);
}

export function mostActiveTable(d: Dashboard): HTMLElement {
  const max = Math.max(0, ...d.mostActive.map((r) => r.count));
  return h(
    "table",
    { class: "data-table", id: "most-active-table" },
    h("caption", null, "The actors named in the most events"),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Actor"), h("th", { scope: "col", class: "num" }, "Events"), h("th", { scope: "col" }, "First"), h("th", { scope: "col" }, "Last"))),
    h(
      "tbody",
      null,
      d.mostActive.map((r) =>
        h(
          "tr",
          { dataset: { actor: r.actor.id } },
          h("th", { scope: "row" }, link(`/actor/${r.actor.id}`, r.actor.name)),
          countCell(r.count, max),
          h("td", null, r.first.display),
          h("td", null, r.last.display),
        ),
      ),
    ),
  );
}

export function topPairsTable(d: Dashboard): HTMLElement {
  const max = Math.max(0, ...d.topPairs.map((r) => r.count));
  return h(
    "table",
    { class: "data-table", id: "top-pairs-table" },
    h("caption", null, "The pairs linked by the most events, and how certain their strongest link is"),
    h(
      "thead",
      null,
      h("tr", null, h("th", { scope: "col" }, "Pair"), h("th", { scope: "col", class: "num" }, "Events"), h("th", { scope: "col" }, "Strongest link"), h("th", { scope: "col" }, "First"), h("th", { scope: "col" }, "Last")),
    ),
    h(
      "tbody",
      null,
      d.topPairs.map((r) =>
        h(
          "tr",
          { dataset: { pair: r.actors.map((a) => a.id).join("--") } },
          h("th", { scope: "row" }, r.actors.map((a, i) => [i ? " – " : null, link(`/actor/${a.id}`, a.name)])),
          countCell(r.count, max),
          h("td", { title: certaintyMeaning[r.certainty] }, certaintyBadge(r.certainty) ?? certaintyWord[r.certainty]),
          h("td", null, r.first.display),
          h("td", null, r.last.display),
        ),
      ),
    ),
  );
}

export function placesTable(d: Dashboard): HTMLElement {
  const max = Math.max(0, ...d.placeActivity.map((r) => r.count));
  return h(
    "table",
    { class: "data-table", id: "places-table" },
    h("caption", null, "Events per place: an event counts for its own place and every place containing it (Miami counts for Florida and the United States)"),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Place"), h("th", { scope: "col" }, "Within"), h("th", { scope: "col", class: "num" }, "Events"))),
    h(
      "tbody",
      null,
      d.placeActivity.map((r) =>
        h("tr", { dataset: { place: r.place.id } }, h("th", { scope: "row" }, r.place.name), h("td", null, r.place.in?.name ?? ""), countCell(r.count, max)),
      ),
    ),
  );
}

/** "103 events: 95 confirmed, 7 reported, 1 planned". */
export function countsLine(d: Dashboard): string {
  const parts = d.eventCounts.byCertainty.filter((k) => k.key).map((k) => `${k.count} ${certaintyWord[k.key as keyof typeof certaintyWord] ?? k.key}`);
  return `${plural(d.eventCounts.total, "event")}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

export const render: Render = async ({ root, route, signal, setTitle }) => {
  let filters: Filters = parseFilters(route.query);
  let interval = parseInterval(route.query.get("interval"));
  let by = parseGrouping(route.query.get("by"));
  setTitle("Dashboard");

  const head = h(
    "div",
    { class: "view-head" },
    h("h1", null, "Dashboard"),
    h(
      "p",
      { class: "lede" },
      "How many events each week or month, who took part most, which pairs met most and where. An event the sources date only roughly is never placed on one day: it counts as possible in every period it may fall in.",
    ),
  );
  root.append(head, loading("Loading the dashboard"));
  const [ext, everyone] = await Promise.all([fetchExtent(signal), fetchActors(signal)]);
  const nameOf = (id: string) => everyone.find((a) => a.id === id)?.name ?? id;

  const status = h("p", { class: "chart-status", role: "status", "aria-live": "polite" });
  const pinNote = h("p", { class: "pin-note" });
  const chartTitle = h("h2", { class: "chart-title", id: "activity-title" });
  const chartBox = h("div", { class: "activity-scroll", tabindex: "0", role: "region", "aria-labelledby": "activity-title" });
  const legend = h("div");
  const table = h("div", { class: "activity-table-wrap" });
  const aggregates = h("div", { class: "dash-grid" });
  const tools = h("div");

  const intervalSel = h(
    "select",
    { id: "dash-interval" },
    h("option", { value: "WEEK", selected: interval === "WEEK" }, "per week"),
    h("option", { value: "MONTH", selected: interval === "MONTH" }, "per month"),
  );
  const groupSel = h(
    "select",
    { id: "dash-by" },
    h("option", { value: "TYPE", selected: by === "TYPE" }, "by type"),
    h("option", { value: "MODALITY", selected: by === "MODALITY" }, "by modality"),
    h("option", { value: "STATUS", selected: by === "STATUS" }, "by status"),
  );
  intervalSel.addEventListener("change", () => {
    interval = intervalSel.value === "MONTH" ? "MONTH" : "WEEK";
    void load();
  });
  groupSel.addEventListener("change", () => {
    by = parseGrouping(groupSel.value.toLowerCase());
    void load();
  });

  const bar = filterBar({
    filters,
    extent: ext,
    confirmed: true,
    onChange: (f) => {
      filters = { ...f, actors: filters.actors, asOf: filters.asOf };
      void load();
    },
  });

  root.replaceChildren(
    head,
    bar.el,
    pinNote,
    h(
      "figure",
      { class: "chart-panel" },
      h(
        "div",
        { class: "chart-toolbar" },
        status,
        h("label", { for: "dash-interval", class: "inline-label" }, "Events ", intervalSel),
        h("label", { for: "dash-by", class: "inline-label" }, "Stacked ", groupSel),
      ),
      h("div", { class: "chart-head" }, chartTitle),
      chartBox,
      h("figcaption", null, legend),
    ),
    h("section", { class: "activity-numbers", "aria-label": "The chart's numbers" }, table),
    aggregates,
    tools,
  );

  const updateURL = () => {
    const q = writeFilters(filters);
    for (const [k, v] of Object.entries(dashboardParams(interval, by))) q.set(k, v);
    setQuery(q);
    fill(tools, h("section", { class: "view-tools", "aria-label": "Embed" }, embedBuilder("/dashboard", "/embed/dashboard", DASHBOARD_HEIGHT, q, filters.asOf)));
  };

  const renderPin = () => {
    if (!filters.asOf) return pinNote.replaceChildren();
    const now = new URLSearchParams(location.search);
    now.delete("asOf");
    fill(pinNote, `As the graph was on ${formatDay(filters.asOf)}. `, link(`/dashboard${now.toString() ? `?${now}` : ""}`, "Show the graph as it is now"));
  };

  // Only the latest request may draw (see the timeline).
  let latest: AbortController | null = null;
  signal.addEventListener("abort", () => latest?.abort());

  async function load() {
    latest?.abort();
    const mine = new AbortController();
    latest = mine;
    const wanted = filters;
    const wantedInterval = interval;
    const wantedBy = by;
    renderPin();
    status.textContent = "Loading…";
    root.dataset.loading = "true";
    try {
      const d = await dashboard(eventFilter(wanted), wantedInterval, wantedBy, mine.signal);
      if (latest !== mine) return;
      const caption = activityCaption(d.activity, wantedBy);
      status.textContent = `${countsLine(d)} · ${describeFilters(wanted, nameOf)}`;
      chartTitle.textContent = caption.split(":")[0];
      fill(chartBox, d.activity.buckets.length ? activityChart(d.activity, wantedBy, caption) : h("p", { class: "hint" }, "No events match these filters."));
      fill(legend, activityLegend(d.activity, wantedBy));
      fill(table, tableScroll(caption, activityTable(d.activity, wantedBy, caption)));
      fill(
        aggregates,
        h("section", { "aria-labelledby": "most-active-h" }, h("h2", { id: "most-active-h" }, "Most active"), tableScroll("The most active actors", mostActiveTable(d))),
        h("section", { "aria-labelledby": "top-pairs-h" }, h("h2", { id: "top-pairs-h" }, "Top pairs"), tableScroll("The pairs linked most often", topPairsTable(d))),
        h("section", { "aria-labelledby": "places-h" }, h("h2", { id: "places-h" }, "Places"), tableScroll("Events per place", placesTable(d))),
      );
      updateURL();
    } catch (err) {
      if (isAbort(err) || latest !== mine) return;
      status.replaceChildren(errorBox(err, () => void load()));
    } finally {
      if (latest === mine) delete root.dataset.loading;
    }
  }

  await load();
};
