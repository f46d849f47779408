// The network view: who took part in events with whom, over a date range
// and event types. Click an actor to expand its neighbourhood, a line to
// list its events; pick two actors to see the shortest chain between them.
// Everything the drawing shows is also in the tables below it.
//
// Each load replaces the whole model at once, and only the latest load's
// answer is drawn: filters change faster than the API answers.
import { isAbort } from "../api/client";
import { actors as fetchActors, extent as fetchExtent, network, paths } from "../api/queries";
import { ActorKind } from "../api/schema.generated";
import type { ActorRef, EventBrief, Network, NetworkEdge, NetworkNode, Path } from "../api/types";
import { createNetworkChart, edgeId, type GraphEdge, type GraphNode, type NetworkChart } from "../charts/network-chart";
import { certaintyBadge } from "../components/citations";
import { eventBadges, typeTag } from "../components/eventlist";
import { filterBar } from "../components/filterbar";
import { viewTools } from "../components/viewtools";
import { addDays } from "../dates";
import { errorBox, fill, h, link, loading, refill, uniqueId } from "../dom";
import { describeFilters, eventFilter, type Filters, networkFilter, parseFilters, writeFilters } from "../filters";
import { certaintyMeaning, certaintyWord, eventDate, formatDay, formatDayShort, kindLabel, modalityWord, plural } from "../format";
import { followGraph, keepPlace, liveNote } from "../live";
import { setQuery } from "../router";
import { addTo, mergeNetworks, upToWeek, weekStart } from "./network-model";
import type { Render } from "./view";

const ID = /^[a-z0-9][a-z0-9-]*$/;
const ids = (s: string | null) => (s ?? "").split(",").map((x) => x.trim()).filter((x) => ID.test(x));
const ACTOR_KINDS = Object.values(ActorKind);

export function toGraph(net: Network): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return {
    nodes: net.nodes.map((n) => ({ id: n.actor.id, label: n.actor.name, kind: n.actor.kind, eventCount: n.eventCount })),
    edges: net.edges.map((e) => ({ source: e.source.id, target: e.target.id, weight: e.weight, certainty: e.certainty })),
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
    h("li", null, h("span", { class: "swatch line", "aria-hidden": "true" }), "Confirmed link"),
    h("li", null, h("span", { class: "swatch line line-reported", "aria-hidden": "true" }), "Dashed: only reported"),
    h("li", null, h("span", { class: "swatch line line-speculated", "aria-hidden": "true" }), "Dotted: only speculated or planned"),
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
  // Drawn here, not asked of the API: which kinds of actor, and which
  // actors, to keep (all when empty); and the time slider's week.
  let kinds = (q.get("kinds") ?? "")
    .split(",")
    .map((k) => k.trim().toUpperCase())
    .filter((k): k is ActorKind => (ACTOR_KINDS as string[]).includes(k));
  let keep = ids(q.get("keep"));
  let pathConfirmed = q.get("path-confirmed") === "1";
  let week: string | null = /^\d{4}-\d{2}-\d{2}$/.test(q.get("week") ?? "") ? weekStart(q.get("week")!) : null;

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
  // Fetched again with the network when the graph changes: a renamed actor.
  let actorsById = new Map(everyone.map((a) => [a.id, a]));
  const nameOf = (id: string) => actorsById.get(id)?.name ?? id;

  // ---------------------------------------------------------------- model
  // The latest load's answer, replaced whole by each load.
  let nodes = new Map<string, NetworkNode>();
  let edges = new Map<string, NetworkEdge>();
  // Each load and each path search counts up; an answer for an older one
  // is dropped, and its request aborted.
  let generation = 0;
  let loadAbort: AbortController | null = null;
  let pathGeneration = 0;
  /** The generation of a load the reader asked for, until it has drawn. */
  let fullLoad: number | null = null;
  let pathAbort: AbortController | null = null;

  const kindOf = (id: string) => nodes.get(id)?.actor.kind ?? actorsById.get(id)?.kind;
  const kept = (id: string) => (kinds.length === 0 || kinds.includes(kindOf(id) as ActorKind)) && (keep.length === 0 || keep.includes(id));
  /** What the kind and actor filters keep of the model. */
  const base = () => {
    const ns = [...nodes.values()].filter((n) => kept(n.actor.id));
    const es = [...edges.values()].filter((e) => kept(e.source.id) && kept(e.target.id));
    return { nodes: ns, edges: es };
  };

  // The time slider's weeks: from the week of the first event to that of the last.
  let weeks: string[] = [];
  const computeWeeks = () => {
    let first: string | null = null;
    let last: string | null = null;
    for (const e of edges.values())
      for (const ev of e.events) {
        if (!first || ev.date.earliest < first) first = ev.date.earliest;
        const end = (ev.end ?? ev.date).latest;
        if (!last || end > last) last = end;
      }
    if (filters.from && first && first < filters.from) first = filters.from;
    if (filters.to && last && last > filters.to) last = filters.to;
    weeks = [];
    if (!first || !last) return;
    for (let w = weekStart(first); w <= last && weeks.length < 600; w = addDays(w, 7)) weeks.push(w);
  };
  const weekIndex = () => (week === null ? weeks.length - 1 : Math.max(0, weeks.indexOf(week)));
  const sliding = () => week !== null && weeks.length > 0 && weeks.indexOf(week) >= 0 && weeks.indexOf(week) < weeks.length - 1;
  /** What is shown: the filtered model, up to the slider's week. */
  const visible = () => {
    const b = base();
    return sliding() ? upToWeek(b.nodes, b.edges, addDays(week!, 6)) : b;
  };
  let shownNodes = new Map<string, NetworkNode>();
  let shownEdges = new Map<string, NetworkEdge>();

  // ---------------------------------------------------------------- layout
  const canvas = h("div", {
    class: "network-canvas",
    role: "img",
    "aria-label": "Network drawing; the tables below list the same actors and links.",
  });
  const status = h("p", { class: "chart-status", role: "status", "aria-live": "polite" });
  const note = liveNote();
  const panel = h("div", { class: "panel-body" });
  const pathResult = h("div", { class: "path-result", "aria-live": "polite" });
  const tables = h("section", { class: "network-tables", "aria-labelledby": "network-tables-title" });
  const tools = h("div");
  const focusBar = h("div", { class: "focus-bar" });
  const cardId = uniqueId("hover-card");
  const card = h("div", { class: "hover-card", id: cardId, role: "tooltip", hidden: true });

  const options = (sel: string) => [
    h("option", { value: "" }, "Choose an actor"),
    ...everyone
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((a) => h("option", { value: a.id, selected: a.id === sel }, a.name)),
  ];
  const fromSel = h("select", { id: "path-from", name: "from" }, options(pathPair[0] ?? ""));
  const toSel = h("select", { id: "path-to", name: "to" }, options(pathPair[1] ?? ""));
  const pathConfirmedBox = h("input", { type: "checkbox", id: "path-confirmed", checked: pathConfirmed || !!filters.confirmed, disabled: !!filters.confirmed });
  pathConfirmedBox.addEventListener("change", () => {
    pathConfirmed = pathConfirmedBox.checked;
    updateURL();
    if (pathPair.length === 2) void showPath();
  });
  const pathForm = h(
    "form",
    { class: "path-form", "aria-labelledby": "path-title" },
    h("h2", { id: "path-title", class: "panel-title" }, "Shortest path"),
    h("div", { class: "path-fields" }, h("label", { for: "path-from" }, "From", fromSel), h("label", { for: "path-to" }, "To", toSel)),
    h("label", { class: "toggle", for: "path-confirmed" }, pathConfirmedBox, " Confirmed only ", h("span", { class: "hint" }, "(every link confirmed by a source)")),
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
    void showPath().then(() => updateURL());
  });

  const bar = filterBar({
    filters,
    extent: ext,
    onChange: (f) => {
      filters = { ...f, actors: filters.actors, confirmed: filters.confirmed };
      expanded = [];
      selection = null;
      week = null;
      void load();
    },
  });

  // ---------------------------------------------------------------- options: certainty, kinds, actors
  const confirmedBox = h("input", { type: "checkbox", id: "network-confirmed", checked: !!filters.confirmed });
  confirmedBox.addEventListener("change", () => {
    filters = { ...filters, confirmed: confirmedBox.checked };
    pathConfirmedBox.checked = confirmedBox.checked || pathConfirmed;
    pathConfirmedBox.disabled = confirmedBox.checked;
    expanded = [];
    void load();
  });
  const kindBoxes = ACTOR_KINDS.map((k) => {
    const box = h("input", { type: "checkbox", value: k, checked: kinds.includes(k) });
    box.addEventListener("change", () => {
      kinds = kindBoxes.filter((b) => b.checked).map((b) => b.value as ActorKind);
      redraw();
    });
    return box;
  });
  const pickerList = h("ul", { class: "actor-picker-list", id: "actor-picker-list" });
  const pickerFind = h("input", { type: "search", id: "actor-picker-find", placeholder: "Find an actor", "aria-controls": "actor-picker-list", autocomplete: "off" });
  const pickerSummary = h("span", { class: "hint" });
  pickerFind.addEventListener("input", () => renderPicker());
  const renderPicker = () => {
    const text = pickerFind.value.trim().toLowerCase();
    const ids = new Set([...nodes.keys(), ...keep]);
    const list = [...ids].sort((a, b) => nameOf(a).localeCompare(nameOf(b))).filter((id) => !text || nameOf(id).toLowerCase().includes(text) || keep.includes(id));
    pickerSummary.textContent = keep.length ? `(${plural(keep.length, "actor")} kept)` : "(all)";
    fill(
      pickerList,
      list.map((id) => {
        const box = h("input", { type: "checkbox", value: id, checked: keep.includes(id) });
        box.addEventListener("change", () => {
          keep = box.checked ? [...keep, id] : keep.filter((x) => x !== id);
          redraw();
        });
        return h("li", null, h("label", null, box, " ", nameOf(id)));
      }),
    );
  };
  const options_ = h(
    "section",
    { class: "network-options", "aria-label": "Certainty and actors" },
    h("label", { class: "toggle", for: "network-confirmed" }, confirmedBox, " Confirmed only ", h("span", { class: "hint" }, "(links a source states as fact)")),
    h(
      "fieldset",
      { class: "kind-filter" },
      h("legend", null, "Kinds of actor ", h("span", { class: "hint" }, "(none ticked: all)")),
      h("div", { class: "chips" }, ACTOR_KINDS.map((k, i) => h("label", { class: "chip" }, kindBoxes[i], h("span", null, kindLabel(k))))),
    ),
    h(
      "details",
      { class: "actor-picker", open: keep.length > 0 },
      h("summary", null, "Keep only some actors ", pickerSummary),
      h("p", { class: "hint" }, "Tick actors to show only them and the links between them."),
      h("label", { class: "sr-only", for: "actor-picker-find" }, "Find an actor"),
      pickerFind,
      pickerList,
      h("button", { type: "button", class: "link-button", on: { click: () => { keep = []; redraw(); } } }, "Keep all"),
    ),
  );

  // ---------------------------------------------------------------- time slider
  const weekRange = h("input", { type: "range", id: "week-range", min: "0", max: "0", step: "1", value: "0", "aria-describedby": "week-note" });
  const weekOut = h("output", { class: "week-label", for: "week-range", "aria-live": "polite" });
  const playButton = h("button", { type: "button", class: "play", "aria-pressed": "false" }, "Play");
  let timer: ReturnType<typeof setInterval> | undefined;
  const stopPlaying = () => {
    clearInterval(timer);
    timer = undefined;
    playButton.textContent = "Play";
    playButton.setAttribute("aria-pressed", "false");
  };
  const setWeek = (i: number) => {
    week = i >= weeks.length - 1 ? null : weeks[Math.max(0, i)];
    applyWindow();
    updateURL();
  };
  weekRange.addEventListener("input", () => {
    stopPlaying();
    setWeek(Number(weekRange.value));
  });
  playButton.addEventListener("click", () => {
    if (timer) return stopPlaying();
    if (weeks.length < 2) return;
    if (week === null) setWeek(0);
    playButton.textContent = "Pause";
    playButton.setAttribute("aria-pressed", "true");
    timer = setInterval(() => {
      const i = weekIndex() + 1;
      setWeek(i);
      if (i >= weeks.length - 1) stopPlaying();
    }, 900);
  });
  const slider = h(
    "section",
    { class: "time-slider", "aria-labelledby": "time-slider-title" },
    h("h2", { id: "time-slider-title", class: "filter-title" }, "Week by week"),
    playButton,
    h("label", { for: "week-range", class: "sr-only" }, "Week"),
    weekRange,
    weekOut,
    h(
      "p",
      { id: "week-note", class: "hint" },
      "The drawing and the tables show the events that may have begun by the end of the week shown (from the first day their sources allow), so the network grows week by week; at the last week it is the whole period.",
    ),
  );
  const syncSlider = () => {
    weekRange.max = String(Math.max(weeks.length - 1, 0));
    weekRange.value = String(weekIndex());
    weekRange.disabled = weeks.length < 2;
    playButton.disabled = weeks.length < 2;
    const w = weeks[weekIndex()];
    const text = !w ? "No events" : week === null ? `Whole period, to the week of ${formatDayShort(w)}` : `Week of ${formatDayShort(w)} – ${formatDayShort(addDays(w, 6))}`;
    refill(weekOut, text);
    weekRange.setAttribute("aria-valuetext", text);
  };

  // ---------------------------------------------------------------- downloads
  const caption = () => {
    const parts = [describeFilters(filters, nameOf)];
    if (kinds.length) parts.push(kinds.map((k) => kindLabel(k).toLowerCase()).join(", "));
    if (keep.length) parts.push(`only ${keep.map(nameOf).join(", ")}`);
    if (sliding()) parts.push(`up to ${formatDayShort(addDays(week!, 6))}`);
    return `diplograph · as of ${formatDay(new Date().toISOString().slice(0, 10))} · ${parts.join(" · ")}`;
  };
  const save = (blob: Blob, name: string) => {
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: name, class: "sr-only" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const downloadPNG = async (w: number, hh: number) => {
    if (!chart) return;
    save(await chart.png(w, hh, caption()), `diplograph-network-${w}x${hh}.png`);
  };
  const downloadSVG = () => {
    if (!chart) return;
    save(new Blob([chart.svg(1200, 800, caption())], { type: "image/svg+xml" }), "diplograph-network.svg");
  };
  const imageButtons = h(
    "div",
    { class: "image-downloads", role: "group", "aria-label": "Download the drawing" },
    h("span", { class: "hint" }, "Image:"),
    h("button", { type: "button", class: "small", on: { click: () => void downloadPNG(1200, 800) } }, "PNG 1200×800"),
    h("button", { type: "button", class: "small", on: { click: () => void downloadPNG(2400, 1600) } }, "PNG 2400×1600"),
    h("button", { type: "button", class: "small", on: { click: downloadSVG } }, "SVG"),
  );

  root.replaceChildren(
    intro,
    bar.el,
    options_,
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
          note,
          h(
            "div",
            { class: "zoom-buttons" },
            h("button", { type: "button", "aria-label": "Zoom in", title: "Zoom in", on: { click: () => chart?.zoomBy(1.25) } }, "+"),
            h("button", { type: "button", "aria-label": "Zoom out", title: "Zoom out", on: { click: () => chart?.zoomBy(0.8) } }, "−"),
            h("button", { type: "button", on: { click: () => chart?.fit() } }, "Fit"),
          ),
        ),
        slider,
        canvas,
        h("figcaption", null, legend(), imageButtons),
      ),
      h("aside", { class: "side-panel", "aria-label": "Details" }, pathForm, h("section", { class: "selection", "aria-live": "polite", "aria-label": "Selection" }, panel)),
    ),
    tables,
    tools,
    card,
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
    onHover: (kind, id, x, y) => {
      if (!id) return hideCard();
      const r = canvas.getBoundingClientRect();
      showCard(kind === "node" ? nodeCard(id) : edgeCard(id), r.left + x, r.top + y);
    },
  });

  // ---------------------------------------------------------------- hover cards
  function nodeCard(id: string): HTMLElement[] | null {
    const n = shownNodes.get(id);
    if (!n) return null;
    const partners = neighboursOf(id).length;
    return [
      h("strong", null, n.actor.name),
      h("p", { class: "muted" }, kindLabel(n.actor.kind)),
      h("p", null, `${plural(n.eventCount, "event")} in this view · shared with ${plural(partners, "actor")}`),
    ];
  }
  function edgeCard(id: string): HTMLElement[] | null {
    const e = shownEdges.get(id);
    if (!e) return null;
    return [
      h("strong", null, `${nameOf(e.source.id)} – ${nameOf(e.target.id)}`),
      h("p", null, `${plural(e.weight, "shared event")} · ${e.certainty === "CONFIRMED" ? "confirmed" : `only ${certaintyWord[e.certainty]}`}`),
      h("ul", { class: "event-list" }, e.events.map((ev) => h("li", null, linkEvent(ev, false)))),
    ];
  }
  function showCard(content: HTMLElement[] | null, x: number, y: number) {
    if (!content) return hideCard();
    fill(card, content);
    card.hidden = false;
    // Beside the point, kept inside the window.
    const w = card.offsetWidth;
    const hh = card.offsetHeight;
    const left = Math.min(Math.max(8, x + 14), window.innerWidth - w - 8);
    const top = y + 14 + hh > window.innerHeight ? Math.max(8, y - hh - 14) : y + 14;
    card.style.setProperty("left", `${Math.round(left)}px`);
    card.style.setProperty("top", `${Math.round(top)}px`);
  }
  function hideCard() {
    card.hidden = true;
  }
  // The tables' rows show the same cards when focused or pointed at.
  const rowTarget = (ev: Event) => {
    const tr = (ev.target as Element | null)?.closest?.("tr[data-actor], tr[data-edge]") as HTMLElement | null;
    return tr ? { tr, kind: tr.dataset.actor ? ("node" as const) : ("edge" as const), id: (tr.dataset.actor ?? tr.dataset.edge)! } : null;
  };
  const rowShow = (ev: Event) => {
    const t = rowTarget(ev);
    if (!t) return;
    chart?.hover(t.id);
    const r = t.tr.getBoundingClientRect();
    showCard(t.kind === "node" ? nodeCard(t.id) : edgeCard(t.id), r.left + Math.min(r.width / 3, 220), r.bottom - 14);
    t.tr.setAttribute("aria-describedby", cardId);
  };
  const rowHide = (ev: Event) => {
    const t = rowTarget(ev);
    t?.tr.removeAttribute("aria-describedby");
    chart?.hover(null);
    hideCard();
  };
  tables.addEventListener("focusin", rowShow);
  tables.addEventListener("focusout", rowHide);
  tables.addEventListener("mouseover", (ev) => {
    const t = rowTarget(ev);
    if (t && card.hidden) rowShow(ev);
  });
  tables.addEventListener("mouseleave", rowHide);
  tables.addEventListener("mouseout", (ev) => {
    const to = (ev as MouseEvent).relatedTarget as Element | null;
    const from = rowTarget(ev);
    if (from && !from.tr.contains(to)) rowHide(ev);
  });
  const onKey = (ev: KeyboardEvent) => {
    if (ev.key === "Escape" && !card.hidden) hideCard();
  };
  document.addEventListener("keydown", onKey);

  // ---------------------------------------------------------------- URL
  /** Records the view in the URL; and, unless only the data changed, rebuilds the tools (which hold what the reader typed). */
  const updateURL = (tools_ = true) => {
    const out = writeFilters(filters);
    if (kinds.length) out.set("kinds", kinds.map((k) => k.toLowerCase()).join(","));
    if (keep.length) out.set("keep", keep.join(","));
    if (pathConfirmed && !filters.confirmed) out.set("path-confirmed", "1");
    if (sliding()) out.set("week", week!);
    if (expanded.length) out.set("expand", expanded.join(","));
    if (selection) out.set(selection.kind === "edge" ? "edge" : "actor", selection.id);
    if (pathPair.length === 2) out.set("path", pathPair.join(","));
    setQuery(out);
    if (tools_) fill(tools, viewTools("network", filters));
  };

  // ---------------------------------------------------------------- panels
  // The panel is a live region: the same content again is not announced again.
  const showHelp = () =>
    refill(
      panel,
      h("h2", { class: "panel-title" }, "Details"),
      h("p", { class: "hint" }, "Click an actor or a line in the drawing, or use the tables below, to see the events behind them."),
    );

  const neighboursOf = (id: string) =>
    [...shownEdges.values()]
      .filter((e) => e.source.id === id || e.target.id === id)
      .map((e) => ({ other: e.source.id === id ? e.target.id : e.source.id, e }))
      .sort((a, b) => b.e.weight - a.e.weight || nameOf(a.other).localeCompare(nameOf(b.other)));

  const showActor = (id: string, note = "") => {
    const n = shownNodes.get(id);
    const a = n?.actor ?? actorsById.get(id);
    if (!a) return showHelp();
    const neighbours = neighboursOf(id);
    refill(
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
    const e = shownEdges.get(id);
    if (!e) return showHelp();
    refill(
      panel,
      h("h2", { class: "panel-title" }, `${nameOf(e.source.id)} – ${nameOf(e.target.id)}`),
      h("p", { class: "muted" }, `${plural(e.weight, "shared event")}`, e.certainty !== "CONFIRMED" ? [" · ", linkCertainty(e.certainty)] : null),
      h("ul", { class: "event-list" }, e.events.map((ev) => h("li", null, linkEvent(ev, true)))),
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
    const mine = generation;
    try {
      const before = nodes.size;
      const net = await network((networkFilter(filters, [id], 1)), loadAbort?.signal ?? signal);
      if (mine !== generation) return;
      addTo(nodes, edges, net);
      const g = toGraph(net);
      const added =
        chart?.merge(
          g.nodes.filter((n) => kept(n.id)),
          g.edges.filter((e) => kept(e.source) && kept(e.target)),
          id,
        ) ?? [];
      if (added.length && !expanded.includes(id)) expanded.push(id);
      computeWeeks();
      applyWindow();
      chart?.selectNode(id);
      const note =
        nodes.size > before
          ? `Expanded: ${plural(added.length, "new actor")} around ${nameOf(id)} (dashed rings).`
          : `All of ${nameOf(id)}'s partners in this view are already shown.`;
      if (selection?.kind === "actor" && selection.id === id) showActor(id, note);
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

  interface PathFound {
    a: string;
    b: string;
    found: Path[];
    confirmedOnly: boolean;
    ids: string[];
    edgeIds: string[];
    /** The neighbourhood of the path's actors, when the model lacks some of them. */
    extra: Network | null;
  }

  /** Asks for the chains between the pair, and for what of them the model does not hold. */
  async function findPath(model: { nodes: Map<string, NetworkNode>; edges: Map<string, NetworkEdge> }, sig: AbortSignal): Promise<PathFound> {
    const [a, b] = pathPair;
    const confirmedOnly = pathConfirmed || !!filters.confirmed;
    const found = await paths(a, b, { ...eventFilter({ ...filters, actors: [] }), ...(confirmedOnly ? { certainty: "CONFIRMED" as const } : {}) }, sig);
    const ids = [...new Set(found.flatMap((p) => p.actors.map((x) => x.id)))];
    const edgeIds = [...new Set(found.flatMap((p) => p.actors.slice(1).map((x, i) => edgeId(p.actors[i].id, x.id))))];
    const missing = ids.some((id) => !model.nodes.has(id)) || edgeIds.some((id) => !model.edges.has(id));
    const extra = found.length && missing ? await network(networkFilter(filters, ids, 1), sig) : null;
    return { a, b, found, confirmedOnly, ids, edgeIds, extra };
  }

  /** Draws what the path needs that the view does not show yet, highlights it and lists it. */
  function showFound(r: PathFound) {
    if (r.extra) {
      const only = new Set(r.ids);
      addTo(nodes, edges, r.extra, only);
      const g = toGraph(r.extra);
      chart?.merge(
        g.nodes.filter((n) => only.has(n.id)),
        g.edges.filter((e) => only.has(e.source) && only.has(e.target)),
        r.a,
      );
      computeWeeks();
      applyWindow();
    }
    const { found } = r;
    onPath = found.length ? new Set([...r.ids, ...r.edgeIds]) : new Set();
    chart?.highlightPath(found.length ? r.ids : [], found.length ? r.edgeIds : []);
    // pathResult is a live region: the same chains again are not announced again.
    if (found.length === 0)
      refill(pathResult, h("p", { class: "note" }, `No chain of up to four shared events links ${nameOf(r.a)} and ${nameOf(r.b)} with these filters${r.confirmedOnly ? " when only confirmed links count" : ""}.`));
    else
      refill(
        pathResult,
        h("p", { class: "muted" }, found.length === 1 ? `${plural(found[0].events.length, "step")}:` : `${found.length} equally short chains of ${plural(found[0].events.length, "step")}:`),
        found.map((p) => pathSteps(p)),
        found.some((p) => p.certainty !== "CONFIRMED")
          ? h("p", { class: "hint" }, "A step marked “reported” or “speculated” rests on participation the sources do not confirm; tick “Confirmed only” to leave such steps out.")
          : null,
      );
    renderTables();
  }

  async function showPath() {
    if (pathPair.length !== 2) return;
    fromSel.value = pathPair[0];
    toSel.value = pathPair[1];
    const mine = ++pathGeneration;
    const model = generation;
    pathAbort?.abort();
    const ctl = new AbortController();
    pathAbort = ctl;
    const sig = AbortSignal.any([signal, ctl.signal]);
    fill(pathResult, loading("Finding the shortest chain"));
    try {
      const r = await findPath({ nodes, edges }, sig);
      if (mine !== pathGeneration || model !== generation) return;
      showFound(r);
    } catch (err) {
      if (!isAbort(err)) fill(pathResult, errorBox(err));
    }
  }

  function clearPath() {
    pathPair = [];
    onPath = new Set();
    pathAbort?.abort();
    pathGeneration++;
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
    const nodeList = [...shownNodes.values()].sort((x, y) => y.eventCount - x.eventCount || x.actor.name.localeCompare(y.actor.name));
    const edgeList = [...shownEdges.values()].sort((x, y) => y.weight - x.weight || edgeId(x.source.id, x.target.id).localeCompare(edgeId(y.source.id, y.target.id)));
    const onPathTag = () => h("span", { class: "badge path" }, "on path");
    const scroller = (label: string, table: HTMLElement) =>
      h("div", { class: "table-wrap table-scroll", tabindex: "0", role: "region", "aria-label": `${label} (scrolls sideways on narrow screens)` }, table);
    fill(
      tables,
      h("h2", { id: "network-tables-title" }, "The network as tables"),
      sliding() ? h("p", { class: "hint" }, `Up to the week of ${formatDayShort(week!)} (see the slider above).`) : null,
      h(
        "div",
        { class: "tables-grid" },
        scroller(
          "Actors",
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
        scroller(
          "Links",
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
                  { dataset: { edge: id, certainty: e.certainty.toLowerCase() }, class: [onPath.has(id) && "on-path", e.certainty !== "CONFIRMED" && "uncertain"] },
                  h(
                    "th",
                    { scope: "row" },
                    h("button", { type: "button", class: "link-button", on: { click: () => selectEdge(id) } }, `${nameOf(e.source.id)} – ${nameOf(e.target.id)}`),
                    onPath.has(id) ? [" ", onPathTag()] : null,
                    e.certainty !== "CONFIRMED" ? [" ", linkCertainty(e.certainty)] : null,
                  ),
                  h("td", { class: "num" }, String(e.weight)),
                  h("td", null, e.events.map((ev: EventBrief, i: number) => [i > 0 ? "; " : "", linkEvent(ev, false)])),
                );
              }),
            ),
          ),
        ),
      ),
    );
  }

  // ---------------------------------------------------------------- drawing
  /** Applies the slider: shows what the week allows, and the tables follow. */
  function applyWindow() {
    const v = visible();
    shownNodes = new Map(v.nodes.map((n) => [n.actor.id, n]));
    shownEdges = new Map(v.edges.map((e) => [edgeId(e.source.id, e.target.id), e]));
    chart?.showOnly(sliding() ? { nodes: new Map(v.nodes.map((n) => [n.actor.id, n.eventCount])), edges: new Map(v.edges.map((e) => [edgeId(e.source.id, e.target.id), e.weight])) } : null);
    syncSlider();
    writeStatus();
    renderTables();
    if (selection?.kind === "actor" && shownNodes.has(selection.id)) showActor(selection.id);
    else if (selection?.kind === "edge" && shownEdges.has(selection.id)) showEdge(selection.id);
  }

  function writeStatus() {
    const n = shownNodes.size;
    const m = shownEdges.size;
    const extra = [kinds.length ? kinds.map((k) => kindLabel(k).toLowerCase()).join(", ") : "", keep.length ? `${plural(keep.length, "chosen actor")}` : "", sliding() ? `up to ${formatDayShort(addDays(week!, 6))}` : ""].filter(Boolean);
    refill(status, nodes.size === 0 ? "No shared events with these filters. Widen the dates, tick more event types or untick “Confirmed only”." : `${plural(n, "actor")}, ${plural(m, "link")} · ${[describeFilters(filters, nameOf), ...extra].join(" · ")}`);
    canvas.setAttribute("aria-label", `Network of ${plural(n, "actor")} and ${plural(m, "link")}; the tables below list them.`);
  }

  /** Draws the model anew after the kind or actor filters change. */
  function redraw(live = false) {
    const b = base();
    const g = toGraph({ nodes: b.nodes, edges: b.edges });
    // Live, the drawing changes in place: the reader's zoom and the actors' places stay.
    if (live) chart?.update(g.nodes, g.edges);
    else chart?.setGraph(g.nodes, g.edges);
    if (onPath.size) chart?.highlightPath([...onPath].filter((id) => !id.includes("--")), [...onPath].filter((id) => id.includes("--")));
    if (selection?.kind === "edge") chart?.selectEdge(selection.id);
    else if (selection?.kind === "actor") chart?.selectNode(selection.id);
    renderPicker();
    applyWindow();
    updateURL(!live);
  }

  // ---------------------------------------------------------------- load
  /**
   * Fetches the network (and the expanded neighbourhoods) and draws it.
   * Live (the graph changed), everything the reader chose stays: the
   * viewport, the selection, the expansions, the path, the slider; nothing
   * says "Loading…". Says whether it drew.
   */
  async function load(live = false): Promise<boolean> {
    // A refresh that cuts in on the reader's own load (new filters) does
    // that load's work instead.
    if (fullLoad !== null) live = false;
    const mine = ++generation;
    if (!live) fullLoad = mine;
    loadAbort?.abort();
    pathAbort?.abort();
    const ctl = new AbortController();
    loadAbort = ctl;
    const sig = AbortSignal.any([signal, ctl.signal]);
    if (!live) {
      stopPlaying();
      renderFocusBar();
      status.textContent = "Loading…";
      canvas.setAttribute("aria-busy", "true");
    }
    try {
      const [names, ...answers] = await Promise.all([
        live ? fetchActors(sig) : null,
        network((networkFilter(filters)), sig),
        ...expanded.map((id) => network((networkFilter(filters, [id], 1)), sig)),
      ]);
      const model = mergeNetworks(answers as Network[]);
      // Live, the path is found before anything is drawn, so that the
      // actors it needs are drawn with the rest rather than after.
      const path = live && pathPair.length === 2 ? await findPath(model, sig) : null;
      if (mine !== generation) return false;
      if (names) actorsById = new Map(names.map((a) => [a.id, a]));
      if (path?.extra) {
        addTo(model.nodes, model.edges, path.extra, new Set(path.ids));
        path.extra = null;
      }
      ({ nodes, edges } = model);
      computeWeeks();
      if (week !== null && !weeks.includes(week)) week = null;
      if (live) {
        keepPlace(() => {
          redraw(true);
          if (path) showFound(path);
          if (selection?.kind === "edge" && shownEdges.has(selection.id)) showEdge(selection.id);
          else if (selection?.kind === "actor" && shownNodes.has(selection.id)) showActor(selection.id);
          else if (selection) {
            selection = null;
            chart?.selectNode(null);
            showHelp();
          }
          updateURL(false);
        });
        return true;
      }
      onPath = new Set();
      redraw();
      if (pathPair.length === 2) await showPath();
      else pathResult.replaceChildren();
      if (mine !== generation) return false;
      if (selection?.kind === "edge" && shownEdges.has(selection.id)) selectEdge(selection.id);
      else if (selection?.kind === "actor" && shownNodes.has(selection.id)) {
        chart?.selectNode(selection.id);
        showActor(selection.id);
      } else {
        selection = null;
        showHelp();
      }
      updateURL();
      return true;
    } catch (err) {
      if (isAbort(err) || mine !== generation) return false;
      // A refresh that fails leaves the network shown as it was.
      if (!live) status.replaceChildren(errorBox(err, () => void load()));
      return false;
    } finally {
      if (mine === generation) {
        canvas.removeAttribute("aria-busy");
        fullLoad = null;
      }
    }
  }

  await load();
  followGraph(signal, { note, refresh: () => load(true) });
  return () => {
    stopPlaying();
    loadAbort?.abort();
    pathAbort?.abort();
    document.removeEventListener("keydown", onKey);
    card.remove();
    chart?.destroy();
    chart = null;
  };
};

/** One event of a link or a step: what, when (the whole span), how, and whether it took place. */
function linkEvent(ev: EventBrief, withType: boolean): (HTMLElement | string)[] {
  const how = ev.modality ? ` · ${modalityWord[ev.modality]}` : "";
  return [withType ? [typeTag(ev.type), " "] : [], link(`/event/${ev.id}`, ev.title), h("span", { class: "muted event-when" }, ` (${eventDate(ev)}${how})`), ...eventBadges(ev)].flat();
}

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
        { class: ["path-event", s.certainty !== "CONFIRMED" && "uncertain", `c-${s.certainty.toLowerCase()}`] },
        linkEvent(s.event, false),
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
