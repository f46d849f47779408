// Where an event sits on a time axis: the days it may cover.
import type { EventWithParticipants } from "../api/types";
import { dayNumber } from "../dates";

/** Whether the event is drawn as a range (imprecise date or a period). */
export function isRange(e: Pick<EventWithParticipants, "date" | "end">): boolean {
  return e.date.precision !== "DAY" || e.end !== null;
}

/** The days an event may cover: from its earliest to its (end's) latest day. */
export function span(e: Pick<EventWithParticipants, "date" | "end">): { from: string; to: string } {
  return { from: e.date.earliest, to: (e.end ?? e.date).latest };
}

/** The first and last days of the events. */
export function extentOf(events: Pick<EventWithParticipants, "date" | "end">[]): { min: string; max: string } {
  let min = "9999-12-31";
  let max = "0000-01-01";
  for (const e of events) {
    const s = span(e);
    if (s.from < min) min = s.from;
    if (s.to > max) max = s.to;
  }
  return { min, max };
}

/** Events the sources date more loosely than a quarter: "2025", "late 2025". */
export function isLoose(e: Pick<EventWithParticipants, "date" | "end">): boolean {
  const { from, to } = span(e);
  return dayNumber(to) - dayNumber(from) > 92;
}

/**
 * Where most of the events dated within a quarter lie: from the 10th to the
 * 90th percentile of their days, so that a few outliers months away do not
 * squeeze the rest into a corner; null when there is none.
 */
export function bulkOf(events: Pick<EventWithParticipants, "date" | "end">[]): { min: string; max: string } | null {
  const tight = events.filter((e) => !isLoose(e));
  if (tight.length === 0) return null;
  if (tight.length < 10) return extentOf(tight);
  const starts = tight.map((e) => span(e).from).sort();
  const ends = tight.map((e) => span(e).to).sort();
  return { min: starts[Math.floor(starts.length * 0.1)], max: ends[Math.ceil(ends.length * 0.9) - 1] };
}
