// The network view's model, apart from the drawing: the answers of one load
// as one graph, and the graph as it stood at the end of a week.
import type { Network, NetworkEdge, NetworkNode } from "../api/types";
import { dayNumber, fromDayNumber } from "../dates";

/** The id of the edge between two actors, whichever way round. */
export function edgeId(a: string, b: string): string {
  return a < b ? `${a}--${b}` : `${b}--${a}`;
}

/** The answers of one load (the network and the expanded neighbourhoods) as one model. */
export function mergeNetworks(nets: Network[], only?: Set<string>): { nodes: Map<string, NetworkNode>; edges: Map<string, NetworkEdge> } {
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge>();
  for (const net of nets) addTo(nodes, edges, net, only);
  return { nodes, edges };
}

export function addTo(nodes: Map<string, NetworkNode>, edges: Map<string, NetworkEdge>, net: Network, only?: Set<string>): void {
  for (const n of net.nodes) {
    if (only && !only.has(n.actor.id)) continue;
    const old = nodes.get(n.actor.id);
    if (!old || old.eventCount < n.eventCount) nodes.set(n.actor.id, n);
  }
  for (const e of net.edges) {
    if (only && !(only.has(e.source.id) && only.has(e.target.id))) continue;
    edges.set(edgeId(e.source.id, e.target.id), e);
  }
}

/** The Monday on or before a day. */
export function weekStart(iso: string): string {
  const n = dayNumber(iso);
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  return fromDayNumber(n - ((n + 3) % 7));
}

/**
 * The network as it stood at the end of a week: the links' events that may
 * have begun by then (their earliest possible day), counted again.
 */
export function upToWeek(nodes: NetworkNode[], edges: NetworkEdge[], weekEnd: string): { nodes: NetworkNode[]; edges: NetworkEdge[] } {
  const keptEdges: NetworkEdge[] = [];
  const eventsOf = new Map<string, Set<string>>();
  for (const e of edges) {
    const events = e.events.filter((ev) => ev.date.earliest <= weekEnd);
    if (events.length === 0) continue;
    keptEdges.push({ ...e, events, weight: events.length });
    for (const id of [e.source.id, e.target.id]) {
      const set = eventsOf.get(id) ?? new Set<string>();
      events.forEach((ev) => set.add(ev.id));
      eventsOf.set(id, set);
    }
  }
  const keptNodes = nodes.filter((n) => eventsOf.has(n.actor.id)).map((n) => ({ ...n, eventCount: eventsOf.get(n.actor.id)!.size }));
  return { nodes: keptNodes, edges: keptEdges };
}

