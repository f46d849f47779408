// An event's page: who took part in what role, where, when (as precisely as
// the sources say, and where they disagree), whether and how it took place,
// how long, which plan versions it concerned or produced, and every source
// with its words and how it states the fact.
import { eventPage } from "../api/queries";
import type { EventPage, EventRef, EventRelation, PlaceChain, PlanVersionRef } from "../api/types";
import { certaintyBadge, citations, citationsDisclosure, contestedBadge } from "../components/citations";
import { claimItem, claimSources, disputeOn, disputesBlock } from "../components/claims";
import { eventBadges, eventLine, typeTag } from "../components/eventlist";
import { endOfMonth, startOfMonth } from "../dates";
import { append, h, link } from "../dom";
import { certaintyMeaning, certaintyWord, eventDate, humanize, kindLabel, modalityWord, precisionNote, relationHeading, roleLabel, statusMeaning, statusWord } from "../format";
import { notFound } from "./notfound";
import { embedBuilder } from "../components/viewtools";
import type { Render } from "./view";

function fact(term: string, ...value: (Node | string | null | (Node | string | null)[])[]): HTMLElement[] {
  return [h("dt", null, term), h("dd", null, ...value)];
}

function versionLinks(list: PlanVersionRef[]): HTMLElement {
  return h("ul", { class: "inline-list" }, list.map((v) => h("li", null, link(`/plan/${v.plan.id}#version-${v.id}`, v.name))));
}

type Chain = { name: string; in?: Chain | null };

function placeName(p: PlaceChain): (Node | string)[] {
  const out: (Node | string)[] = [p.name];
  let up: Chain | null | undefined = p.in;
  while (up) {
    out.push(h("span", { class: "muted" }, `, ${up.name}`));
    up = up.in;
  }
  return out;
}

/** A field's value, or why there is none: disputed (listed below) or not recorded. */
function orWhy(e: EventPage, field: string, value: Node | string | null): Node | string {
  if (value !== null) return value;
  const d = disputeOn(e.disputes, field);
  if (d && !d.resolved) return h("span", { class: "disputed-field" }, "disputed: the sources disagree (see below)");
  return "not recorded";
}

function neighbour(label: string, e: EventRef | null, rel: string): HTMLElement | null {
  if (!e) return null;
  return h("a", { href: `/event/${e.id}`, rel, class: `pager-${rel}` }, h("span", { class: "muted" }, label), h("span", null, e.title), h("span", { class: "muted" }, eventDate(e)));
}

/**
 * Previous and next are only the events the dates put certainly before and
 * after; these may fall on either side, and the page says so.
 */
function overlappingNote(list: EventRef[]): HTMLElement | null {
  if (list.length === 0) return null;
  return h(
    "section",
    { class: "card overlapping", "aria-labelledby": "overlapping-title" },
    h("h2", { id: "overlapping-title" }, "Around the same time"),
    h("p", { class: "muted" }, "The dates known for these overlap this event's, so the sources do not say which came first."),
    h("ul", null, ...list.map((o) => h("li", null, link(`/event/${o.id}`, o.title), " ", h("span", { class: "muted" }, eventDate(o))))),
  );
}

/** Related events grouped by how they bear on this one, each with its sources. */
function relationsSection(list: EventRelation[]): HTMLElement | null {
  if (list.length === 0) return null;
  const groups = new Map<string, EventRelation[]>();
  for (const r of list) {
    const key = relationHeading(r.type, r.incoming);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return h(
    "section",
    { class: "card", "aria-labelledby": "chain-title" },
    h("h2", { id: "chain-title" }, "What led to what"),
    [...groups.entries()].map(([heading, rs]) => [
      h("h3", null, heading),
      h(
        "ul",
        { class: "event-list relations" },
        rs.map((r) =>
          h(
            "li",
            null,
            eventLine(r.event),
            " ",
            certaintyBadge(r.certainty, `The link between the two events: ${certaintyMeaning[r.certainty]}`),
            citationsDisclosure(r.sources, "Sources for this link"),
          ),
        ),
      ),
    ]),
  );
}

/** What the page says first when the event is not a plain, confirmed fact. */
function headNotes(e: EventPage): HTMLElement[] {
  const notes: HTMLElement[] = [];
  if (e.status && e.status !== "HELD") notes.push(h("p", { class: "note status-note" }, statusMeaning[e.status]));
  if (e.certainty !== "CONFIRMED") {
    const meaning = certaintyMeaning[e.certainty];
    notes.push(h("p", { class: "note uncertain-note" }, `${humanize(certaintyWord[e.certainty])}: ${meaning.charAt(0).toLowerCase()}${meaning.slice(1)}`));
  }
  if (e.contested) notes.push(h("p", { class: "note uncertain-note" }, "Contested: some sources deny this event while others support it."));
  return notes;
}

export const render: Render = async ({ root, route, signal, setTitle }) => {
  const e = await eventPage(route.id!, signal);
  if (!e) {
    setTitle("Not found");
    root.append(notFound(`No event has the id “${route.id}”.`));
    return;
  }
  setTitle(e.title);
  const names = new Map(e.participants.map((p) => [p.actor.id, p.actor.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const periodFrom = startOfMonth(e.date.earliest);
  const periodTo = endOfMonth((e.end ?? e.date).latest);
  const dateDispute = disputeOn(e.disputes, "date");
  const outcomes = e.claims.filter((c) => c.field === "outcome");
  append(root, [
    h("nav", { class: "breadcrumb", "aria-label": "Breadcrumb" }, link(`/timeline?event=${e.id}`, "Timeline"), " › ", h("span", { "aria-current": "page" }, e.title)),
    h(
      "div",
      { class: "view-head" },
      h("p", { class: "eyebrow" }, typeTag(e.type), eventBadges(e)),
      h("h1", null, e.title),
      headNotes(e),
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
          fact(
            "Date",
            h("span", { class: ["event-date", e.date.precision !== "DAY" && "imprecise"] }, e.date.display),
            h(
              "span",
              { class: "hint block" },
              dateDispute
                ? dateDispute.resolved
                  ? "The sources disagree on the date (see below); this is the value the editors prefer. "
                  : "The sources disagree on the date (see below): this is the span all their values cover. "
                : "",
              precisionNote(e.date, e.end),
            ),
          ),
          e.end ? fact("Until", e.end.display) : [],
          fact("Status", orWhy(e, "status", e.status ? statusWord[e.status] : null), claimSources(e.claims, "status")),
          fact("How", orWhy(e, "modality", e.modality ? modalityWord[e.modality] : null), claimSources(e.claims, "modality")),
          fact("Duration", orWhy(e, "duration", e.duration ? e.duration.display : null), claimSources(e.claims, "duration", e.duration?.display)),
          // Accounts of the outcome stand side by side: with several,
          // each is shown with its sources, none as the outcome.
          e.outcome
            ? fact("Outcome", e.outcome, claimSources(e.claims, "outcome", e.outcome))
            : outcomes.length
              ? fact(outcomes.length > 1 ? "Outcome, by account" : "Outcome", h("ul", { class: "disputed-values outcomes" }, outcomes.map((c) => claimItem(c))))
              : [],
          fact(
            e.places.length > 1 ? "Places" : "Place",
            e.places.length === 0
              ? orWhy(e, "places", null)
              : h("ul", { class: "inline-list places" }, e.places.map((p) => h("li", null, ...placeName(p)))),
          ),
          e.concerns.length ? fact("About", versionLinks(e.concerns)) : [],
          e.produced.length ? fact("Produced", versionLinks(e.produced)) : [],
        ),
        disputesBlock(e.disputes, nameOf),
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
                  h(
                    "div",
                    { class: "participant-head" },
                    link(`/actor/${p.actor.id}`, p.actor.name),
                    h("span", { class: "role" }, roleLabel(p.role)),
                    p.roleLabel && p.roleLabel.toLowerCase() !== roleLabel(p.role) ? h("span", { class: "role-label", title: "The role as the sources word it" }, `“${p.roleLabel}”`) : null,
                    certaintyBadge(p.certainty, `That this actor took part: ${certaintyMeaning[p.certainty]}`),
                    contestedBadge(p.contested),
                  ),
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
    relationsSection(e.relations),
    h(
      "section",
      { class: "card", "aria-labelledby": "sources-title" },
      h("h2", { id: "sources-title" }, "Sources"),
      citations(e.sources, "No source recorded: every event should have one."),
    ),
    h("nav", { class: "pager", "aria-label": "Neighbouring events" }, neighbour("← Previous", e.previous, "prev"), neighbour("Next →", e.next, "next")),
    overlappingNote(e.overlapping),
    h("section", { class: "view-tools", "aria-label": "Embed" }, embedBuilder(`/event/${e.id}`, `/embed/event/${e.id}`, 480)),
  ]);
};
