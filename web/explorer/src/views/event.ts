// An event's page: who took part in what role, where, when (as precisely as
// the sources say, and where they disagree), how long, which plan versions
// it concerned or produced, and every source with its words.
import { eventPage } from "../api/queries";
import type { DisputedValue, EventBrief, EventPage, PlanVersionRef } from "../api/types";
import { citations, citationsDisclosure, unconfirmedBadge } from "../components/citations";
import { eventList, typeTag } from "../components/eventlist";
import { endOfMonth, startOfMonth } from "../dates";
import { append, h, link } from "../dom";
import { eventDate, humanize, kindLabel, minutes, precisionNote, roleLabel } from "../format";
import { notFound } from "./notfound";
import type { Render } from "./view";

function fact(term: string, ...value: (Node | string | null)[]): HTMLElement[] {
  return [h("dt", null, term), h("dd", null, ...value)];
}

function versionLinks(list: PlanVersionRef[]): HTMLElement {
  return h("ul", { class: "inline-list" }, list.map((v) => h("li", null, link(`/plan/${v.plan.id}#version-${v.id}`, v.name))));
}

function disputedValue(v: DisputedValue): HTMLElement {
  return h(
    "li",
    { class: ["disputed-value", v.preferred && "preferred"] },
    h("strong", null, v.display ?? v.value),
    v.preferred ? [" ", h("span", { class: "badge preferred" }, "preferred by the editors")] : null,
    citations(v.sources),
  );
}

type PlaceChain = { name: string; in?: PlaceChain | null };

function place(e: EventPage): (Node | string)[] {
  if (!e.place) return ["not recorded"];
  const out: (Node | string)[] = [e.place.name];
  let p: PlaceChain | null | undefined = e.place.in;
  while (p) {
    out.push(h("span", { class: "muted" }, `, ${p.name}`));
    p = p.in;
  }
  return out;
}

function neighbour(label: string, e: EventBrief | null, rel: string): HTMLElement | null {
  if (!e) return null;
  return h("a", { href: `/event/${e.id}`, rel, class: `pager-${rel}` }, h("span", { class: "muted" }, label), h("span", null, e.title), h("span", { class: "muted" }, eventDate(e)));
}

export const render: Render = async ({ root, route, signal, setTitle }) => {
  const e = await eventPage(route.id!, signal);
  if (!e) {
    setTitle("Not found");
    root.append(notFound(`No event has the id “${route.id}”.`));
    return;
  }
  setTitle(e.title);
  const periodFrom = startOfMonth(e.date.earliest);
  const periodTo = endOfMonth((e.end ?? e.date).latest);
  append(root, [
    h("nav", { class: "breadcrumb", "aria-label": "Breadcrumb" }, link(`/timeline?event=${e.id}`, "Timeline"), " › ", h("span", { "aria-current": "page" }, e.title)),
    h(
      "div",
      { class: "view-head" },
      h("p", { class: "eyebrow" }, typeTag(e.type), e.unconfirmed ? [" ", unconfirmedBadge("The sources only report this event (“reportedly”); it is not confirmed.")] : null),
      h("h1", null, e.title),
      e.unconfirmed ? h("p", { class: "note unconfirmed-note" }, "Unconfirmed: the sources only report this event.") : null,
      e.summary ? h("p", { class: "lede" }, e.summary) : null,
    ),
    h(
      "div",
      { class: "cards-2" },
      h(
        "section",
        { class: "card", "aria-labelledby": "facts-title" },
        h("h2", { id: "facts-title" }, "Facts"),
        h(
          "dl",
          { class: "facts" },
          fact("Date", h("span", { class: ["event-date", e.date.precision !== "DAY" && "imprecise"] }, e.date.display), h("span", { class: "hint block" }, precisionNote(e.date))),
          e.end ? fact("Until", e.end.display) : [],
          fact("Duration", e.durationMinutes ? minutes(e.durationMinutes) : "not recorded"),
          fact("Place", ...place(e)),
          e.concerns.length ? fact("About", versionLinks(e.concerns)) : [],
          e.produced.length ? fact("Produced", versionLinks(e.produced)) : [],
        ),
        e.disputes.length
          ? h(
              "div",
              { class: "disputes" },
              h("h3", null, "Where the sources disagree"),
              e.disputes.map((d) => h("div", { class: "dispute" }, h("p", null, h("strong", null, humanize(d.field)), ": ", d.preferred ? `the working value is ${d.preferred.display ?? d.preferred.value}` : "no value is preferred"), h("ul", { class: "disputed-values" }, d.values.map(disputedValue)))),
            )
          : null,
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "participants-title" },
        h("h2", { id: "participants-title" }, "Participants"),
        e.participants.length === 0
          ? h("p", { class: "hint" }, "No participant recorded.")
          : h(
              "ul",
              { class: "participants" },
              e.participants.map((p) =>
                h(
                  "li",
                  null,
                  h("div", { class: "participant-head" }, link(`/actor/${p.actor.id}`, p.actor.name), h("span", { class: "role" }, roleLabel(p.role)), p.unconfirmed ? unconfirmedBadge("A source only reports that this actor took part.") : null),
                  h("p", { class: "muted" }, kindLabel(p.actor.kind), p.represents ? [" · for ", link(`/actor/${p.represents.id}`, p.represents.name)] : null),
                  citationsDisclosure(p.sources, "Sources for this"),
                ),
              ),
            ),
        h(
          "p",
          { class: "actions" },
          link(`/network?from=${periodFrom}&to=${periodTo}`, "The network of that month"),
          link(`/timeline?from=${periodFrom}&to=${periodTo}&event=${e.id}`, "On the timeline"),
        ),
      ),
    ),
    e.ledFrom.length || e.ledTo.length
      ? h(
          "section",
          { class: "card", "aria-labelledby": "chain-title" },
          h("h2", { id: "chain-title" }, "What led to what"),
          e.ledFrom.length ? [h("h3", null, "Led to this event"), eventList(e.ledFrom)] : null,
          e.ledTo.length ? [h("h3", null, "This event led to"), eventList(e.ledTo)] : null,
        )
      : null,
    h("section", { class: "card", "aria-labelledby": "sources-title" }, h("h2", { id: "sources-title" }, "Sources"), citations(e.sources, "No source recorded: every event should have one.")),
    h("nav", { class: "pager", "aria-label": "Neighbouring events" }, neighbour("← Previous", e.previous, "prev"), neighbour("Next →", e.next, "next")),
  ]);
};
