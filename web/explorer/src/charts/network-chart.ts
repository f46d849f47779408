// The network drawing: cytoscape on a canvas. Nodes are actors sized by
// their events, edges are shared events, wider for more. The container
// carries the state in data- attributes (nodes, edges, selection, path,
// rendered positions) for tests and for people inspecting the page; the
// view puts the same data in tables beside it.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from "cytoscape";

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
}

/** The id of the edge between two actors, whichever way round. */
export function edgeId(a: string, b: string): string {
  return a < b ? `${a}--${b}` : `${b}--${a}`;
}

export function nodeSize(eventCount: number): number {
  return Math.round(30 + 16 * Math.sqrt(Math.max(eventCount, 0)));
}

export function edgeWidth(weight: number): number {
  return Math.min(3 + (weight - 1) * 3, 16);
}

export interface NetworkChart {
  /** Replaces the graph and lays it out. */
  setGraph(nodes: GraphNode[], edges: GraphEdge[]): void;
  /** Adds what is new, lays out again, and returns the ids of the new nodes. */
  merge(nodes: GraphNode[], edges: GraphEdge[], around?: string): string[];
  selectNode(id: string | null): void;
  selectEdge(id: string | null): void;
  /** Highlights a path (and dims the rest); empty lists clear it. */
  highlightPath(nodeIds: string[], edgeIds: string[]): void;
  zoomBy(factor: number): void;
  fit(): void;
  destroy(): void;
}

export interface NetworkChartOptions {
  onNode?(id: string): void;
  onEdge?(id: string): void;
  onBackground?(): void;
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
          "font-size": 17,
          "font-family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
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
    container.dataset.nodes = String(cy.nodes().length);
    container.dataset.edges = String(cy.edges().length);
    const pos: Record<string, [number, number]> = {};
    cy.nodes().forEach((n) => {
      const p = n.renderedPosition();
      pos[n.id()] = [Math.round(p.x), Math.round(p.y)];
    });
    container.dataset.positions = JSON.stringify(pos);
    container.dataset.zoom = cy.zoom().toFixed(2);
  };
  let publishTimer: ReturnType<typeof setTimeout> | undefined;
  const publishSoon = () => {
    clearTimeout(publishTimer);
    publishTimer = setTimeout(publish, 50);
  };
  cy.on("layoutstop viewport", publishSoon);
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
    data: { id: edgeId(e.source, e.target), source: e.source, target: e.target, weight: e.weight, width: edgeWidth(e.weight) },
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
    publish();
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
