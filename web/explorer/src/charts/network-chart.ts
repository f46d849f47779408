// The network drawing: cytoscape on a canvas. Nodes are actors sized by
// their events, edges are shared events, wider for more. The container
// carries the state in data- attributes (nodes, edges, selection, path,
// rendered positions) for tests and for people inspecting the page; the
// view puts the same data in tables beside it.
import cytoscape, { type Core, type EdgeSingular, type ElementDefinition, type NodeSingular } from "cytoscape";
import { edgeId } from "../views/network-model";
import { networkSVG, wrapLabel, type SvgDrawing } from "./network-svg";

export interface GraphNode {
  id: string;
  label: string;
  kind: string;
  eventCount: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  weight: number;
  /** How certain the strongest of its links is; anything but CONFIRMED is drawn dashed. */
  certainty?: string;
}

/** The smallest a label may be drawn, in screen pixels. */
export const MIN_LABEL_PX = 12;
const BASE_FONT = 17;
const FONT_FAMILY = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";

export { edgeId };

export function nodeSize(eventCount: number): number {
  return Math.round(30 + 16 * Math.sqrt(Math.max(eventCount, 0)));
}

export function edgeWidth(weight: number): number {
  return Math.min(3 + (weight - 1) * 3, 16);
}

export interface NetworkChart {
  /** Replaces the graph and lays it out. */
  setGraph(nodes: GraphNode[], edges: GraphEdge[]): void;
  /**
   * Shows these nodes and edges instead, in place: the viewport and the
   * actors already drawn stay where they are, with their marks (selection,
   * expansion); a new actor is placed beside its partners.
   */
  update(nodes: GraphNode[], edges: GraphEdge[]): void;
  /** Adds what is new, lays out again, and returns the ids of the new nodes. */
  merge(nodes: GraphNode[], edges: GraphEdge[], around?: string): string[];
  selectNode(id: string | null): void;
  selectEdge(id: string | null): void;
  /** Highlights a path (and dims the rest); empty lists clear it. */
  highlightPath(nodeIds: string[], edgeIds: string[]): void;
  /**
   * Shows only these nodes and edges, each with its count in the window
   * (the time slider); null shows everything. The layout stays put.
   */
  showOnly(visible: { nodes: Map<string, number>; edges: Map<string, number> } | null): void;
  /** Marks a node or edge as hovered (from the tables), or none. */
  hover(id: string | null): void;
  zoomBy(factor: number): void;
  fit(): void;
  /** The whole graph as a PNG of exactly width x height, with a source line under it. */
  png(width: number, height: number, caption: string): Promise<Blob>;
  /** The same as an SVG document. */
  svg(width: number, height: number, caption: string): string;
  destroy(): void;
}

export interface NetworkChartOptions {
  onNode?(id: string): void;
  onEdge?(id: string): void;
  onBackground?(): void;
  /** The pointer is over a node or edge (at rendered x, y in the container), or left it (id null). */
  onHover?(kind: "node" | "edge", id: string | null, x: number, y: number): void;
}

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

// cytoscape injects a <style> element (which the CSP refuses) unless an
// element with this id exists; main.css holds the rule it would inject.
const CYTOSCAPE_STYLESHEET_ID = "__________cytoscape_stylesheet";

function preventStyleInjection(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const marker = document.createElement("meta");
  marker.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(marker);
}

export function createNetworkChart(container: HTMLElement, opts: NetworkChartOptions = {}): NetworkChart {
  preventStyleInjection();
  const color = (name: string, fallback: string) => cssVar(container, name, fallback);
  const kindColor: Record<string, string> = {
    PERSON: color("--node-person", "#2563eb"),
    STATE: color("--node-state", "#d97706"),
    ORGANISATION: color("--node-organisation", "#059669"),
    DELEGATION: color("--node-delegation", "#7c3aed"),
  };
  const text = color("--text", "#1e293b");
  const bg = color("--surface", "#ffffff");
  const edge = color("--edge", "#94a3b8");
  const accent = color("--accent", "#e11d48");
  const select = color("--select", "#0f172a");
  const muted = color("--muted", "#64748b");

  const cy: Core = cytoscape({
    container,
    minZoom: 0.3,
    maxZoom: 3,
    boxSelectionEnabled: false,
    autoungrabify: false,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          width: "data(size)",
          height: "data(size)",
          label: "data(label)",
          "font-size": BASE_FONT,
          "font-family": FONT_FAMILY,
          // A long name (a delegation, a group of advisers) wraps rather than
          // widening the drawing until every label is too small to read.
          "text-wrap": "wrap",
          "text-max-width": "170px",
          color: text,
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-outline-color": bg,
          "text-outline-width": 3,
          "border-width": 2,
          "border-color": bg,
        },
      },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": edge,
          "curve-style": "straight",
          opacity: 0.85,
        },
      },
      // Links that rest only on reported or speculated participation are
      // dashed, so that the drawing does not say it in colour alone.
      { selector: 'edge[certainty = "REPORTED"]', style: { "line-style": "dashed", "line-dash-pattern": [10, 5] } },
      { selector: 'edge[certainty = "SPECULATED"], edge[certainty = "PLANNED"]', style: { "line-style": "dashed", "line-dash-pattern": [3, 5] } },
      { selector: "node.nolabel", style: { label: "" } },
      { selector: ".off", style: { display: "none" } },
      { selector: "node.hovered", style: { "border-color": select, "border-width": 4 } },
      { selector: "edge.hovered", style: { "line-color": select, opacity: 1 } },
      { selector: "node.added", style: { "border-color": accent, "border-style": "dashed", "border-width": 2 } },
      { selector: ".dim", style: { opacity: 0.18 } },
      { selector: "edge.path", style: { "line-color": accent, opacity: 1, "z-index": 10 } },
      { selector: "node.path", style: { "border-color": accent, "border-width": 5, "font-weight": "bold" } },
      { selector: "node.selected", style: { "border-color": select, "border-width": 5 } },
      { selector: "edge.selected", style: { "line-color": select, opacity: 1, "z-index": 11 } },
      { selector: "node.neighbour", style: { "font-weight": "bold" } },
    ],
  });

  const publish = () => {
    container.dataset.nodes = String(cy.nodes().not(".off").length);
    container.dataset.edges = String(cy.edges().not(".off").length);
    const pos: Record<string, [number, number]> = {};
    cy.nodes().not(".off").forEach((n) => {
      const p = n.renderedPosition();
      pos[n.id()] = [Math.round(p.x), Math.round(p.y)];
    });
    container.dataset.positions = JSON.stringify(pos);
    container.dataset.zoom = cy.zoom().toFixed(2);
    // Which lines are drawn dashed or dotted, as cytoscape computed their style.
    container.dataset.dashed = cy
      .edges()
      .not(".off")
      .filter((e) => e.style("line-style") !== "solid")
      .map((e) => e.id())
      .sort()
      .join(",");
  };
  let publishTimer: ReturnType<typeof setTimeout> | undefined;
  let labelledAt = 0;
  const publishSoon = () => {
    clearTimeout(publishTimer);
    publishTimer = setTimeout(() => {
      if (Math.abs(cy.zoom() - labelledAt) > 1e-3) relabel();
      publish();
    }, 50);
  };
  cy.on("layoutstop viewport", publishSoon);
  cy.on("mouseover", "node, edge", (e) => {
    const p = e.renderedPosition ?? e.target.renderedPosition?.() ?? { x: 0, y: 0 };
    opts.onHover?.(e.target.isNode() ? "node" : "edge", e.target.id(), p.x, p.y);
  });
  cy.on("mouseout", "node, edge", (e) => opts.onHover?.(e.target.isNode() ? "node" : "edge", null, 0, 0));
  cy.on("tap", "node", (e) => opts.onNode?.(e.target.id()));
  cy.on("tap", "edge", (e) => opts.onEdge?.(e.target.id()));
  cy.on("tap", (e) => {
    if (e.target === cy) opts.onBackground?.();
  });
  cy.on("mouseover", "node, edge", () => container.classList.add("pointer"));
  cy.on("mouseout", "node, edge", () => container.classList.remove("pointer"));

  const nodeDef = (n: GraphNode, position?: { x: number; y: number }): ElementDefinition => ({
    group: "nodes",
    data: { id: n.id, label: n.label, kind: n.kind, eventCount: n.eventCount, color: kindColor[n.kind] ?? edge, size: nodeSize(n.eventCount) },
    position,
  });
  const edgeDef = (e: GraphEdge): ElementDefinition => ({
    group: "edges",
    data: { id: edgeId(e.source, e.target), source: e.source, target: e.target, weight: e.weight, width: edgeWidth(e.weight), certainty: e.certainty ?? "CONFIRMED" },
  });

  const layout = (fit = true) => {
    if (cy.nodes().length === 0) {
      publish();
      return;
    }
    cy.layout({
      name: "cose",
      randomize: false,
      animate: false,
      fit,
      padding: 36,
      nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => 2500,
      idealEdgeLength: () => 40,
      edgeElasticity: () => 100,
      nodeOverlap: 20,
      componentSpacing: 60,
      gravity: 0.5,
      numIter: 2500,
    } as cytoscape.LayoutOptions).run();
    stretch();
    if (fit) {
      cy.fit(undefined, 36);
      // cose spaces nodes for their labels' full width, so a small graph is
      // drawn small; draw it closer to full size, within limits.
      const z = cy.zoom();
      if (z < 0.85) {
        const f = Math.max(z / 0.85, 0.6);
        const bb = cy.nodes().boundingBox({ includeLabels: false });
        const cx = bb.x1 + bb.w / 2;
        const cyy = bb.y1 + bb.h / 2;
        cy.nodes().positions((n) => {
          const p = n.position();
          return { x: cx + (p.x - cx) * f, y: cyy + (p.y - cyy) * f };
        });
        cy.fit(undefined, 36);
      }
    }
    relabel();
    publish();
  };

  // Labels are drawn no smaller than MIN_LABEL_PX on screen (a phone draws
  // the graph zoomed out); where they would overlap, only the most
  // important keep theirs: the selection and the path, their neighbours,
  // then the actors with most events. The rest are named on hover and in
  // the tables.
  function relabel(zoom = cy.zoom()): void {
    labelledAt = zoom;
    const fs = Math.max(BASE_FONT, MIN_LABEL_PX / zoom);
    const shown = cy.nodes().not(".off");
    cy.batch(() => {
      cy.nodes().style("font-size", fs);
      cy.nodes().removeClass("nolabel");
    });
    const rank = (n: NodeSingular) =>
      (n.hasClass("selected") || n.hasClass("path") ? 2e6 : n.hasClass("neighbour") ? 1e6 : 0) + Number(n.data("eventCount")) * 100 + n.degree(false);
    const order = shown.toArray().map((n) => n as NodeSingular).sort((a, b) => rank(b) - rank(a) || a.id().localeCompare(b.id()));
    const placed: number[][] = [];
    const hidden: string[] = [];
    const boxes: Record<string, number[]> = {};
    const pan = cy.pan();
    const gap = 2 / zoom;
    const hits = (a: number[], b: number[]) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    // Other circles hide a label drawn across them, except the selection's.
    const bodies = shown.toArray().map((n) => {
      const b = n.boundingBox({ includeLabels: false, includeOverlays: false });
      return { id: n.id(), box: [b.x1, b.y1, b.x2, b.y2] };
    });
    for (const n of order) {
      const bb = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
      if (!(bb.w > 0 && bb.h > 0)) continue;
      const box = [bb.x1 - gap, bb.y1 - gap, bb.x2 + gap, bb.y2 + gap];
      const first = rank(n) >= 2e6;
      if (placed.some((p) => hits(box, p)) || (!first && bodies.some((b) => b.id !== n.id() && hits(box, b.box)))) {
        hidden.push(n.id());
        continue;
      }
      placed.push(box);
      boxes[n.id()] = [bb.x1, bb.y1, bb.x2, bb.y2].map((v, i) => Math.round(v * zoom + (i % 2 === 0 ? pan.x : pan.y)));
    }
    const skip = new Set(hidden);
    cy.batch(() => cy.nodes().filter((n) => skip.has(n.id())).addClass("nolabel"));
    container.dataset.labelPx = (fs * zoom).toFixed(1);
    container.dataset.labels = JSON.stringify(boxes);
  }

  // For an export: label for the scale the image will be drawn at; returns
  // what puts the screen's labels back.
  const labelFor = (w: number, h: number) => {
    const bb = cy.nodes().not(".off").boundingBox({ includeLabels: false });
    const scale = bb.w > 0 && bb.h > 0 ? Math.min(w / (bb.w + 200), h / (bb.h + 60)) : 1;
    relabel(Math.min(scale, 3));
    return () => relabel();
  };

  // The frame of an exported image: a margin, the graph, and the source line.
  const frame = (width: number, height: number) => {
    const footer = Math.round(height * 0.07);
    const pad = Math.round(width * 0.03);
    return { footer, pad, w: width - 2 * pad, h: height - footer - 2 * pad, font: Math.max(12, Math.round(footer * 0.32)) };
  };

  // Stretch the layout to the container's shape (up to 2.2 times along one
  // axis), so a tall layout in a wide frame is not drawn tiny.
  const stretch = () => {
    const nodes = cy.nodes();
    if (nodes.length < 3) return;
    const bb = nodes.boundingBox({ includeLabels: false });
    const cw = container.clientWidth || 800;
    const ch = container.clientHeight || 500;
    if (bb.w < 1 || bb.h < 1) return;
    const want = cw / ch;
    const have = bb.w / bb.h;
    const sx = have < want ? Math.min(want / have, 2.2) : 1;
    const sy = have > want ? Math.min(have / want, 2.2) : 1;
    if (sx === 1 && sy === 1) return;
    const cx = bb.x1 + bb.w / 2;
    const cyy = bb.y1 + bb.h / 2;
    nodes.positions((n) => {
      const p = n.position();
      return { x: cx + (p.x - cx) * sx, y: cyy + (p.y - cyy) * sy };
    });
  };

  // Start from an ellipse of the container's shape, in id order, so the same
  // data always looks the same and the layout fills the width.
  const circle = (ids: string[]) => {
    const r = 60 + ids.length * 18;
    const aspect = Math.min(Math.max((container.clientWidth || 800) / (container.clientHeight || 500), 0.6), 2.5);
    return new Map(
      ids.map((id, i) => [id, { x: r * aspect * Math.cos((2 * Math.PI * i) / ids.length), y: r * Math.sin((2 * Math.PI * i) / ids.length) }]),
    );
  };

  const dimAllBut = (keep: cytoscape.Collection) => {
    cy.elements().removeClass("dim");
    if (keep.length > 0) cy.elements().difference(keep).addClass("dim");
  };

  // What cytoscape would paint, as data for the SVG download: edges under
  // nodes, each group in z-index order, with the styles as computed now.
  // Labels are placed as cytoscape places ours (centred under the node).
  let measurer: CanvasRenderingContext2D | null = null;
  const drawing = (): SvgDrawing => {
    const ctx = (measurer ??= document.createElement("canvas").getContext("2d"));
    const byZ = <T extends { numericStyle(name: string): unknown }>(xs: T[]) =>
      xs.map((x, i) => ({ x, i, z: Number(x.numericStyle("z-index")) || 0 })).sort((a, b) => a.z - b.z || a.i - b.i).map((o) => o.x);
    const dashOf = (style: unknown, pattern: unknown): number[] =>
      style === "dotted" ? [1, 1] : style === "dashed" && Array.isArray(pattern) ? pattern.map(Number) : [];
    const bb = cy.elements().boundingBox();
    const edges = byZ(cy.edges().filter((e) => e.visible()).toArray() as EdgeSingular[]).map((e) => {
      const s = e.sourceEndpoint();
      const t = e.targetEndpoint();
      return {
        x1: s.x,
        y1: s.y,
        x2: t.x,
        y2: t.y,
        color: e.style("line-color") as string,
        width: Number(e.numericStyle("width")),
        opacity: e.effectiveOpacity() * Number(e.numericStyle("line-opacity")),
        dash: dashOf(e.style("line-style"), e.numericStyle("line-dash-pattern")),
      };
    });
    const nodes = byZ(cy.nodes().filter((n) => n.visible()).toArray() as NodeSingular[]).map((n) => {
      const p = n.position();
      const opacity = n.effectiveOpacity();
      const fontSize = Number(n.numericStyle("font-size"));
      const fontWeight = String(n.style("font-weight"));
      const label = String(n.style("label") ?? "");
      let lines: string[] = [];
      if (label) {
        if (ctx) ctx.font = `${n.style("font-style")} ${fontWeight} ${fontSize}px ${n.style("font-family")}`;
        const measure = (t: string) => (ctx ? Math.ceil(ctx.measureText(t).width) : t.length * fontSize * 0.55);
        lines = n.style("text-wrap") === "wrap" ? wrapLabel(label, Number(n.numericStyle("text-max-width")), measure) : [label];
      }
      return {
        name: String(n.data("label") ?? ""),
        x: p.x,
        y: p.y,
        size: n.width(),
        fill: n.style("background-color") as string,
        fillOpacity: opacity * Number(n.numericStyle("background-opacity")),
        border: n.style("border-color") as string,
        borderWidth: Number(n.numericStyle("border-width")),
        borderOpacity: opacity * Number(n.numericStyle("border-opacity")),
        borderDash: dashOf(n.style("border-style"), n.numericStyle("border-dash-pattern")),
        lines,
        labelTop: p.y + n.height() / 2 + Number(n.numericStyle("padding")) + Number(n.numericStyle("text-margin-y")),
        lineHeight: fontSize * (Number(n.numericStyle("line-height")) || 1),
        fontSize,
        fontWeight,
        color: n.style("color") as string,
        textOpacity: opacity * Number(n.numericStyle("text-opacity")),
        outline: n.style("text-outline-color") as string,
        outlineWidth: Number(n.numericStyle("text-outline-width")),
      };
    });
    return { box: { x1: bb.x1, y1: bb.y1, w: bb.w, h: bb.h }, edges, nodes, fontFamily: FONT_FAMILY };
  };

  let pathNodes: string[] = [];
  let pathEdges: string[] = [];

  const api: NetworkChart = {
    setGraph(nodes, edges) {
      cy.elements().remove();
      const ids = nodes.map((n) => n.id).sort();
      const pos = circle(ids);
      cy.add([...nodes.map((n) => nodeDef(n, pos.get(n.id))), ...edges.filter((e) => pos.has(e.source) && pos.has(e.target)).map(edgeDef)]);
      layout();
    },
    update(nodes, edges) {
      const keepNodes = new Set(nodes.map((n) => n.id));
      const keepEdges = new Set(edges.map((e) => edgeId(e.source, e.target)));
      cy.batch(() => {
        cy.nodes().filter((n) => !keepNodes.has(n.id())).remove();
        cy.edges().filter((e) => !keepEdges.has(e.id())).remove();
        const fresh: GraphNode[] = [];
        for (const n of nodes) {
          const el = cy.getElementById(n.id);
          if (el.length === 0) fresh.push(n);
          else {
            const { id: _, ...data } = nodeDef(n).data;
            el.data(data);
          }
        }
        // Beside the partners already drawn (around their middle), else
        // to the right of the drawing; in id order, so the same change
        // looks the same on every screen.
        const bb = cy.nodes().boundingBox({ includeLabels: false });
        fresh.sort((a, b) => a.id.localeCompare(b.id)).forEach((n, i) => {
          const partners = edges
            .filter((e) => e.source === n.id || e.target === n.id)
            .map((e) => cy.getElementById(e.source === n.id ? e.target : e.source))
            .filter((p) => p.length > 0);
          const angle = (2 * Math.PI * (i + 1)) / (fresh.length + 1);
          const at = partners.length
            ? partners.reduce((c, p) => ({ x: c.x + p.position().x / partners.length, y: c.y + p.position().y / partners.length }), { x: 0, y: 0 })
            : { x: cy.nodes().length ? bb.x2 + 60 : 0, y: cy.nodes().length ? bb.y1 + bb.h / 2 : 0 };
          cy.add(nodeDef(n, { x: at.x + 90 * Math.cos(angle), y: at.y + 90 * Math.sin(angle) }));
        });
        for (const e of edges) {
          const el = cy.getElementById(edgeId(e.source, e.target));
          if (el.length) el.data({ weight: e.weight, width: edgeWidth(e.weight), certainty: e.certainty ?? "CONFIRMED" });
          else if (cy.getElementById(e.source).length && cy.getElementById(e.target).length) cy.add(edgeDef(e));
        }
      });
      relabel();
      publish();
    },
    merge(nodes, edges, around) {
      const added: string[] = [];
      const centre: NodeSingular | undefined = around ? cy.getElementById(around) : undefined;
      const c = centre && centre.length ? centre.position() : { x: 0, y: 0 };
      const fresh = nodes.filter((n) => cy.getElementById(n.id).length === 0);
      fresh.forEach((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
        cy.add(nodeDef(n, { x: c.x + 90 * Math.cos(angle), y: c.y + 90 * Math.sin(angle) }));
        cy.getElementById(n.id).addClass("added");
        added.push(n.id);
      });
      for (const n of nodes) {
        const el = cy.getElementById(n.id);
        if (el.length && el.data("eventCount") < n.eventCount) el.data({ eventCount: n.eventCount, size: nodeSize(n.eventCount) });
      }
      for (const e of edges) {
        const id = edgeId(e.source, e.target);
        if (cy.getElementById(id).length === 0 && cy.getElementById(e.source).length && cy.getElementById(e.target).length) cy.add(edgeDef(e));
      }
      if (added.length) layout();
      else publish();
      return added;
    },
    selectNode(id) {
      cy.elements().removeClass("selected neighbour");
      if (id) {
        const n = cy.getElementById(id);
        n.addClass("selected");
        n.neighborhood("node").addClass("neighbour");
        if (pathNodes.length === 0) dimAllBut(n.closedNeighborhood());
      } else if (pathNodes.length === 0) dimAllBut(cy.collection());
      container.dataset.selected = id ?? "";
      relabel();
    },
    selectEdge(id) {
      cy.elements().removeClass("selected neighbour");
      if (id) {
        const e = cy.getElementById(id);
        e.addClass("selected");
        if (pathNodes.length === 0) dimAllBut(e.union(e.connectedNodes()));
      } else if (pathNodes.length === 0) dimAllBut(cy.collection());
      container.dataset.selected = id ?? "";
    },
    highlightPath(nodeIds, edgeIds) {
      pathNodes = nodeIds;
      pathEdges = edgeIds;
      cy.elements().removeClass("path");
      let keep = cy.collection();
      for (const id of [...nodeIds, ...edgeIds]) {
        const el = cy.getElementById(id);
        el.addClass("path");
        keep = keep.union(el);
      }
      dimAllBut(keep);
      container.dataset.pathNodes = pathNodes.join(",");
      container.dataset.pathEdges = pathEdges.join(",");
      relabel();
    },
    showOnly(visible) {
      cy.batch(() => {
        cy.elements().removeClass("off");
        cy.nodes().forEach((n) => {
          const c = visible ? visible.nodes.get(n.id()) : Number(n.data("eventCount"));
          if (c === undefined) n.addClass("off");
          else n.data("size", nodeSize(c));
        });
        cy.edges().forEach((e) => {
          const w = visible ? visible.edges.get(e.id()) : Number(e.data("weight"));
          if (w === undefined) e.addClass("off");
          else e.data("width", edgeWidth(w));
        });
      });
      relabel();
      publish();
    },
    hover(id) {
      cy.elements().removeClass("hovered");
      if (id) cy.getElementById(id).addClass("hovered");
    },
    async png(width, height, caption) {
      const f = frame(width, height);
      const restore = labelFor(f.w, f.h);
      let graph: Blob;
      try {
        graph = await cy.png({ output: "blob-promise", full: true, bg, maxWidth: f.w, maxHeight: f.h });
      } finally {
        restore();
      }
      const img = await createImageBitmap(graph);
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext("2d");
      if (!ctx) throw new Error("png: no 2D canvas");
      ctx.fillStyle = bg;
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(img, Math.round((width - img.width) / 2), Math.round(f.pad + (f.h - img.height) / 2));
      ctx.fillStyle = muted;
      ctx.font = `${f.font}px ${FONT_FAMILY}`;
      ctx.textBaseline = "middle";
      ctx.fillText(caption, f.pad, height - f.footer / 2, width - 2 * f.pad);
      return new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("png: encoding failed"))), "image/png"));
    },
    svg(width, height, caption) {
      const f = frame(width, height);
      const restore = labelFor(f.w, f.h);
      try {
        return networkSVG(drawing(), { width, height, ...f, background: bg, captionColor: muted, caption });
      } finally {
        restore();
      }
    },
    zoomBy(factor) {
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: container.clientWidth / 2, y: container.clientHeight / 2 } });
    },
    fit() {
      cy.fit(undefined, 36);
    },
    destroy() {
      clearTimeout(publishTimer);
      cy.destroy();
    },
  };
  return api;
}
