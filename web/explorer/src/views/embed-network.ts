// /embed/network: the network alone, for an iframe.
import { network } from "../api/queries";
import type { Network, NetworkEdge } from "../api/types";
import { createNetworkChart, edgeId, type NetworkChart } from "../charts/network-chart";
import { eventBadges } from "../components/eventlist";
import { fill, h, link } from "../dom";
import { networkFilter } from "../filters";
import { plural } from "../format";
import { keepPlace } from "../live";
import { embedFrame, idsKey } from "./embed";
import { toGraph } from "./network";
import type { Render } from "./view";

export const render: Render = async (ctx) => {
  const { chartEl, zoom, data, nameOf, openPopup, closePopup, popupOpen, load, live } = await embedFrame(ctx, "network");
  const q = ctx.route.query;
  const signal = ctx.signal;
  const fetchNetwork = () =>
    load(
      (f) => network(networkFilter(f, f.actors, Number(q.get("hops")) || 1), signal),
      (n) => idsKey(n.edges.flatMap((e) => e.events.map((ev) => `${e.source.id}-${e.target.id}:${ev.id}`))),
    );
  let net: Network = await fetchNetwork();
  let edges = new Map<string, NetworkEdge>();
  /** The actor or link whose details are open, shown again as it now is after a change. */
  let open: { kind: "node" | "edge"; id: string } | null = null;

  const showNode = (id: string) => {
    const n = net.nodes.find((x) => x.actor.id === id);
    if (!n) return closePopup();
    open = { kind: "node", id };
    openPopup(h("strong", null, n.actor.name), h("p", null, `${plural(n.eventCount, "event")} in this view`), link(`/actor/${id}`, "Open in diplograph"));
  };
  const showEdge = (id: string) => {
    const e = edges.get(id);
    if (!e) return closePopup();
    open = { kind: "edge", id };
    openPopup(
      h("strong", null, `${nameOf(e.source.id)} – ${nameOf(e.target.id)}`),
      h("ul", null, e.events.map((ev) => h("li", null, link(`/event/${ev.id}`, ev.title), h("span", { class: "muted" }, ` · ${ev.date.display}`), eventBadges(ev)))),
    );
  };
  const chart: NetworkChart = createNetworkChart(chartEl, {
    onNode: (id) => {
      chart.selectNode(id);
      showNode(id);
    },
    onEdge: (id) => {
      chart.selectEdge(id);
      showEdge(id);
    },
    onBackground: () => {
      chart.selectNode(null);
      open = null;
      closePopup();
    },
  });
  chartEl.setAttribute("role", "img");

  /** Draws the network; again, in place, when the graph changes (the viewport and the selection stay). */
  const show = (again: boolean) => {
    const g = toGraph(net);
    edges = new Map(net.edges.map((e) => [edgeId(e.source.id, e.target.id), e]));
    if (again) chart.update(g.nodes, g.edges);
    else chart.setGraph(g.nodes, g.edges);
    chartEl.setAttribute("aria-label", `Network of ${plural(net.nodes.length, "actor")} and ${plural(net.edges.length, "link")}`);
    fill(
      data,
      h(
        "table",
        null,
        h("caption", null, "Links between actors"),
        h("tbody", null, net.edges.map((e) => h("tr", null, h("th", null, `${nameOf(e.source.id)} – ${nameOf(e.target.id)}`), h("td", null, e.events.map((ev) => ev.title).join("; "))))),
      ),
    );
    chartEl.querySelector(".hint")?.remove();
    if (net.nodes.length === 0) chartEl.append(h("p", { class: "hint" }, "No shared events with these filters."));
    if (again && open) {
      const still = open.kind === "node" ? net.nodes.some((n) => n.actor.id === open!.id) : edges.has(open.id);
      if (!still) {
        chart.selectNode(null);
        open = null;
        closePopup();
      } else {
        // Again, so that what the change added is dimmed like the rest.
        if (open.kind === "node") chart.selectNode(open.id);
        else chart.selectEdge(open.id);
        if (popupOpen()) {
          if (open.kind === "node") showNode(open.id);
          else showEdge(open.id);
        }
      }
    }
  };

  show(false);
  fill(
    zoom,
    h("button", { type: "button", "aria-label": "Zoom in", on: { click: () => chart.zoomBy(1.25) } }, "+"),
    h("button", { type: "button", "aria-label": "Zoom out", on: { click: () => chart.zoomBy(0.8) } }, "−"),
  );
  live(async () => {
    const next = await fetchNetwork();
    if (signal.aborted) return false;
    net = next;
    keepPlace(() => show(true));
    return true;
  });
  return () => chart.destroy();
};
