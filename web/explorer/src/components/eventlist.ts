// Events as a table: the text alternative of the charts, and a list of its
// own on the pages.
import type { EventBrief, EventRef, EventWithParticipants } from "../api/types";
import { h, link } from "../dom";
import { eventDate, modalityWord, typeLabel } from "../format";
import { certaintyBadge, contestedBadge, statusBadge } from "./citations";
import { tableScroll } from "./tablescroll";

/** What an event's title is followed by: its status, certainty, and whether sources disagree. */
export function eventBadges(e: EventRef & Partial<Pick<EventBrief, "contested" | "disputed">>): (HTMLElement | string)[] {
  const out: (HTMLElement | string)[] = [];
  const disputed = e.disputed ? h("span", { class: "badge disputed", title: "Sources disagree on some of its facts." }, "disputed") : null;
  for (const b of [statusBadge(e.status), certaintyBadge(e.certainty), contestedBadge(e.contested ?? false), disputed]) if (b) out.push(" ", b);
  return out;
}

/** " · Miami, Geneva · by phone". */
export function whereAndHow(e: Pick<EventBrief, "places" | "modality">): HTMLElement | null {
  const parts = [e.places.map((p) => p.name).join(", "), e.modality ? modalityWord[e.modality] : ""].filter(Boolean);
  return parts.length ? h("span", { class: "muted" }, ` · ${parts.join(" · ")}`) : null;
}

export function typeTag(t: EventBrief["type"]): HTMLElement {
  return h("span", { class: ["type-tag", `t-${t.toLowerCase()}`] }, typeLabel(t));
}

/** "16 October 2025", with a note when the date is not known to the day. */
export function dateCell(e: Pick<EventBrief, "date" | "end">): HTMLElement {
  const imprecise = e.date.precision !== "DAY";
  const known = e.date.precision === "RANGE" ? "Known only as a range of days" : `Known only to the ${e.date.precision.toLowerCase()}`;
  return h(
    "span",
    { class: ["event-date", imprecise && "imprecise"], title: imprecise ? known : undefined },
    eventDate(e),
  );
}

export function eventTable(
  events: (EventBrief | EventWithParticipants)[],
  opts: { caption: string; participants?: boolean; hideCaption?: boolean; onRow?: (id: string) => void } = { caption: "Events" },
): HTMLElement {
  if (events.length === 0) return h("p", { class: "hint" }, "No events match.");
  const withParticipants = opts.participants !== false && events.some((e) => "participants" in e);
  return tableScroll(
    opts.caption,
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
            h("td", null, link(`/event/${e.id}`, e.title), eventBadges(e), whereAndHow(e)),
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

/** One event in a compact list: its type, title, date and badges. */
export function eventLine(e: EventRef & Partial<Pick<EventBrief, "modality">>): (HTMLElement | string)[] {
  const how = e.modality && e.modality !== "IN_PERSON" ? ` · ${modalityWord[e.modality]}` : "";
  return [typeTag(e.type), " ", link(`/event/${e.id}`, e.title), h("span", { class: "muted" }, " · ", eventDate(e), how), ...eventBadges(e)];
}

/** A compact list of events (side panels, path steps). */
export function eventList(events: EventRef[]): HTMLElement {
  return h(
    "ul",
    { class: "event-list" },
    events.map((e) => h("li", null, eventLine(e))),
  );
}
