// /embed/actor/{id}, /embed/event/{id} and /embed/plan/{id}: a page of the
// explorer in brief, for an iframe, with a link to the full view. Pinned
// with asOf, each shows what the graph held on that day.
import { eventPage, plans, timeline } from "../api/queries";
import type { EventWithParticipants, Plan } from "../api/types";
import { certaintyBadge } from "../components/citations";
import { eventBadges, eventList, typeTag, whereAndHow } from "../components/eventlist";
import { fill, h, link } from "../dom";
import { eventFilter, type Filters } from "../filters";
import { eventDate, plural, roleLabel } from "../format";
import { embedFrame, type EmbedFrame, idsKey } from "./embed";
import type { Render, ViewContext } from "./view";

export const render: Render = async (ctx) => {
  const kind = ctx.route.name === "embed-actor" ? "actor" : ctx.route.name === "embed-event" ? "event" : "plan";
  const frame = await embedFrame(ctx, kind);
  frame.chartEl.classList.add("embed-page");
  const id = ctx.route.id ?? "";
  const full = (text: string) => h("p", { class: "embed-more" }, link(`/${kind}/${id}`, text));
  if (kind === "actor") await actor(ctx, frame, id, full);
  else if (kind === "event") await event(ctx, frame, id, full);
  else await plan(ctx, frame, id, full);
};

type Full = (text: string) => HTMLElement;

function missing(frame: EmbedFrame, what: string): void {
  fill(frame.heading, `No such ${what}`);
  fill(frame.chartEl, h("p", { class: "hint" }, `diplograph has no ${what} at this address.`));
}

/** An actor: their events (as of the pinned day), newest first. */
async function actor({ signal, setTitle }: ViewContext, frame: EmbedFrame, id: string, full: Full): Promise<void> {
  const name = frame.nameOf(id);
  const { events, total } = await frame.load(
    (f) => timeline(eventFilter({ ...f, actors: [id] }), signal),
    (r) => `${r.total}:${idsKey(r.events.map((e) => e.id))}`,
  );
  if (name === id && total === 0) return missing(frame, "actor");
  setTitle(name);
  fill(frame.heading, name);
  const newest = [...events].reverse().slice(0, 12);
  fill(
    frame.chartEl,
    h("p", { class: "muted" }, `${plural(total, "event")} in the graph`, describe(frame.filters)),
    newest.length ? eventList(newest) : h("p", { class: "hint" }, "No events recorded."),
    total > newest.length ? h("p", { class: "hint" }, `The ${newest.length} most recent of ${total}.`) : null,
    full(`All about ${name} in diplograph →`),
  );
}

/** An event: what it was, when, who took part, how certain. */
async function event({ signal, setTitle }: ViewContext, frame: EmbedFrame, id: string, full: Full): Promise<void> {
  const e = await eventPage(id, signal);
  if (!e) return missing(frame, "event");
  setTitle(e.title);
  fill(frame.heading, e.title);
  // The event as a pinned graph held it: a timeline over its own days.
  const around = (f: Filters): Filters => ({ ...f, from: e.date.earliest, to: (e.end ?? e.date).latest, types: [e.type], actors: [] });
  const seen = await frame.load(
    (f) => timeline(eventFilter(around(f)), signal).then((r) => r.events.find((x) => x.id === id) ?? null),
    (x: EventWithParticipants | null) => (x ? JSON.stringify([x.certainty, x.status, x.date.value, x.end?.value, x.participants.map((p) => p.actor.id).sort()]) : "absent"),
  );
  const pinned = frame.filters.asOf;
  fill(
    frame.chartEl,
    pinned && !seen ? h("p", { class: "note" }, "The graph did not yet hold this event on that day; this is what it holds now.") : null,
    h("p", null, typeTag(e.type), " ", h("span", { class: "event-date" }, eventDate(e)), whereAndHow({ places: e.places, modality: e.modality }), eventBadges(e)),
    e.summary ? h("p", null, e.summary) : null,
    e.participants.length
      ? h(
          "ul",
          { class: "inline-list", "aria-label": "Participants" },
          e.participants.map((p) => h("li", null, link(`/actor/${p.actor.id}`, p.actor.name), h("span", { class: "muted" }, ` (${roleLabel(p.role)})`), p.certainty !== "CONFIRMED" ? [" ", certaintyBadge(p.certainty)] : null)),
        )
      : null,
    h("p", { class: "muted" }, `${plural(e.sources.length, "source")} quoted`),
    full("Sources and details in diplograph →"),
  );
}

/** A plan: its versions in order, those dated by the pinned day only. */
async function plan({ signal, setTitle }: ViewContext, frame: EmbedFrame, id: string, full: Full): Promise<void> {
  // The API does not pin plans to a day: a version counts as known on the
  // day it may first have been dated (its earliest day).
  const known = (p: Plan, f: Filters): Plan => ({ ...p, versions: p.versions.filter((v) => !f.asOf || !v.date || v.date.earliest <= f.asOf) });
  const all = await plans(signal);
  const found = all.find((p) => p.id === id);
  if (!found) return missing(frame, "plan");
  const p = await frame.load(
    async (f) => known(found, f),
    (x) => idsKey(x.versions.map((v) => v.id)),
  );
  setTitle(p.name);
  fill(frame.heading, p.name);
  fill(
    frame.chartEl,
    p.summary ? h("p", null, p.summary) : null,
    h(
      "ol",
      { class: "embed-versions", "aria-label": "Versions" },
      p.versions.map((v) =>
        h(
          "li",
          null,
          link(`/plan/${id}#version-${v.id}`, v.name),
          h("span", { class: "muted" }, ` · ${v.date?.display ?? "undated"} · ${v.declaredPoints !== null ? plural(v.declaredPoints, "point") : "points not known"}`),
          v.certainty !== "CONFIRMED" ? [" ", certaintyBadge(v.certainty)] : null,
        ),
      ),
    ),
    full("Every point, stance and source in diplograph →"),
  );
}

function describe(f: Filters): string {
  return f.confirmed ? " (confirmed only)" : "";
}
