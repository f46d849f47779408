// The filters every chart view shares, and their form in the URL's query
// string: ?from=2025-10-01&to=2025-11-30&types=phone_call,meeting&actors=trump
import { EVENT_TYPES, type EventType } from "./api/types";
import type { EventFilterInput, NetworkFilterInput } from "./api/queries";
import { isISODay } from "./dates";
import { formatDayShort, typePlural } from "./format";

export interface Filters {
  from: string | null;
  to: string | null;
  types: EventType[];
  actors: string[];
  /** Only what the graph held on this day (a published graphic pins itself with it). */
  asOf?: string | null;
  /** Only confirmed events and participations (EventFilter.certainty CONFIRMED). */
  confirmed?: boolean;
}

export const FILTER_KEYS = ["from", "to", "types", "actors", "asOf", "confirmed"] as const;

const ID = /^[a-z0-9][a-z0-9-]*$/;

function list(q: URLSearchParams, key: string): string[] {
  return (q.get(key) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseFilters(q: URLSearchParams): Filters {
  const from = q.get("from");
  const to = q.get("to");
  const types = list(q, "types")
    .map((t) => t.toUpperCase())
    .filter((t): t is EventType => (EVENT_TYPES as readonly string[]).includes(t));
  const actors = list(q, "actors").filter((a) => ID.test(a));
  const f: Filters = {
    from: isISODay(from) ? from : null,
    to: isISODay(to) ? to : null,
    types: [...new Set(types)],
    actors: [...new Set(actors)],
  };
  const asOf = q.get("asOf");
  if (isISODay(asOf)) f.asOf = asOf;
  if (q.get("confirmed") === "1" || q.get("confirmed") === "true") f.confirmed = true;
  if (f.from && f.to && f.to < f.from) [f.from, f.to] = [f.to, f.from];
  return f;
}

/** Writes the filters into q (removing the empty ones) and returns it. */
export function writeFilters(f: Filters, q = new URLSearchParams()): URLSearchParams {
  const set = (k: string, v: string | null) => (v ? q.set(k, v) : q.delete(k));
  set("from", f.from);
  set("to", f.to);
  set("types", f.types.map((t) => t.toLowerCase()).join(","));
  set("actors", f.actors.join(","));
  set("asOf", f.asOf ?? null);
  set("confirmed", f.confirmed ? "1" : null);
  return q;
}

/** The query string of the filters alone, "" or "?from=...". */
export function filterQuery(f: Filters, extra: Record<string, string | null | undefined> = {}): string {
  const q = writeFilters(f);
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

function dates(f: Filters): EventFilterInput["dates"] | undefined {
  if (!f.from && !f.to) return undefined;
  const d: { from?: string; to?: string } = {};
  if (f.from) d.from = f.from;
  if (f.to) d.to = f.to;
  return d;
}

/** The API's EventFilter: actors who all took part. */
export function eventFilter(f: Filters): EventFilterInput {
  const out: EventFilterInput = {};
  const d = dates(f);
  if (d) out.dates = d;
  if (f.types.length) out.types = f.types;
  if (f.actors.length) out.actors = f.actors;
  if (f.asOf) out.asOf = f.asOf;
  if (f.confirmed) out.certainty = "CONFIRMED";
  return out;
}

/** The API's NetworkFilter: actors name a neighbourhood. */
export function networkFilter(f: Filters, actors: string[] = f.actors, hops = 1): NetworkFilterInput {
  const out: NetworkFilterInput = {};
  const d = dates(f);
  if (d) out.dates = d;
  if (f.types.length) out.types = f.types;
  if (f.asOf) out.asOf = f.asOf;
  if (f.confirmed) out.certainty = "CONFIRMED";
  if (actors.length) {
    out.actors = actors;
    out.hops = hops;
  }
  return out;
}

/** The filters in words, for headings and credits. */
export function describeFilters(f: Filters, names: (id: string) => string = (id) => id): string {
  const parts: string[] = [];
  if (f.from && f.to) parts.push(`${formatDayShort(f.from)} – ${formatDayShort(f.to)}`);
  else if (f.from) parts.push(`from ${formatDayShort(f.from)}`);
  else if (f.to) parts.push(`up to ${formatDayShort(f.to)}`);
  else parts.push("all dates");
  if (f.types.length) parts.push(f.types.map((t) => typePlural(t).toLowerCase()).join(", "));
  if (f.actors.length) parts.push(f.actors.map(names).join(", "));
  if (f.confirmed) parts.push("confirmed only");
  return parts.join(" · ");
}
