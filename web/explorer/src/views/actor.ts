// An actor's page: roles over time, counterparts with counts, a timeline of
// their events, the stances they took, and the sources for all of it.
import { actorPage } from "../api/queries";
import type { ActorPage, ActorRef, ActorStance, Role } from "../api/types";
import { createTimelineChart, type TimelineChart } from "../charts/timeline-chart";
import { certaintyBadge, citations, citationsDisclosure, factBadges } from "../components/citations";
import { claimItem, disputeOn, disputesBlock } from "../components/claims";
import { eventTable } from "../components/eventlist";
import { tableScroll } from "../components/tablescroll";
import { h, link } from "../dom";
import { eventFilter, parseFilters } from "../filters";
import { certaintyMeaning, formatDay, formatDayShort, kindLabel, plural, positionVerb } from "../format";
import { chartKeys, timelineLegend } from "./timeline";
import type { Render } from "./view";
import { notFound } from "./notfound";
import { embedBuilder } from "../components/viewtools";

function roleSpan(r: Role): string {
  const from = r.from?.display;
  const until = r.until?.display;
  if (from && until) return `${from} – ${until}`;
  if (from) return `since ${from}`;
  if (until) return `until ${until}`;
  return "dates not given";
}

function rolesSection(a: ActorPage): HTMLElement {
  const roles = [...a.roles].sort((x, y) => (x.from?.earliest ?? "").localeCompare(y.from?.earliest ?? ""));
  return h(
    "section",
    { class: "card", "aria-labelledby": "roles-title" },
    h("h2", { id: "roles-title" }, "Roles over time"),
    roles.length === 0
      ? h("p", { class: "hint" }, "No roles recorded.")
      : h(
          "ol",
          { class: "roles" },
          roles.map((r) =>
            h(
              "li",
              null,
              h("span", { class: "role-title" }, r.title ?? (disputeOn(r.disputes, "title") ? "A title the sources disagree on" : "A role")),
              r.for ? [" for ", link(`/actor/${r.for.id}`, r.for.name)] : null,
              factBadges(r),
              h("span", { class: "role-dates" }, roleSpan(r)),
              disputesBlock(r.disputes),
              citationsDisclosure(r.sources),
            ),
          ),
        ),
  );
}

function counterpartsSection(a: ActorPage): HTMLElement {
  const max = Math.max(1, ...a.counterparts.map((c) => c.count));
  return h(
    "section",
    { class: "card", "aria-labelledby": "counterparts-title" },
    h("h2", { id: "counterparts-title" }, "Counterparts"),
    a.counterparts.length === 0
      ? h("p", { class: "hint" }, "No shared events recorded.")
      : tableScroll(
          `Counterparts of ${a.name}`,
          h(
            "table",
            { class: "data-table" },
            h("caption", { class: "sr-only" }, `Who ${a.name} took part in events with, most shared events first`),
            h("thead", null, h("tr", null, h("th", { scope: "col" }, "With"), h("th", { scope: "col" }, "Shared events"), h("th", { scope: "col" }, "First"), h("th", { scope: "col" }, "Last"))),
            h(
              "tbody",
              null,
              a.counterparts.map((c) => {
                const bar = h("span", { class: "bar", "aria-hidden": "true" });
                bar.style.setProperty("--w", String(c.count / max));
                return h(
                  "tr",
                  null,
                  h("th", { scope: "row" }, link(`/actor/${c.actor.id}`, c.actor.name), c.certainty !== "CONFIRMED" ? [" ", certaintyBadge(c.certainty, `Their strongest link: ${certaintyMeaning[c.certainty]}`)] : null),
                  h("td", { class: "bar-cell" }, link(`/timeline?actors=${a.id},${c.actor.id}`, String(c.count)), bar),
                  h("td", null, c.first.display),
                  h("td", null, c.last.display),
                );
              }),
            ),
          ),
        ),
  );
}

function stanceTarget(s: ActorStance): HTMLElement {
  const on = s.on;
  if (on.__typename === "PlanPoint") {
    const name = on.title ?? on.text ?? (on.label ? `Point ${on.label}` : "A point whose wording the sources dispute");
    return h("span", null, link(`/plan/${on.version.plan.id}#point-${on.id}`, name), h("span", { class: "muted" }, ` (${on.version.name})`));
  }
  return link(`/plan/${on.plan.id}#version-${on.id}`, on.name);
}

function stancesSection(a: ActorPage): HTMLElement {
  return h(
    "section",
    { class: "card", "aria-labelledby": "stances-title" },
    h("h2", { id: "stances-title" }, "Stances"),
    a.stances.length === 0
      ? h("p", { class: "hint" }, "No stances recorded.")
      : h(
          "ul",
          { class: "stances" },
          a.stances.map((s) =>
            h(
              "li",
              null,
              h("span", { class: ["position", `pos-${s.position.toLowerCase()}`] }, positionVerb[s.position]),
              " ",
              stanceTarget(s),
              s.date ? h("span", { class: "muted" }, ` · ${s.date.display}`) : null,
              factBadges(s),
              s.summary ? h("p", null, s.summary) : null,
              citationsDisclosure(s.sources),
            ),
          ),
        ),
  );
}

function actorLinks(label: string, list: ActorRef[]): HTMLElement | null {
  if (list.length === 0) return null;
  return h("p", { class: "members" }, h("span", { class: "muted" }, `${label}: `), list.map((x, i) => [i ? ", " : "", link(`/actor/${x.id}`, x.name)]));
}

export const render: Render = async ({ root, route, signal, setTitle }) => {
  // ?asOf= and ?confirmed=1 narrow the actor's events and counterparts.
  const filters = parseFilters(route.query);
  const a = await actorPage(route.id!, signal, eventFilter({ ...filters, from: null, to: null, types: [], actors: [] }));
  if (!a) {
    setTitle("Not found");
    root.append(notFound(`No actor has the id “${route.id}”.`));
    return;
  }
  setTitle(a.name);
  const events = [...a.events.nodes].sort((x, y) => x.date.earliest.localeCompare(y.date.earliest) || x.id.localeCompare(y.id));
  const canvas = h("div", { class: "timeline-canvas small", tabindex: "0", role: "group", "aria-label": `Timeline of ${a.name}'s events: + and − zoom, arrow keys move. The table below lists them.` });
  let chart: TimelineChart | null = null;
  chartKeys(canvas, () => chart);

  root.append(
    h("nav", { class: "breadcrumb", "aria-label": "Breadcrumb" }, link("/network", "Network"), " › ", h("span", { "aria-current": "page" }, a.name)),
    h(
      "div",
      { class: "view-head" },
      h("p", { class: "eyebrow" }, kindLabel(a.kind), factBadges(a)),
      h("h1", null, a.name),
      a.aliases.length ? h("p", { class: "aliases" }, "Also written ", a.aliases.join(", ")) : null,
      a.description ? h("p", { class: "lede" }, a.description) : null,
      actorLinks("Members", a.members),
      actorLinks("Member of", a.memberOf),
      a.identity.length
        ? h("div", { class: "identity" }, h("h2", null, "Who the sources say this was"), h("ul", { class: "disputed-values" }, a.identity.map((c) => claimItem(c))))
        : null,
      disputesBlock(a.disputes),
      h(
        "p",
        { class: "actions" },
        link(`/network?actors=${a.id}`, "Network around ", a.name),
        link(`/timeline?actors=${a.id}`, "All events on the timeline"),
      ),
    ),
    h("div", { class: "cards-2" }, rolesSection(a), counterpartsSection(a)),
    h(
      "section",
      { class: "card", "aria-labelledby": "events-title" },
      h("h2", { id: "events-title" }, "Timeline"),
      filters.asOf ? h("p", { class: "pin-note" }, `As the graph was on ${formatDay(filters.asOf)}. `, link(`/actor/${a.id}`, "Show the graph as it is now")) : null,
      h("p", { class: "muted" }, `${plural(a.events.totalCount, "event")}`, events.length ? `, ${formatDayShort(events[0].date.earliest)} onwards` : "", a.events.totalCount > events.length ? ` (the latest ${events.length} shown)` : ""),
      events.length ? [canvas, timelineLegend()] : null,
      eventTable(events, { caption: `Events of ${a.name}`, hideCaption: true }),
    ),
    stancesSection(a),
    h("section", { class: "card", "aria-labelledby": "sources-title" }, h("h2", { id: "sources-title" }, "Sources about ", a.name), citations(a.sources)),
    h("section", { class: "view-tools", "aria-label": "Embed" }, embedBuilder(`/actor/${a.id}`, `/embed/actor/${a.id}`, 560, new URLSearchParams(), filters.asOf)),
  );
  if (events.length) chart = createTimelineChart(canvas, events, { groupBy: "type", height: 260 });
  return () => chart?.destroy();
};
