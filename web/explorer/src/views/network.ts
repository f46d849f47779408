// The network view: who took part in events with whom, over a date range
// and event types. Click an actor to expand its neighbourhood, a line to
// list its events; pick two actors to see the shortest chain between them.
// Everything the drawing shows is also in the tables below it.
import { isAbort } from "../api/client";
import { actors as fetchActors, extent as fetchExtent, network, paths } from "../api/queries";
import type { ActorRef, EventBrief, Network, NetworkEdge, NetworkNode, Path } from "../api/types";
import { createNetworkChart, edgeId, type GraphEdge, type GraphNode, type NetworkChart } from "../charts/network-chart";
import { certaintyBadge } from "../components/citations";
import { eventBadges, eventList } from "../components/eventlist";
import { filterBar } from "../components/filterbar";
import { viewTools } from "../components/viewtools";
import { errorBox, fill, h, link, loading } from "../dom";
import { describeFilters, eventFilter, type Filters, networkFilter, parseFilters, writeFilters } from "../filters";
import { certaintyMeaning, certaintyWord, kindLabel, plural } from "../format";
import { setQuery } from "../router";
import type { Render } from "./view";

const ID = /^[a-z0-9][a-z0-9-]*$/;
const ids = (s: string | null) => (s ?? "").split(",").map((x) => x.trim()).filter((x) => ID.test(x));

export function toGraph(net: Network): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return {
    nodes: net.nodes.map((n) => ({ id: n.actor.id, label: n.actor.name, kind: n.actor.kind, eventCount: n.eventCount })),
    edges: net.edges.map((e) => ({ source: e.source.id, target: e.target.id, weight: e.weight })),
  };
}

export function legend(): HTMLElement {
  const kinds: [string, string][] = [
    ["PERSON", "person"],
    ["STATE", "state"],
    ["ORGANISATION", "organisation"],
    ["DELEGATION", "delegation"],
  ];
  return h(
    "ul",
    { class: "legend", "aria-label": "Legend" },
    kinds.map(([k, cls]) => h("li", null, h("span", { class: ["swatch", `node-${cls}`], "aria-hidden": "true" }), kindLabel(k as ActorRef["kind"]))),
    h("li", null, h("span", { class: "swatch node-other", "aria-hidden": "true" }), "Group or unidentified"),
    h("li", null, "Circle size: events taken part in"),
    h("li", null, "Line width: events shared"),
  );
}

export const render: Render = async ({ root, route, signal, setTitle }) => {
  const q = route.query;
  let filters: Filters = parseFilters(q);
  let expanded = ids(q.get("expand"));
  let selection: { kind: "actor" | "edge"; id: string } | null = q.get("edge")
    ? { kind: "edge", id: q.get("edge")! }
    : q.get("actor") && ID.test(q.get("actor")!)
      ? { kind: "actor", id: q.get("actor")! }
      : null;
  let pathPair = ids(q.get("path")).slice(0, 2);
  if (pathPair.length !== 2) pathPair = [];

  setTitle("Network");
  const intro = h(
    "div",
    { class: "view-head" },
    h("h1", null, "Network"),
    h(
      "p",
      { class: "lede" },
      "Who took part in events with whom. Each circle is an actor, sized by the events they took part in; each line joins two actors who shared events, wider for more. ",
      h("strong", null, "Click an actor"),
      " to expand its neighbourhood, ",
      h("strong", null, "click a line"),
      " to list its events, or pick two actors to find the shortest chain between them.",
    ),
  );
  root.append(intro, loading("Loading the network"));

  const [ext, everyone] = await Promise.all([fetchExtent(signal), fetchActors(signal)]);
  const actorsById = new Map(everyone.map((a) => [a.id, a]));
  const nameOf = (id: string) => actorsById.get(id)?.name ?? id;

  // ---------------------------------------------------------------- model
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge>();
  const addNetwork = (net: Network, only?: Set<string>) => {
    for (const n of net.nodes) {
      if (only && !only.has(n.actor.id)) continue;
      const old = nodes.get(n.actor.id);
      if (!old || old.eventCount < n.eventCount) nodes.set(n.actor.id, n);
    }
    for (const e of net.edges) {
      if (only && !(only.has(e.source.id) && only.has(e.target.id))) continue;
      edges.set(edgeId(e.source.id, e.target.id), e);
    }
  };

  // ---------------------------------------------------------------- layout
  const canvas = h("div", {
    class: "network-canvas",
    role: "img",
    "aria-label": "Network drawing; the tables below list the same actors and links.",
  });
  const status = h("p", { class: "chart-status", role: "status", "aria-live": "polite" });
  const panel = h("div", { class: "panel-body" });
  const pathResult = h("div", { class: "path-result", "aria-live": "polite" });
  const tables = h("section", { class: "network-tables", "aria-labelledby": "network-tables-title" });
  const tools = h("div");
  const focusBar = h("div", { class: "focus-bar" });

  const options = (sel: string) => [
    h("option", { value: "" }, "Choose an actor"),
    ...everyone
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((a) => h("option", { value: a.id, selected: a.id === sel }, a.name)),
  ];
  const fromSel = h("select", { id: "path-from", name: "from" }, options(pathPair[0] ?? ""));
  const toSel = h("select", { id: "path-to", name: "to" }, options(pathPair[1] ?? ""));
  const pathForm = h(
    "form",
    { class: "path-form", "aria-labelledby": "path-title" },
    h("h2", { id: "path-title", class: "panel-title" }, "Shortest path"),
    h("div", { class: "path-fields" }, h("label", { for: "path-from" }, "From", fromSel), h("label", { for: "path-to" }, "To", toSel)),
    h(
      "div",
      { class: "path-buttons" },
      h("button", { type: "submit", class: "primary" }, "Show path"),
      h("button", { type: "button", class: "link-button", on: { click: () => void clearPath() } }, "Clear"),
    ),
    pathResult,
  );
  pathForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!fromSel.value || !toSel.value || fromSel.value === toSel.value) {
      fill(pathResult, h("p", { class: "hint" }, "Choose two different actors."));
      return;
    }
    pathPair = [fromSel.value, toSel.value];
    void showPath().then(updateURL);
  });

  const bar = filterBar({
    filters,
    extent: ext,
    onChange: (f) => {
      filters = { ...f, actors: filters.actors };
      expanded = [];
      selection = null;
      void load();
    },
  });

  root.replaceChildren(
    intro,
    bar.el,
    focusBar,
    h(
      "div",
      { class: "network-layout" },
      h(
        "figure",
        { class: "chart-panel" },
        h(
          "div",
          { class: "chart-toolbar" },
          status,
          h(
            "div",
            { class: "zoom-buttons" },
            h("button", { type: "button", "aria-label": "Zoom in", title: "Zoom in", on: { click: () => chart?.zoomBy(1.25) } }, "+"),
            h("button", { type: "button", "aria-label": "Zoom out", title: "Zoom out", on: { click: () => chart?.zoomBy(0.8) } }, "−"),
            h("button", { type: "button", on: { click: () => chart?.fit() } }, "Fit"),
          ),
        ),
        canvas,
        h("figcaption", null, legend()),
      ),
      h("aside", { class: "side-panel", "aria-label": "Details" }, pathForm, h("section", { class: "selection", "aria-live": "polite", "aria-label": "Selection" }, panel)),
    ),
    tables,
    tools,
  );

  let chart: NetworkChart | null = createNetworkChart(canvas, {
    onNode: (id) => void selectActor(id, true),
    onEdge: (id) => selectEdge(id),
    onBackground: () => {
      selection = null;
      chart?.selectNode(null);
      showHelp();
      updateURL();
    },
  });

  // ---------------------------------------------------------------- URL
  const updateURL = () => {
    const out = writeFilters(filters);
    if (expanded.length) out.set("expand", expanded.join(","));
    if (selection) out.set(selection.kind === "edge" ? "edge" : "actor", selection.id);
    if (pathPair.length === 2) out.set("path", pathPair.join(","));
    setQuery(out);
    fill(tools, viewTools("network", filters));
  };

  // ---------------------------------------------------------------- panels
  const showHelp = () =>
    fill(
      panel,
      h("h2", { class: "panel-title" }, "Details"),
      h("p", { class: "hint" }, "Click an actor or a line in the drawing, or use the tables below, to see the events behind them."),
    );

  const neighboursOf = (id: string) =>
    [...edges.values()]
      .filter((e) => e.source.id === id || e.target.id === id)
      .map((e) => ({ other: e.source.id === id ? e.target.id : e.source.id, e }))
      .sort((a, b) => b.e.weight - a.e.weight || nameOf(a.other).localeCompare(nameOf(b.other)));

  const showActor = (id: string, note = "") => {
    const n = nodes.get(id);
    const a = n?.actor ?? actorsById.get(id);
    if (!a) return showHelp();
    const neighbours = neighboursOf(id);
    fill(
      panel,
      h("h2", { class: "panel-title" }, a.name),
      h("p", { class: "muted" }, kindLabel(a.kind), n ? ` · ${plural(n.eventCount, "event")} in this view` : ""),
      note ? h("p", { class: "note" }, note) : null,
      h(
        "div",
        { class: "panel-actions" },
        link(`/actor/${a.id}`, "Open actor page"),
        h("button", { type: "button", on: { click: () => { fromSel.value = a.id; fromSel.focus(); } } }, "Path from here"),
        h("button", { type: "button", on: { click: () => { toSel.value = a.id; toSel.focus(); } } }, "Path to here"),
        filters.actors.length === 1 && filters.actors[0] === a.id
          ? null
          : h("button", { type: "button", on: { click: () => focusOn(a.id) } }, "Only this neighbourhood"),
      ),
      neighbours.length
        ? [
            h("h3", null, `Shared events with ${plural(neighbours.length, "actor")}`),
            h(
              "ul",
              { class: "neighbour-list" },
              neighbours.map(({ other, e }) =>
                h(
                  "li",
                  null,
                  h("button", { type: "button", class: "link-button", on: { click: () => selectEdge(edgeId(id, other)) } }, nameOf(other)),
                  h("span", { class: "count" }, String(e.weight)),
                ),
              ),
            ),
          ]
        : h("p", { class: "hint" }, "No shared events in this view."),
    );
  };

  const showEdge = (id: string) => {
    const e = edges.get(id);
    if (!e) return showHelp();
    fill(
      panel,
      h("h2", { class: "panel-title" }, `${nameOf(e.source.id)} – ${nameOf(e.target.id)}`),
      h("p", { class: "muted" }, `${plural(e.weight, "shared event")}`, e.certainty !== "CONFIRMED" ? [" · ", linkCertainty(e.certainty)] : null),
      eventList(e.events),
      h(
        "div",
        { class: "panel-actions" },
        link(`/timeline${filterQueryOf({ ...filters, actors: [e.source.id, e.target.id] })}`, "On the timeline"),
      ),
    );
  };

  const filterQueryOf = (f: Filters) => {
    const s = writeFilters(f).toString();
    return s ? `?${s}` : "";
  };

  async function selectActor(id: string, expand: boolean) {
    selection = { kind: "actor", id };
    chart?.selectNode(id);
    showActor(id);
    updateURL();
    if (!expand) return;
    try {
      const before = nodes.size;
      const net = await network(networkFilter(filters, [id], 1), signal);
      addNetwork(net);
      const g = toGraph(net);
      const added = chart?.merge(g.nodes, g.edges, id) ?? [];
      if (added.length && !expanded.includes(id)) expanded.push(id);
      chart?.selectNode(id);
      const note =
        nodes.size > before
          ? `Expanded: ${plural(added.length, "new actor")} around ${nameOf(id)} (dashed rings).`
          : `All of ${nameOf(id)}'s partners in this view are already shown.`;
      if (selection?.kind === "actor" && selection.id === id) showActor(id, note);
      renderTables();
      updateURL();
    } catch (err) {
      if (!isAbort(err)) fill(panel, errorBox(err));
    }
  }

  function selectEdge(id: string) {
    selection = { kind: "edge", id };
    chart?.selectEdge(id);
    showEdge(id);
    updateURL();
  }

  function focusOn(id: string) {
    filters = { ...filters, actors: [id] };
    expanded = [];
    selection = { kind: "actor", id };
    void load();
  }

  const renderFocusBar = () => {
    if (filters.actors.length === 0) {
      focusBar.replaceChildren();
      return;
    }
    fill(
      focusBar,
      h("span", null, "Showing the neighbourhood of "),
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
              "aria-label": `Stop focusing on ${nameOf(id)}`,
              on: {
                click: () => {
                  filters = { ...filters, actors: filters.actors.filter((x) => x !== id) };
                  expanded = [];
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

  // ---------------------------------------------------------------- path
  let onPath = new Set<string>();
  async function showPath() {
    if (pathPair.length !== 2) return;
    const [a, b] = pathPair;
    fromSel.value = a;
    toSel.value = b;
    fill(pathResult, loading("Finding the shortest chain"));
    let found: Path[];
    try {
      found = await paths(a, b, eventFilter({ ...filters, actors: [] }), signal);
    } catch (err) {
      if (!isAbort(err)) fill(pathResult, errorBox(err));
      return;
    }
    if (found.length === 0) {
      onPath = new Set();
      chart?.highlightPath([], []);
      fill(pathResult, h("p", { class: "note" }, `No chain of up to four shared events links ${nameOf(a)} and ${nameOf(b)} with these filters.`));
      renderTables();
      return;
    }
    const pathIds = [...new Set(found.flatMap((p) => p.actors.map((x) => x.id)))];
    const pathEdges = [...new Set(found.flatMap((p) => p.actors.slice(1).map((x, i) => edgeId(p.actors[i].id, x.id))))];
    if (pathIds.some((id) => !nodes.has(id)) || pathEdges.some((id) => !edges.has(id))) {
      // Draw what the path needs that the view does not show yet.
      const net = await network(networkFilter(filters, pathIds, 1), signal);
      const only = new Set(pathIds);
      addNetwork(net, only);
      const g = toGraph(net);
      chart?.merge(
        g.nodes.filter((n) => only.has(n.id)),
        g.edges.filter((e) => only.has(e.source) && only.has(e.target)),
        a,
      );
    }
    onPath = new Set([...pathIds, ...pathEdges]);
    chart?.highlightPath(pathIds, pathEdges);
    fill(
      pathResult,
      h("p", { class: "muted" }, found.length === 1 ? `${plural(found[0].events.length, "step")}:` : `${found.length} equally short chains of ${plural(found[0].events.length, "step")}:`),
      found.map((p) => pathSteps(p)),
    );
    renderTables();
  }

  function clearPath() {
    pathPair = [];
    onPath = new Set();
    fromSel.value = "";
    toSel.value = "";
    pathResult.replaceChildren();
    chart?.highlightPath([], []);
    if (selection?.kind === "actor") chart?.selectNode(selection.id);
    else if (selection?.kind === "edge") chart?.selectEdge(selection.id);
    renderTables();
    updateURL();
  }

  // ---------------------------------------------------------------- tables
  function renderTables() {
    const nodeList = [...nodes.values()].sort((x, y) => y.eventCount - x.eventCount || x.actor.name.localeCompare(y.actor.name));
    const edgeList = [...edges.values()].sort((x, y) => y.weight - x.weight || edgeId(x.source.id, x.target.id).localeCompare(edgeId(y.source.id, y.target.id)));
    const onPathTag = () => h("span", { class: "badge path" }, "on path");
    fill(
      tables,
      h("h2", { id: "network-tables-title" }, "The network as tables"),
      h(
        "div",
        { class: "tables-grid" },
        h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "data-table", id: "actors-table" },
            h("caption", null, `${plural(nodeList.length, "actor")}`),
            h("thead", null, h("tr", null, h("th", { scope: "col" }, "Actor"), h("th", { scope: "col" }, "Kind"), h("th", { scope: "col", class: "num" }, "Events"), h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Actions")))),
            h(
              "tbody",
              null,
              nodeList.map((n) =>
                h(
                  "tr",
                  { dataset: { actor: n.actor.id }, class: onPath.has(n.actor.id) ? "on-path" : undefined },
                  h("th", { scope: "row" }, link(`/actor/${n.actor.id}`, n.actor.name), onPath.has(n.actor.id) ? [" ", onPathTag()] : null),
                  h("td", null, kindLabel(n.actor.kind)),
                  h("td", { class: "num" }, String(n.eventCount)),
                  h("td", null, h("button", { type: "button", class: "small", on: { click: () => void selectActor(n.actor.id, true) } }, "Expand", h("span", { class: "sr-only" }, ` ${n.actor.name}`))),
                ),
              ),
            ),
          ),
        ),
        h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "data-table", id: "edges-table" },
            h("caption", null, `${plural(edgeList.length, "link")}`),
            h("thead", null, h("tr", null, h("th", { scope: "col" }, "Between"), h("th", { scope: "col", class: "num" }, "Shared"), h("th", { scope: "col" }, "Events"))),
            h(
              "tbody",
              null,
              edgeList.map((e) => {
                const id = edgeId(e.source.id, e.target.id);
                return h(
                  "tr",
                  { dataset: { edge: id }, class: onPath.has(id) ? "on-path" : undefined },
                  h(
                    "th",
                    { scope: "row" },
                    h("button", { type: "button", class: "link-button", on: { click: () => selectEdge(id) } }, `${nameOf(e.source.id)} – ${nameOf(e.target.id)}`),
                    onPath.has(id) ? [" ", onPathTag()] : null,
                    e.certainty !== "CONFIRMED" ? [" ", linkCertainty(e.certainty)] : null,
                  ),
                  h("td", { class: "num" }, String(e.weight)),
                  h("td", null, e.events.map((ev: EventBrief, i: number) => [i > 0 ? "; " : "", link(`/event/${ev.id}`, ev.title), h("span", { class: "muted" }, ` (${ev.date.display})`), eventBadges(ev)])),
                );
              }),
            ),
          ),
        ),
      ),
    );
  }

  // ---------------------------------------------------------------- load
  async function load() {
    renderFocusBar();
    status.textContent = "Loading…";
    canvas.setAttribute("aria-busy", "true");
    try {
      nodes.clear();
      edges.clear();
      addNetwork(await network(networkFilter(filters), signal));
      const extra = await Promise.all(expanded.map((id) => network(networkFilter(filters, [id], 1), signal)));
      extra.forEach((n) => addNetwork(n));
      const g = toGraph({ nodes: [...nodes.values()], edges: [...edges.values()] });
      chart?.setGraph(g.nodes, g.edges);
      status.textContent = `${plural(nodes.size, "actor")}, ${plural(edges.size, "link")} · ${describeFilters(filters, nameOf)}`;
      canvas.setAttribute("aria-label", `Network of ${plural(nodes.size, "actor")} and ${plural(edges.size, "link")}; the tables below list them.`);
      if (nodes.size === 0) status.textContent = "No shared events with these filters. Widen the dates or tick more event types.";
      onPath = new Set();
      if (pathPair.length === 2) await showPath();
      else pathResult.replaceChildren();
      if (selection?.kind === "edge" && edges.has(selection.id)) selectEdge(selection.id);
      else if (selection?.kind === "actor" && nodes.has(selection.id)) {
        chart?.selectNode(selection.id);
        showActor(selection.id);
      } else {
        selection = null;
        showHelp();
      }
      renderTables();
      updateURL();
    } catch (err) {
      if (isAbort(err)) return;
      status.replaceChildren(errorBox(err, () => void load()));
    } finally {
      canvas.removeAttribute("aria-busy");
    }
  }

  await load();
  return () => {
    chart?.destroy();
    chart = null;
  };
};

/** How certain a link between two actors is, when the sources do not confirm it. */
function linkCertainty(c: NetworkEdge["certainty"]): HTMLElement | null {
  return certaintyBadge(c, `The strongest link between the two: ${certaintyMeaning[c]}`);
}

/** One chain: actor, the event linking it to the next, the next actor... */
export function pathSteps(p: Path): HTMLElement {
  const items: HTMLElement[] = [];
  p.steps.forEach((s, i) => {
    if (i === 0) items.push(h("li", { class: "path-actor" }, link(`/actor/${s.from.id}`, s.from.name)));
    items.push(
      h(
        "li",
        { class: "path-event" },
        link(`/event/${s.event.id}`, s.event.title),
        h("span", { class: "muted" }, ` · ${s.event.date.display}`),
        s.certainty !== "CONFIRMED" ? [" ", certaintyBadge(s.certainty, `This link: ${certaintyMeaning[s.certainty]}`)] : null,
      ),
    );
    items.push(h("li", { class: "path-actor" }, link(`/actor/${s.to.id}`, s.to.name)));
  });
  return h(
    "div",
    null,
    p.certainty !== "CONFIRMED" ? h("p", { class: "hint" }, `Its weakest link is ${certaintyWord[p.certainty]}.`) : null,
    h("ol", { class: "path-steps" }, items),
  );
}
