// Where an event sits on a time axis: the days it may cover.
import type { EventWithParticipants } from "../api/types";

/** Whether the event is drawn as a range (imprecise date or a period). */
export function isRange(e: Pick<EventWithParticipants, "date" | "end">): boolean {
  return e.date.precision !== "DAY" || e.end !== null;
}

/** The days an event may cover: from its earliest to its (end's) latest day. */
export function span(e: Pick<EventWithParticipants, "date" | "end">): { from: string; to: string } {
  return { from: e.date.earliest, to: (e.end ?? e.date).latest };
}
