// The timeline view: events on a zoomable time axis, grouped by actor or by
// type, each drawn as precisely as its sources date it. The table below
// lists the same events for reading and for screen readers.
import { actors as fetchActors, extent as fetchExtent, timeline, TIMELINE_LIMIT } from "../api/queries";
import type { EventWithParticipants } from "../api/types";
import { createTimelineChart, type GroupBy, type TimelineChart } from "../charts/timeline-chart";
import { isLoose } from "../charts/timeline-span";
import { imageDownloads } from "../charts/timeline-image";
import { dateCell, eventBadges, eventList, eventTable, typeTag, whereAndHow } from "../components/eventlist";
import { filterBar } from "../components/filterbar";
import { certaintyBadge } from "../components/citations";
import { viewTools } from "../components/viewtools";
import { errorBox, fill, h, link, loading, refill } from "../dom";
import { describeFilters, eventFilter, type Filters, parseFilters, writeFilters } from "../filters";
import { formatDay, precisionNote, roleLabel } from "../format";
import { isAbort } from "../api/client";
import { followGraph, keepPlace, liveNote } from "../live";
import { setQuery } from "../router";
import type { Render } from "./view";

export function parseGroup(s: string | null, fallback: GroupBy = defaultGroup()): GroupBy {
  return s === "actor" || s === "type" || s === "none" ? s : fallback;
}

export function timelineLegend(): HTMLElement {
  return h(
    "ul",
    { class: "legend", "aria-label": "Legend" },
    h("li", null, h("span", { class: "swatch point", "aria-hidden": "true" }), "Known to the day"),
    h("li", null, h("span", { class: "swatch bar", "aria-hidden": "true" }), "A period"),
    h("li", null, h("span", { class: "swatch bar imprecise", "aria-hidden": "true" }), "Known only to the month or year, or as a range of days: the bar covers every day it may fall on"),
    h("li", null, h("span", { class: "swatch bar uncertain", "aria-hidden": "true" }), "Dotted: reported, planned or speculated, not confirmed; the label says which"),
    h("li", null, h("span", { class: "swatch bar hollow", "aria-hidden": "true" }), "Hollow, title struck through: cancelled or postponed, never held"),
    h("li", null, "Calls and video calls say “by phone” or “by video”: they are not meetings in person"),
  );
}

/** Keyboard control of a chart: + and − zoom, arrows move, 0 fits. */
export function chartKeys(el: HTMLElement, chart: () => TimelineChart | null): void {
  el.addEventListener("keydown", (ev) => {
    const c = chart();
    if (!c) return;
    const keys: Record<string, () => void> = {
      "+": () => c.zoomIn(),
      "=": () => c.zoomIn(),
      "-": () => c.zoomOut(),
      "0": () => c.fit(),
      ArrowLeft: () => c.move(-0.2),
      ArrowRight: () => c.move(0.2),
    };
    const fn = keys[ev.key];
    if (fn) {
      ev.preventDefault();
      fn();
    }
  });
}

export function eventCard(e: EventWithParticipants): HTMLElement {
  return h(
    "div",
    { class: "event-card" },
    h("p", null, typeTag(e.type), eventBadges(e)),
    h("h3", null, link(`/event/${e.id}`, e.title)),
    h("p", null, dateCell(e), whereAndHow(e)),
    h("p", { class: "hint" }, precisionNote(e.date, e.end)),
    e.participants.length
      ? h(
          "ul",
          { class: "inline-list" },
          e.participants.map((p) =>
            h(
              "li",
              null,
              link(`/actor/${p.actor.id}`, p.actor.name),
              h("span", { class: "muted" }, ` (${roleLabel(p.role)}${p.roleLabel && p.roleLabel.toLowerCase() !== roleLabel(p.role) ? `: ${p.roleLabel}` : ""})`),
              p.certainty !== "CONFIRMED" ? [" ", certaintyBadge(p.certainty)] : null,
            ),
          ),
        )
      : null,
    h("p", null, link(`/event/${e.id}`, "Sources and details →")),
  );
}

/** Grouped by actor, a phone's screen shows one name per row and no events: one row there. */
export function defaultGroup(): GroupBy {
  return window.matchMedia("(max-width: 720px)").matches ? "none" : "actor";
}

/** Events dated only to the year or more loosely, listed under the drawing. */
function looseList(events: EventWithParticipants[]): HTMLElement | null {
  const loose = events.filter(isLoose);
  if (loose.length === 0) return null;
  return h(
    "div",
    { class: "loose-events" },
    h("p", { class: "hint" }, `Dated only roughly (to the year or wider), drawn as long bars the first view leaves out: ${loose.length}`),
    eventList(loose),
  );
}

export const render: Render = async ({ root, route, signal, setTitle }) => {
  let filters: Filters = parseFilters(route.query);
  const fallbackGroup = defaultGroup();
  let group = parseGroup(route.query.get("group"), fallbackGroup);
  let selected = route.query.get("event");
  setTitle("Timeline");

  const head = h(
    "div",
    { class: "view-head" },
    h("h1", null, "Timeline"),
    h(
      "p",
      { class: "lede" },
      "Events in time, as precisely as the sources date them: a dot is a known day; a bar spans a period, or every day an event may have happened on when the sources give only the month or the year. Drag to move; use the buttons, Ctrl + scroll, or + and − to zoom. Select an event for its details.",
    ),
  );
  root.append(head, loading("Loading the timeline"));
  const [ext, first] = await Promise.all([fetchExtent(signal), fetchActors(signal)]);
  // Fetched again with the events when the graph changes: a renamed actor.
  let everyone = first;
  const nameOf = (id: string) => everyone.find((a) => a.id === id)?.name ?? id;

  const status = h("p", { class: "chart-status", role: "status", "aria-live": "polite" });
  const note = liveNote();
  const pinNote = h("p", { class: "pin-note" });
  const canvas = h("div", { class: "timeline-canvas", tabindex: "0", role: "group", "aria-label": "Timeline drawing: + and − zoom, arrow keys move, 0 fits. The table below lists the same events." });
  const loose = h("div");
  const detail = h("div", { class: "timeline-detail", "aria-live": "polite" });
  const table = h("section", { class: "timeline-table", "aria-label": "Events as a table" });
  const tools = h("div");
  const images = h("div", { class: "chart-images" });
  const focusBar = h("div", { class: "focus-bar" });
  let chart: TimelineChart | null = null;
  let events: EventWithParticipants[] = [];
  chartKeys(canvas, () => chart);

  const groupSel = h(
    "select",
    { id: "group-by" },
    h("option", { value: "actor", selected: group === "actor" }, "by actor"),
    h("option", { value: "type", selected: group === "type" }, "by event type"),
    h("option", { value: "none", selected: group === "none" }, "in one row"),
  );
  groupSel.addEventListener("change", () => {
    group = parseGroup(groupSel.value, fallbackGroup);
    draw();
    updateURL();
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
    focusBar,
    pinNote,
    h(
      "figure",
      { class: "chart-panel" },
      h(
        "div",
        { class: "chart-toolbar" },
        status,
        note,
        h("label", { for: "group-by", class: "inline-label" }, "Group ", groupSel),
        h(
          "div",
          { class: "zoom-buttons" },
          h("button", { type: "button", "aria-label": "Zoom in", title: "Zoom in", on: { click: () => chart?.zoomIn() } }, "+"),
          h("button", { type: "button", "aria-label": "Zoom out", title: "Zoom out", on: { click: () => chart?.zoomOut() } }, "−"),
          h("button", { type: "button", "aria-label": "Move earlier", title: "Move earlier", on: { click: () => chart?.move(-0.3) } }, "←"),
          h("button", { type: "button", "aria-label": "Move later", title: "Move later", on: { click: () => chart?.move(0.3) } }, "→"),
          h("button", { type: "button", on: { click: () => chart?.fit() } }, "Fit"),
        ),
      ),
      canvas,
      h("figcaption", null, timelineLegend(), loose, images),
    ),
    detail,
    table,
    tools,
  );

  const groupParam = (): Record<string, string> => (group !== fallbackGroup ? { group } : {});

  /** Records the view in the URL; and, unless only the data changed, rebuilds the tools (which hold what the reader typed). */
  const updateURL = (tools_ = true) => {
    const q = writeFilters(filters);
    for (const [k, v] of Object.entries(groupParam())) q.set(k, v);
    if (selected) q.set("event", selected);
    setQuery(q);
    if (tools_) fill(tools, viewTools("timeline", filters, groupParam()));
  };

  const showDetail = () => {
    const e = selected ? events.find((x) => x.id === selected) : undefined;
    // The same card again is not announced again.
    refill(detail, e ? eventCard(e) : h("p", { class: "hint" }, "Select an event in the drawing to see it here."));
  };

  const draw = () => {
    chart?.destroy();
    chart = null;
    canvas.replaceChildren();
    if (events.length === 0) return;
    chart = createTimelineChart(canvas, events, {
      groupBy: group,
      window: { from: filters.from, to: filters.to },
      onSelect: (id) => {
        selected = id;
        showDetail();
        updateURL();
      },
    });
    if (selected) chart.select(selected);
  };

  const renderFocus = () => {
    if (filters.actors.length === 0) {
      focusBar.replaceChildren();
      return;
    }
    fill(
      focusBar,
      h("span", null, "Events in which all of these took part: "),
      filters.actors.map((id) =>
        h(
          "span",
          { class: "chip active" },
          nameOf(id),
          h(
            "button",
            {
              type: "button",
              class: "chip-remove",
              "aria-label": `Remove ${nameOf(id)}`,
              on: {
                click: () => {
                  filters = { ...filters, actors: filters.actors.filter((x) => x !== id) };
                  void load();
                },
              },
            },
            "×",
          ),
        ),
      ),
    );
  };

  const renderPin = () => {
    if (!filters.asOf) return pinNote.replaceChildren();
    const now = new URLSearchParams(location.search);
    now.delete("asOf");
    fill(pinNote, `As the graph was on ${formatDay(filters.asOf)}. `, link(`/timeline${now.toString() ? `?${now}` : ""}`, "Show the graph as it is now"));
  };

  // Only the latest request may draw: an earlier, slower answer would show
  // events of filters the reader has already left.
  let latest: AbortController | null = null;
  /** The load in flight is one the reader asked for. */
  let fullLoad = false;
  signal.addEventListener("abort", () => latest?.abort());

  /**
   * Fetches the events and draws them. Live (the graph changed), the
   * drawing is updated in place and nothing says "Loading…"; says whether
   * it drew.
   */
  async function load(live = false): Promise<boolean> {
    // A refresh that cuts in on the reader's own load (new filters) does
    // that load's work instead.
    if (fullLoad) live = false;
    latest?.abort();
    const mine = new AbortController();
    latest = mine;
    const wanted = filters;
    fullLoad = !live;
    if (!live) {
      renderFocus();
      renderPin();
      status.textContent = "Loading…";
    }
    try {
      const [res, names] = await Promise.all([timeline(eventFilter(wanted), mine.signal), live ? fetchActors(mine.signal) : everyone]);
      if (latest !== mine) return false;
      events = res.events;
      everyone = names;
      if (selected && !events.some((e) => e.id === selected)) selected = null;
      keepPlace(() => {
        refill(
          status,
          events.length === 0
            ? "No events match these filters. Widen the dates or tick more event types."
            : `${res.total} event${res.total === 1 ? "" : "s"} · ${describeFilters(wanted, nameOf)}` +
                (res.total > TIMELINE_LIMIT ? ` (showing the first ${TIMELINE_LIMIT})` : ""),
        );
        if (live && chart && events.length) chart.update(events);
        else draw();
        showDetail();
        fill(loose, looseList(events));
        fill(images, imageDownloads(events, wanted, nameOf));
        fill(table, h("h2", null, "Events as a table"), eventTable(events, { caption: `Events in chronological order (${events.length})`, hideCaption: true }));
        updateURL(!live);
      });
      return true;
    } catch (err) {
      if (isAbort(err) || latest !== mine) return false;
      // A refresh that fails leaves the events shown as they were.
      if (!live) status.replaceChildren(errorBox(err, () => void load()));
      return false;
    } finally {
      if (latest === mine) fullLoad = false;
    }
  }

  await load();
  followGraph(signal, { note, refresh: () => load(true) });
  return () => chart?.destroy();
};
