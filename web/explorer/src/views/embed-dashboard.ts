// /embed/dashboard: the events per period chart with the most active actors
// and pairs, for an iframe.
import { dashboard } from "../api/queries";
import { activityCaption, activityChart, activityLegend, activityTable } from "../charts/activity-chart";
import { fill, h } from "../dom";
import { eventFilter } from "../filters";
import { dashboardParams, mostActiveTable, parseGrouping, parseInterval, topPairsTable } from "./dashboard";
import { embedFrame } from "./embed";
import type { Render } from "./view";

export const render: Render = async (ctx) => {
  const interval = parseInterval(ctx.route.query.get("interval"));
  const by = parseGrouping(ctx.route.query.get("by"));
  const { chartEl, data, load } = await embedFrame(ctx, "dashboard", dashboardParams(interval, by));
  const signal = ctx.signal;
  const d = await load(
    (f) => dashboard(eventFilter(f), interval, by, signal, 5),
    (r) =>
      JSON.stringify([
        r.activity.buckets.map((b) => [b.from, b.certain, b.possible]),
        r.mostActive.map((a) => [a.actor.id, a.count]),
        r.topPairs.map((p) => [p.actors.map((a) => a.id), p.count, p.certainty]),
      ]),
  );
  const caption = activityCaption(d.activity, by);
  chartEl.classList.add("embed-dashboard");
  chartEl.tabIndex = 0;
  chartEl.setAttribute("role", "region");
  chartEl.setAttribute("aria-label", "Dashboard");
  fill(
    chartEl,
    h("p", { class: "embed-caption" }, caption.split(":")[0]),
    h(
      "div",
      { class: "activity-scroll", tabindex: "0", role: "region", "aria-label": "Chart (scrolls sideways on narrow screens)" },
      d.activity.buckets.length ? activityChart(d.activity, by, caption) : h("p", { class: "hint" }, "No events match these filters."),
    ),
    activityLegend(d.activity, by),
    h("div", { class: "dash-grid" }, h("div", { class: "table-wrap" }, mostActiveTable(d)), h("div", { class: "table-wrap" }, topPairsTable(d))),
  );
  fill(data, activityTable(d.activity, by, caption));
};
