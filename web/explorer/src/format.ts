// Words for the API's enum values and dates.
import type {
  ActorKind,
  Certainty,
  DatePrecision,
  EventRelationType,
  EventStatus,
  EventType,
  Modality,
  PartialDate,
  StancePosition,
} from "./api/types";

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

/**
 * How precise a date is, in words. With an end, the note covers the whole
 * span: from the start's earliest day to the end's latest.
 */
export function precisionNote(d: PartialDate, end: PartialDate | null = null): string {
  const known: Record<DatePrecision, string> = { DAY: "the day", MONTH: "the month", YEAR: "the year", RANGE: "a range" };
  const what = (x: PartialDate) => (x.qualifier && x.precision !== "RANGE" ? `the ${x.qualifier.toLowerCase()} part of ${known[x.precision]}` : known[x.precision]);
  const last = end && end.value !== d.value ? end : null;
  if (!last) {
    if (d.precision === "DAY") return "Sources give the day.";
    return `Sources give only ${what(d)}: it may fall on any day from ${formatDay(d.earliest)} to ${formatDay(d.latest)}.`;
  }
  if (d.precision === "DAY" && last.precision === "DAY") return "Sources give the first and the last day.";
  const start = d.precision === "DAY" ? "the first day" : `only ${what(d)} it began`;
  const finish = last.precision === "DAY" ? "the last day" : `only ${what(last)} it ended`;
  return `Sources give ${start} and ${finish}: it may span any days from ${formatDay(d.earliest)} to ${formatDay(last.latest)}.`;
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

/** How certain a fact is, in a word: "reported". */
export const certaintyWord: Record<Certainty, string> = {
  CONFIRMED: "confirmed",
  REPORTED: "reported",
  PLANNED: "planned",
  SPECULATED: "speculated",
  DENIED: "denied",
};

/** What a certainty means for a fact, for a tooltip or a note. */
export const certaintyMeaning: Record<Certainty, string> = {
  CONFIRMED: "A source states it as fact.",
  REPORTED: "The sources only report it (“reportedly”); none states it as confirmed.",
  PLANNED: "The sources say it was planned, not that it happened.",
  SPECULATED: "The sources only speculate about it.",
  DENIED: "Every source that speaks of it denies it.",
};

/** How one citation states its fact: what the source does. */
export const confirmationMeaning: Record<Certainty, string> = {
  CONFIRMED: "The source states this as fact.",
  REPORTED: "The source only reports this (“reportedly”), attributing it to others.",
  PLANNED: "The source says this was planned.",
  SPECULATED: "The source only speculates about this.",
  DENIED: "The source denies this.",
};

export const statusWord: Record<EventStatus, string> = {
  HELD: "held",
  PLANNED: "planned",
  POSTPONED: "postponed",
  CANCELLED: "cancelled",
  UNVERIFIED: "unverified",
};

export const statusMeaning: Record<EventStatus, string> = {
  HELD: "The sources say it took place.",
  PLANNED: "Planned: the sources do not say it took place.",
  POSTPONED: "Postponed: the sources say it was put off.",
  CANCELLED: "Cancelled: the sources say it did not take place.",
  UNVERIFIED: "Unverified: reported, but no source verifies that it took place.",
};

export const modalityWord: Record<Modality, string> = {
  IN_PERSON: "in person",
  PHONE: "by phone",
  VIDEO: "by video",
  WRITTEN: "in writing",
  MIXED: "some in person, others remotely",
};

/** A relation of another event to this one, as a heading. */
export function relationHeading(type: EventRelationType, incoming: boolean): string {
  const out: Record<EventRelationType, [string, string]> = {
    LED_TO: ["This event led to", "Led to this event"],
    FOLLOWS_UP: ["Follows up", "Followed up by"],
    RESPONDS_TO: ["Responds to", "Responded to by"],
    PUBLISHES: ["Publishes", "Published by"],
  };
  return out[type][incoming ? 1 : 0];
}

/**
 * A claim's field in words: "date" -> "Date", "declaredPoints" -> "Declared
 * points", "terms/troop-cap" -> "Troop cap", "participant/witkoff/role" ->
 * "Steve Witkoff's role", "fate/p28-06" -> "What became of 6. Armed forces
 * ..." (with nameOf naming actors and points).
 */
export function fieldLabel(field: string, nameOf: (id: string) => string = (id) => id): string {
  const parts = field.split("/");
  if (parts[0] === "participant" && parts.length >= 3) return `${nameOf(parts[1])}'s ${parts.slice(2).join(" ").replace(/-/g, " ")}`;
  if (parts[0] === "fate" && parts.length === 2) return `What became of ${nameOf(parts[1])}`;
  return humanize(parts[parts.length - 1].replace(/([a-z])([A-Z])/g, "$1 $2").replace(/-/g, " "));
}
