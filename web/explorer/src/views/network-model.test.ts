import { describe, expect, it } from "vitest";
import type { EventBrief, NetworkEdge, NetworkNode } from "../api/types";
import { mergeNetworks, upToWeek, weekStart } from "./network-model";

const day = (earliest: string, latest = earliest) => ({ value: earliest, precision: "DAY" as const, qualifier: null, display: earliest, earliest, latest });
const ev = (id: string, earliest: string, latest = earliest): EventBrief => ({
  id,
  type: "MEETING",
  title: id,
  certainty: "CONFIRMED",
  status: "HELD",
  date: day(earliest, latest),
  end: null,
  contested: false,
  disputed: false,
  modality: null,
  places: [],
});
const node = (id: string, eventCount: number): NetworkNode => ({ actor: { id, name: id, kind: "PERSON" }, eventCount });
const edge = (a: string, b: string, events: EventBrief[]): NetworkEdge => ({ source: { id: a }, target: { id: b }, weight: events.length, certainty: "CONFIRMED", events });

describe("weeks", () => {
  it("starts weeks on Mondays", () => {
    expect(weekStart("2025-10-01")).toBe("2025-09-29");
    expect(weekStart("2025-10-06")).toBe("2025-10-06");
    expect(weekStart("2025-10-12")).toBe("2025-10-06");
  });
});

describe("the network up to a week", () => {
  const nodes = [node("a", 2), node("b", 1), node("c", 1)];
  const edges = [edge("a", "b", [ev("e1", "2025-10-02")]), edge("a", "c", [ev("e2", "2025-10-20"), ev("e3", "2025-10-01", "2025-10-31")])];
  it("keeps the events that may have begun by the week's end, counted again", () => {
    const w = upToWeek(nodes, edges, "2025-10-05");
    expect(w.edges.map((e) => [e.source.id, e.target.id, e.weight])).toEqual([
      ["a", "b", 1],
      ["a", "c", 1],
    ]);
    expect(w.nodes.map((n) => [n.actor.id, n.eventCount])).toEqual([
      ["a", 2],
      ["b", 1],
      ["c", 1],
    ]);
  });
  it("drops actors with no event yet", () => {
    const w = upToWeek(nodes, [edges[0], edge("a", "c", [ev("e2", "2025-10-20")])], "2025-10-05");
    expect(w.nodes.map((n) => n.actor.id)).toEqual(["a", "b"]);
  });
});

describe("one load's answers", () => {
  it("merges neighbourhoods, keeping the larger count, into new maps each time", () => {
    const first = { nodes: [node("a", 1)], edges: [] };
    const second = { nodes: [node("a", 3), node("b", 1)], edges: [edge("b", "a", [ev("e1", "2025-10-02")])] };
    const m = mergeNetworks([first, second]);
    expect(m.nodes.get("a")?.eventCount).toBe(3);
    expect([...m.edges.keys()]).toEqual(["a--b"]);
    expect(mergeNetworks([first]).nodes.size).toBe(1);
  });
});
