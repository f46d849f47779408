// Events as a table: the text alternative of the charts, and a list of its
// own on the pages.
import type { EventBrief, EventWithParticipants } from "../api/types";
import { h, link } from "../dom";
import { eventDate, typeLabel } from "../format";
import { unconfirmedBadge } from "./citations";

export function typeTag(t: EventBrief["type"]): HTMLElement {
  return h("span", { class: ["type-tag", `t-${t.toLowerCase()}`] }, typeLabel(t));
}

/** "16 October 2025", with a note when the date is not known to the day. */
export function dateCell(e: Pick<EventBrief, "date" | "end">): HTMLElement {
  const imprecise = e.date.precision !== "DAY";
  return h(
    "span",
    { class: ["event-date", imprecise && "imprecise"], title: imprecise ? `Known only to the ${e.date.precision.toLowerCase()}` : undefined },
    eventDate(e),
  );
}

export function eventTable(
  events: (EventBrief | EventWithParticipants)[],
  opts: { caption: string; participants?: boolean; hideCaption?: boolean; onRow?: (id: string) => void } = { caption: "Events" },
): HTMLElement {
  if (events.length === 0) return h("p", { class: "hint" }, "No events match.");
  const withParticipants = opts.participants !== false && events.some((e) => "participants" in e);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "data-table events-table" },
      h("caption", { class: opts.hideCaption ? "sr-only" : undefined }, opts.caption),
      h(
        "thead",
        null,
        h("tr", null, h("th", { scope: "col" }, "Date"), h("th", { scope: "col" }, "Type"), h("th", { scope: "col" }, "Event"), withParticipants ? h("th", { scope: "col" }, "Participants") : null),
      ),
      h(
        "tbody",
        null,
        events.map((e) =>
          h(
            "tr",
            { dataset: { event: e.id } },
            h("td", null, dateCell(e)),
            h("td", null, typeTag(e.type)),
            h("td", null, link(`/event/${e.id}`, e.title), e.unconfirmed ? [" ", unconfirmedBadge()] : null, e.place ? h("span", { class: "muted" }, ` · ${e.place.name}`) : null),
            withParticipants
              ? h(
                  "td",
                  { class: "participants-cell" },
                  ("participants" in e ? e.participants : []).map((p, i) => [i > 0 ? ", " : "", link(`/actor/${p.actor.id}`, p.actor.name)]),
                )
              : null,
          ),
        ),
      ),
    ),
  );
}

/** A compact list of events (side panels, path steps). */
export function eventList(events: EventBrief[]): HTMLElement {
  return h(
    "ul",
    { class: "event-list" },
    events.map((e) =>
      h(
        "li",
        null,
        typeTag(e.type),
        " ",
        link(`/event/${e.id}`, e.title),
        h("span", { class: "muted" }, " · ", eventDate(e)),
        e.unconfirmed ? [" ", unconfirmedBadge()] : null,
      ),
    ),
  );
}
