// Words for the API's enum values and dates.
import type { ActorKind, DatePrecision, EventType, PartialDate, StancePosition } from "./api/types";

/** PHONE_CALL -> "Phone call". */
export function humanize(value: string): string {
  const s = value.toLowerCase().replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const typePlurals: Record<EventType, string> = {
  PHONE_CALL: "Phone calls",
  MEETING: "Meetings",
  TALKS: "Talks",
  VISIT: "Visits",
  COMMUNICATION: "Communications",
  BRIEFING: "Briefings",
  STATEMENT: "Statements",
  PLAN_RELEASE: "Plan releases",
  PLAN_REVISION: "Plan revisions",
  DEADLINE: "Deadlines",
  REPORT: "Reports",
  OTHER: "Other",
};

export function typeLabel(t: EventType): string {
  return humanize(t);
}

export function typePlural(t: EventType): string {
  return typePlurals[t] ?? humanize(t);
}

export function kindLabel(k: ActorKind): string {
  return humanize(k);
}

export function roleLabel(role: string): string {
  return humanize(role).toLowerCase();
}

export const positionVerb: Record<StancePosition, string> = {
  PROPOSES: "proposes",
  DEMANDS: "demands",
  SUPPORTS: "supports",
  ACCEPTS: "accepts",
  CONTESTS: "contests",
  REJECTS: "rejects",
};

/** How precise a date is, in words. */
export function precisionNote(d: PartialDate): string {
  const known: Record<DatePrecision, string> = { DAY: "the day", MONTH: "the month", YEAR: "the year" };
  if (d.precision === "DAY") return "Sources give the day.";
  const part = d.qualifier ? `the ${d.qualifier.toLowerCase()} part of ${known[d.precision]}` : known[d.precision];
  return `Sources give only ${part}: it may fall on any day from ${formatDay(d.earliest)} to ${formatDay(d.latest)}.`;
}

const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2025-10-16" -> "16 October 2025" (no time zone involved). */
export function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

/** "2025-10-16" -> "16 Oct 2025". */
export function formatDayShort(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${months[Number(m[2]) - 1].slice(0, 3)} ${m[1]}`;
}

/** An event's date with its end: "late October 2025 – November 2025". */
export function eventDate(e: { date: PartialDate; end: PartialDate | null }): string {
  if (e.end && e.end.value !== e.date.value) return `${e.date.display} – ${e.end.display}`;
  return e.date.display;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function minutes(n: number): string {
  if (n < 60) return plural(n, "minute");
  const h = Math.floor(n / 60);
  const m = n % 60;
  return m === 0 ? plural(h, "hour") : `${plural(h, "hour")} ${plural(m, "minute")}`;
}
