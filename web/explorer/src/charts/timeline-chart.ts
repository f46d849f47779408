// The timeline drawing: vis-timeline. An event known to the day is a point;
// one known only to the month or the year, or that spans a period, is a bar
// over every day it may denote (PartialDate earliest..latest), hatched when
// the date is imprecise, and labelled with the date in words ("late October
// 2025"), never with a made-up day.
import { DataSet } from "vis-data/peer";
import { Timeline, type TimelineOptions } from "vis-timeline/peer";
import "vis-timeline/styles/vis-timeline-graph2d.min.css";
import type { EventWithParticipants } from "../api/types";
import { addDays, localDate } from "../dates";
import { certaintyWord, eventDate, modalityWord, statusWord, typePlural } from "../format";
import { h } from "../dom";
import { bulkOf, extentOf, isLoose, isRange, span } from "./timeline-span";
import { EVENT_TYPES } from "../api/types";

export type GroupBy = "actor" | "type" | "none";

export interface TimelineChart {
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  move(fraction: number): void;
  select(eventId: string | null): void;
  /** Shows these events instead, keeping the window, the scroll and the selection. */
  update(events: EventWithParticipants[]): void;
  destroy(): void;
}

export interface TimelineChartOptions {
  groupBy: GroupBy;
  onSelect?(eventId: string | null): void;
  /** Height of the drawing in pixels; by default it grows with its rows. */
  height?: number;
  /** The days to show first (by default, all the events). */
  window?: { from: string | null; to: string | null };
}

interface Item {
  id: string;
  eventId: string;
  group?: string;
  start: Date;
  end?: Date;
  type: "point" | "range";
  content: HTMLElement;
  className: string;
}

/** " · reported · cancelled": what a label adds when the event is not a plain, confirmed one. */
export function caveats(e: Pick<EventWithParticipants, "certainty" | "status">): string {
  const out: string[] = [];
  if (e.status && e.status !== "HELD") out.push(statusWord[e.status]);
  if (e.certainty !== "CONFIRMED") out.push(certaintyWord[e.certainty]);
  return out.map((w) => ` · ${w}`).join("");
}

/** " · by phone": how it happened, so a call never reads as a meeting. */
function how(e: Pick<EventWithParticipants, "modality">): string {
  return e.modality && e.modality !== "IN_PERSON" ? ` · ${modalityWord[e.modality]}` : "";
}

function itemsFor(e: EventWithParticipants, groups: (string | undefined)[]): Item[] {
  const range = isRange(e);
  const { from, to } = span(e);
  const cls = [
    `t-${e.type.toLowerCase()}`,
    `prec-${e.date.precision.toLowerCase()}`,
    e.date.qualifier ? "qualified" : "",
    e.certainty !== "CONFIRMED" ? "uncertain" : "",
    e.status && e.status !== "HELD" ? `status-${e.status.toLowerCase()}` : "",
    e.modality ? `m-${e.modality.toLowerCase()}` : "",
    isLoose(e) ? "loose" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return groups.map((group) => ({
    id: group ? `${e.id}@${group}` : e.id,
    eventId: e.id,
    group,
    start: localDate(from),
    // A bar ends at the end of its last day.
    end: range ? localDate(addDays(to, 1)) : undefined,
    type: range ? "range" : "point",
    className: cls,
    content: h(
      "span",
      { class: "tl-item", title: `${e.title} · ${eventDate(e)}${how(e)}${caveats(e)}`, dataset: { start: from } },
      h("span", { class: "tl-title" }, e.title),
      h("span", { class: "tl-date" }, eventDate(e), how(e), h("span", { class: "tl-caveats" }, caveats(e))),
    ),
  }));
}

type Group = { id: string; content: string; order: number };

/** The rows and items of the drawing for events, grouped as asked. */
function layoutOf(events: EventWithParticipants[], groupBy: GroupBy): { groups: Group[] | null; items: Item[] } {
  let groups: Group[] | null = null;
  const items: Item[] = [];
  if (groupBy === "actor") {
    const count = new Map<string, { name: string; n: number }>();
    for (const e of events) for (const p of e.participants) count.set(p.actor.id, { name: p.actor.name, n: (count.get(p.actor.id)?.n ?? 0) + 1 });
    const order = [...count.entries()].sort((a, b) => b[1].n - a[1].n || a[1].name.localeCompare(b[1].name));
    groups = order.map(([id, { name }], i) => ({ id, content: name, order: i }));
    if (events.some((e) => e.participants.length === 0)) groups.push({ id: "_none", content: "No participant named", order: groups.length });
    for (const e of events) {
      const ids = [...new Set(e.participants.map((p) => p.actor.id))];
      items.push(...itemsFor(e, ids.length ? ids : ["_none"]));
    }
  } else if (groupBy === "type") {
    const present = new Set(events.map((e) => e.type));
    groups = EVENT_TYPES.filter((t) => present.has(t)).map((t, i) => ({ id: t, content: typePlural(t), order: i }));
    for (const e of events) items.push(...itemsFor(e, [e.type]));
  } else {
    for (const e of events) items.push(...itemsFor(e, [undefined]));
  }
  return { groups, items };
}

/** The days the drawing may be moved over: the events' and the window's, with a margin. */
function boundsOf(events: EventWithParticipants[], window?: { from: string | null; to: string | null }): { min: Date; max: Date } {
  const { min, max } = extentOf(events);
  const from = window?.from && window.from < min ? window.from : min;
  const to = window?.to && window.to > max ? window.to : max;
  return { min: localDate(addDays(from, -45)), max: localDate(addDays(to, 45)) };
}

export function createTimelineChart(container: HTMLElement, events: EventWithParticipants[], opts: TimelineChartOptions): TimelineChart {
  const { groups, items } = layoutOf(events, opts.groupBy);
  const { min, max } = extentOf(events);
  const bulk = bulkOf(events) ?? { min, max };
  const options: TimelineOptions = {
    stack: true,
    orientation: { axis: "top", item: "top" },
    zoomable: true,
    zoomKey: "ctrlKey",
    moveable: true,
    horizontalScroll: false,
    verticalScroll: opts.height !== undefined,
    selectable: true,
    multiselect: false,
    showCurrentTime: false,
    showTooltips: false,
    margin: { item: { horizontal: 4, vertical: 6 }, axis: 6 },
    groupOrder: "order",
    zoomMin: 1000 * 60 * 60 * 24 * 3,
    tooltip: { followMouse: false },
    xss: { disabled: false },
  };
  // The first view fits the events dated within a quarter (a year-only
  // event would otherwise squeeze the rest into a corner), with room on the
  // right for the labels of the last ones.
  const fitted = (from: string, to: string) => {
    const days = Math.max(7, (localDate(to).getTime() - localDate(from).getTime()) / 86_400_000);
    return { start: localDate(addDays(from, -Math.ceil(days * 0.04))), end: localDate(addDays(to, 1 + Math.ceil(days * 0.22))) };
  };
  let first = { start: new Date(), end: new Date() };
  if (events.length) {
    Object.assign(options, boundsOf(events, opts.window));
    first = fitted(opts.window?.from ?? bulk.min, opts.window?.to ?? bulk.max);
    options.start = first.start;
    options.end = first.end;
  }
  if (opts.height) options.height = `${opts.height}px`;

  const data = new DataSet(items as unknown as Record<string, unknown>[]);
  const groupData = groups ? new DataSet(groups) : null;
  const timeline = groupData
    ? new Timeline(container, data as never, groupData as never, options)
    : new Timeline(container, data as never, options);

  // With a fixed height the names' column scrolls: keyboards must reach it.
  if (opts.height) {
    for (const el of container.querySelectorAll<HTMLElement>(".vis-panel.vis-left")) {
      el.tabIndex = 0;
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", "Rows of the drawing (scrolls)");
    }
  }

  let byItem = new Map(items.map((i) => [i.id, i.eventId]));
  timeline.on("select", (props: { items: string[] }) => {
    const id = props.items[0];
    opts.onSelect?.(id ? (byItem.get(id) ?? null) : null);
  });
  // Labels run to the right of their dots: widen the first view until the
  // last ones fit, which can be measured only once they are drawn.
  let measured = false;
  timeline.on("changed", () => {
    if (measured || !events.length) return;
    const W = container.querySelector<HTMLElement>(".vis-panel.vis-center")?.clientWidth ?? 0;
    if (!W) return;
    measured = true;
    const start = first.start.getTime();
    const shown = first.end.getTime() - start;
    let span = shown;
    for (const el of container.querySelectorAll<HTMLElement>(".vis-item.vis-point")) {
      const day = el.querySelector<HTMLElement>(".tl-item")?.dataset.start;
      if (!day) continue;
      const t = localDate(day).getTime() - start;
      const w = el.getBoundingClientRect().width + 12;
      if (t < 0 || t > shown || w >= W * 0.8) continue;
      span = Math.max(span, (t * W) / (W - w));
    }
    // No more than half as wide again: past that, zooming serves better.
    span = Math.min(span, shown * 1.5);
    if (span > shown) {
      first = { start: first.start, end: new Date(start + span) };
      timeline.setWindow(first.start, first.end, { animation: false });
    }
  });
  // Printing lays the page out anew at the paper's width, without a resize
  // event: draw again for it, and for the screen after.
  const redraw = () => timeline.redraw();
  window.addEventListener("beforeprint", redraw);
  window.addEventListener("afterprint", redraw);
  container.dataset.items = String(items.length);
  container.dataset.groups = String(groups?.length ?? 0);

  const windowOf = () => {
    const w = timeline.getWindow();
    return { start: w.start.getTime(), end: w.end.getTime() };
  };
  const api: TimelineChart = {
    zoomIn: () => timeline.zoomIn(0.5),
    zoomOut: () => timeline.zoomOut(0.5),
    fit: () => timeline.setWindow(first.start, first.end),
    move(fraction) {
      const { start, end } = windowOf();
      const d = (end - start) * fraction;
      timeline.setWindow(new Date(start + d), new Date(end + d));
    },
    select(eventId) {
      timeline.setSelection(eventId ? [...byItem].filter(([, e]) => e === eventId).map(([id]) => id) : []);
    },
    update(next) {
      // Items and rows are changed where they stand, never drawn anew: the
      // window, the rows' scroll and the selection stay as the reader left them.
      const selected = new Set(timeline.getSelection().map(String));
      const layout = layoutOf(next, opts.groupBy);
      const keep = new Set(layout.items.map((i) => i.id));
      data.remove(data.getIds().filter((id) => !keep.has(String(id))));
      data.update(layout.items as unknown as Record<string, unknown>[]);
      if (groupData && layout.groups) {
        const rows = new Set(layout.groups.map((g) => g.id));
        groupData.remove(groupData.getIds().filter((id) => !rows.has(String(id))));
        groupData.update(layout.groups);
      }
      byItem = new Map(layout.items.map((i) => [i.id, i.eventId]));
      if (next.length) timeline.setOptions(boundsOf(next, opts.window));
      timeline.setSelection(layout.items.filter((i) => selected.has(i.id)).map((i) => i.id));
      container.dataset.items = String(layout.items.length);
      container.dataset.groups = String(layout.groups?.length ?? 0);
    },
    destroy: () => {
      window.removeEventListener("beforeprint", redraw);
      window.removeEventListener("afterprint", redraw);
      timeline.destroy();
    },
  };
  return api;
}
