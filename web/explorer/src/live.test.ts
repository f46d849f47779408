import { buildSchema, parse, validate } from "graphql";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import sdl from "../../../schema.graphqls?raw";
import { type ChangeSource, Changes, followGraph, type GraphChange, GRAPH_CHANGED } from "./live";

const change = (version: number, labels: Partial<Record<string, string[]>> = {}, complete = true): GraphChange => ({
  version,
  complete,
  labels: Object.entries(labels).map(([label, ids]) => ({
    label,
    created: 0,
    updated: ids!.length,
    deleted: 0,
    createdIds: [],
    updatedIds: ids!,
    deletedIds: [],
  })),
});

describe("GRAPH_CHANGED", () => {
  it("is a valid subscription of the schema", () => {
    expect(validate(buildSchema(sdl), parse(GRAPH_CHANGED))).toEqual([]);
  });
});

describe("Changes", () => {
  it("counts each entry once over several versions, events first", () => {
    const c = new Changes();
    c.add(change(2, { Source: ["s1"], Event: ["e1", "e2"] }));
    c.add(change(3, { Event: ["e2", "e3"], PlanPoint: ["p1"] }));
    expect(c.describe()).toBe("Updated with the latest changes (3 events, 1 source, 1 plan point)");
  });
  it("gives no counts when a version did not say what it changed", () => {
    const c = new Changes();
    c.add(change(2, { Event: ["e1"] }));
    c.add(change(3, {}, false));
    expect(c.describe()).toBe("Updated with the latest changes");
  });
});

/** A source the test drives: the messages it sends and the streams it opened. */
function fakeSource() {
  const streams: { next(c: GraphChange): void; done(failed: boolean): void; stopped: boolean }[] = [];
  const source: ChangeSource = (sink) => {
    const s = { ...sink, stopped: false };
    streams.push(s);
    return () => (s.stopped = true);
  };
  return { source, streams, last: () => streams[streams.length - 1] };
}

function fakeNote() {
  return { textContent: "", dataset: {} as Record<string, string> } as unknown as HTMLElement;
}

describe("followGraph", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("takes the first message as what the view shows, and refreshes for newer versions only", async () => {
    const { source, last } = fakeSource();
    const note = fakeNote();
    const refresh = vi.fn(async () => true);
    const ctl = new AbortController();
    followGraph(ctl.signal, { note, refresh, source, settle: 10 });
    last().next(change(5));
    await vi.advanceTimersByTimeAsync(50);
    expect(refresh).not.toHaveBeenCalled();
    expect(note.dataset.live).toBe("on");

    last().next(change(6, { Event: ["e1"] }));
    await vi.advanceTimersByTimeAsync(200);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(note.textContent).toBe("Updated with the latest changes (1 event)");
    expect(note.dataset.version).toBe("6");

    last().next(change(6, { Event: ["e1"] }));
    last().next(change(4, { Event: ["e1"] }));
    await vi.advanceTimersByTimeAsync(200);
    expect(refresh).toHaveBeenCalledTimes(1);
    ctl.abort();
    expect(last().stopped).toBe(true);
  });

  it("folds the versions that come during a refresh into one more", async () => {
    const { source, last } = fakeSource();
    const note = fakeNote();
    let finish: (ok: boolean) => void = () => {};
    const refresh = vi.fn(() => new Promise<boolean>((resolve) => (finish = resolve)));
    followGraph(new AbortController().signal, { note, refresh, source, settle: 10 });
    last().next(change(1));
    last().next(change(2, { Event: ["a"] }));
    await vi.advanceTimersByTimeAsync(20);
    expect(refresh).toHaveBeenCalledTimes(1);
    last().next(change(3, { Event: ["b"] }));
    last().next(change(4, { Actor: ["x"] }));
    finish(true);
    await vi.advanceTimersByTimeAsync(20);
    expect(refresh).toHaveBeenCalledTimes(2);
    finish(true);
    await vi.advanceTimersByTimeAsync(200);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(note.textContent).toBe("Updated with the latest changes (1 event, 1 actor)");
    expect(note.dataset.version).toBe("4");
  });

  it("says nothing when a refresh did not draw", async () => {
    const { source, last } = fakeSource();
    const note = fakeNote();
    followGraph(new AbortController().signal, { note, refresh: async () => false, source, settle: 0 });
    last().next(change(1));
    last().next(change(2, { Event: ["a"] }));
    await vi.advanceTimersByTimeAsync(200);
    expect(note.textContent).toBe("");
    expect(note.dataset.version).toBe("2");
  });

  it("subscribes again when the server ends the stream, and catches up on what it missed", async () => {
    const { source, streams, last } = fakeSource();
    const note = fakeNote();
    const refresh = vi.fn(async () => true);
    followGraph(new AbortController().signal, { note, refresh, source, settle: 0 });
    last().next(change(1));
    last().done(false);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(streams).toHaveLength(2);
    // The new stream's first message: the graph moved on meanwhile.
    last().next(change(3));
    await vi.advanceTimersByTimeAsync(200);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(note.textContent).toBe("Updated with the latest changes");
  });

  it("gives up silently when the subscription fails", async () => {
    const { source, streams, last } = fakeSource();
    const note = fakeNote();
    const refresh = vi.fn(async () => true);
    followGraph(new AbortController().signal, { note, refresh, source });
    last().done(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(streams).toHaveLength(1);
    expect(refresh).not.toHaveBeenCalled();
    expect(note.textContent).toBe("");
    expect(note.dataset.live).toBe("off");
  });
});
