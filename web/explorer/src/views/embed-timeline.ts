// /embed/timeline: the timeline alone, for an iframe.
import { timeline } from "../api/queries";
import type { EventWithParticipants } from "../api/types";
import { caveats, createTimelineChart, type TimelineChart } from "../charts/timeline-chart";
import { eventTable } from "../components/eventlist";
import { fill, h, link } from "../dom";
import { eventFilter } from "../filters";
import { plural } from "../format";
import { keepPlace } from "../live";
import { embedFrame, idsKey } from "./embed";
import { chartKeys, parseGroup } from "./timeline";
import type { Render } from "./view";

export const render: Render = async (ctx) => {
  const group = parseGroup(ctx.route.query.get("group"));
  const { height, chartEl, zoom, data, openPopup, closePopup, popupOpen, load, filters, live } = await embedFrame(ctx, "timeline", group !== "actor" ? { group } : {});
  const signal = ctx.signal;
  const fetchEvents = () =>
    load(
      (f) => timeline(eventFilter(f), signal),
      (r) => `${r.total}:${idsKey(r.events.map((e) => e.id))}`,
    );
  let events: EventWithParticipants[] = [];
  let chart: TimelineChart | null = null;
  /** The event whose details are open, shown again as it now is after a change. */
  let open: string | null = null;
  chartEl.tabIndex = 0;
  chartEl.setAttribute("role", "group");
  chartKeys(chartEl, () => chart);

  const showPopup = (id: string | null) => {
    open = id;
    const e = id ? events.find((x) => x.id === id) : undefined;
    if (!e) {
      open = null;
      return closePopup();
    }
    openPopup(h("strong", null, e.title), h("p", null, e.end ? `${e.date.display} – ${e.end.display}` : e.date.display, caveats(e)), link(`/event/${e.id}`, "Sources and details"));
  };

  /** Draws the events; again, in place, when the graph changes. */
  const show = (next: EventWithParticipants[]) => {
    events = next;
    chartEl.setAttribute("aria-label", `Timeline of ${plural(events.length, "event")}: + and − zoom, arrow keys move`);
    if (chart && events.length) {
      chart.update(events);
      if (open && popupOpen()) showPopup(open);
    } else {
      chart?.destroy();
      chart = null;
      chartEl.replaceChildren();
      if (events.length) {
        chart = createTimelineChart(chartEl, events, {
          groupBy: group,
          window: { from: filters.from, to: filters.to },
          height: Math.max(120, height - 64),
          onSelect: showPopup,
        });
      } else {
        chartEl.append(h("p", { class: "hint" }, "No events match these filters."));
      }
    }
    fill(data, eventTable(events, { caption: "Events" }));
  };

  show((await fetchEvents()).events);
  const c = () => chart;
  fill(
    zoom,
    h("button", { type: "button", "aria-label": "Zoom in", on: { click: () => c()?.zoomIn() } }, "+"),
    h("button", { type: "button", "aria-label": "Zoom out", on: { click: () => c()?.zoomOut() } }, "−"),
    h("button", { type: "button", on: { click: () => c()?.fit() } }, "Fit"),
  );
  live(async () => {
    const res = await fetchEvents();
    if (signal.aborted) return false;
    keepPlace(() => show(res.events));
    return true;
  });
  return () => chart?.destroy();
};
