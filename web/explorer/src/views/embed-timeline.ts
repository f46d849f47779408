// /embed/timeline: the timeline alone, for an iframe.
import { timeline } from "../api/queries";
import type { EventWithParticipants } from "../api/types";
import { caveats, createTimelineChart, type TimelineChart } from "../charts/timeline-chart";
import { eventTable } from "../components/eventlist";
import { fill, h, link } from "../dom";
import { eventFilter } from "../filters";
import { plural } from "../format";
import { embedFrame, idsKey } from "./embed";
import { chartKeys, parseGroup } from "./timeline";
import type { Render } from "./view";

export const render: Render = async (ctx) => {
  const group = parseGroup(ctx.route.query.get("group"));
  const { height, chartEl, zoom, data, openPopup, closePopup, load, filters } = await embedFrame(ctx, "timeline", group !== "actor" ? { group } : {});
  const signal = ctx.signal;
  const res = await load(
    (f) => timeline(eventFilter(f), signal),
    (r) => `${r.total}:${idsKey(r.events.map((e) => e.id))}`,
  );
  const events: EventWithParticipants[] = res.events;
  let chart: TimelineChart | null = null;
  chartEl.tabIndex = 0;
  chartEl.setAttribute("role", "group");
  chartEl.setAttribute("aria-label", `Timeline of ${plural(events.length, "event")}: + and − zoom, arrow keys move`);
  chartKeys(chartEl, () => chart);
  if (events.length) {
    const chartHeight = Math.max(120, height - 64);
    chart = createTimelineChart(chartEl, events, {
      groupBy: group,
      window: { from: filters.from, to: filters.to },
      height: chartHeight,
      onSelect: (id) => {
        const e = events.find((x) => x.id === id);
        if (!e) return closePopup();
        openPopup(h("strong", null, e.title), h("p", null, e.end ? `${e.date.display} – ${e.end.display}` : e.date.display, caveats(e)), link(`/event/${e.id}`, "Sources and details"));
      },
    });
  } else {
    chartEl.append(h("p", { class: "hint" }, "No events match these filters."));
  }
  const c = () => chart;
  fill(
    zoom,
    h("button", { type: "button", "aria-label": "Zoom in", on: { click: () => c()?.zoomIn() } }, "+"),
    h("button", { type: "button", "aria-label": "Zoom out", on: { click: () => c()?.zoomOut() } }, "−"),
    h("button", { type: "button", on: { click: () => c()?.fit() } }, "Fit"),
  );
  fill(data, eventTable(events, { caption: "Events" }));
  return () => chart?.destroy();
};
