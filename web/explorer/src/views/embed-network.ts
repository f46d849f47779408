// /embed/network: the network alone, for an iframe.
import { network } from "../api/queries";
import type { Network } from "../api/types";
import { createNetworkChart, edgeId, type NetworkChart } from "../charts/network-chart";
import { eventBadges } from "../components/eventlist";
import { fill, h, link } from "../dom";
import { networkFilter } from "../filters";
import { plural } from "../format";
import { embedFrame, idsKey } from "./embed";
import { toGraph } from "./network";
import type { Render } from "./view";

export const render: Render = async (ctx) => {
  const { chartEl, zoom, data, nameOf, openPopup, closePopup, load } = await embedFrame(ctx, "network");
  const q = ctx.route.query;
  const signal = ctx.signal;
  const net: Network = await load(
    (f) => network(networkFilter(f, f.actors, Number(q.get("hops")) || 1), signal),
    (n) => idsKey(n.edges.flatMap((e) => e.events.map((ev) => `${e.source.id}-${e.target.id}:${ev.id}`))),
  );
  const g = toGraph(net);
  const edges = new Map(net.edges.map((e) => [edgeId(e.source.id, e.target.id), e]));
  const chart: NetworkChart = createNetworkChart(chartEl, {
    onNode: (id) => {
      chart.selectNode(id);
      const n = net.nodes.find((x) => x.actor.id === id);
      if (n) openPopup(h("strong", null, n.actor.name), h("p", null, `${plural(n.eventCount, "event")} in this view`), link(`/actor/${id}`, "Open in diplograph"));
    },
    onEdge: (id) => {
      chart.selectEdge(id);
      const e = edges.get(id);
      if (!e) return;
      openPopup(
        h("strong", null, `${nameOf(e.source.id)} – ${nameOf(e.target.id)}`),
        h("ul", null, e.events.map((ev) => h("li", null, link(`/event/${ev.id}`, ev.title), h("span", { class: "muted" }, ` · ${ev.date.display}`), eventBadges(ev)))),
      );
    },
    onBackground: () => {
      chart.selectNode(null);
      closePopup();
    },
  });
  chart.setGraph(g.nodes, g.edges);
  chartEl.setAttribute("role", "img");
  chartEl.setAttribute("aria-label", `Network of ${plural(net.nodes.length, "actor")} and ${plural(net.edges.length, "link")}`);
  fill(
    zoom,
    h("button", { type: "button", "aria-label": "Zoom in", on: { click: () => chart.zoomBy(1.25) } }, "+"),
    h("button", { type: "button", "aria-label": "Zoom out", on: { click: () => chart.zoomBy(0.8) } }, "−"),
  );
  fill(
    data,
    h(
      "table",
      null,
      h("caption", null, "Links between actors"),
      h("tbody", null, net.edges.map((e) => h("tr", null, h("th", null, `${nameOf(e.source.id)} – ${nameOf(e.target.id)}`), h("td", null, e.events.map((ev) => ev.title).join("; "))))),
    ),
  );
  if (net.nodes.length === 0) chartEl.append(h("p", { class: "hint" }, "No shared events with these filters."));
  return () => chart.destroy();
};
