// The start page: what diplograph is, a search box, and the ways in.
import { actors as fetchActors, extent as fetchExtent, planNames } from "../api/queries";
import type { ActorRef } from "../api/types";
import { searchBox } from "../components/searchbox";
import { h, link } from "../dom";
import { formatDayShort, kindLabel, plural } from "../format";
import type { Render } from "./view";

/**
 * "5 versions side by side (20 to 28 points declared), ...": versions may
 * branch, so no chain of counts, and a count the sources dispute is left out.
 */
function planSummary(versions: { declaredPoints: number | null }[]): string {
  const counts = versions.map((v) => v.declaredPoints).filter((n): n is number => n !== null);
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  const declared = counts.length === 0 ? "" : lo === hi ? ` (${plural(lo, "point")} declared)` : ` (${lo} to ${hi} points declared)`;
  return `${plural(versions.length, "version")} side by side${declared}, with each party's stance on each point.`;
}

export const render: Render = async ({ root, signal, setTitle }) => {
  setTitle("");
  const [everyone, ext, plans] = await Promise.all([fetchActors(signal), fetchExtent(signal), planNames(signal)]);
  const byKind = new Map<string, ActorRef[]>();
  for (const a of everyone) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a]);
  const span = ext ? `${formatDayShort(ext.earliest)} – ${formatDayShort(ext.latest)}` : "no events yet";
  const plan = plans[0];
  root.append(
    h(
      "section",
      { class: "hero" },
      h("h1", null, "Who met whom, when, about what — and on whose word."),
      h(
        "p",
        { class: "lede" },
        "Explore a knowledge graph of diplomacy: the calls, meetings and talks between people and states, the peace plans they argued over, and the sources behind every fact. Dates are only as precise as the sources give them.",
      ),
      searchBox({ large: true }),
      h("p", { class: "hint" }, "Try a name, even spelled another way: “Zelensky”, “Witkoff”, “Crimea”."),
    ),
    h(
      "div",
      { class: "entry-cards" },
      h(
        "a",
        { href: "/network", class: "entry-card" },
        h("span", { class: "entry-icon network", "aria-hidden": "true" }),
        h("span", { class: "entry-title" }, "Network"),
        h("span", { class: "entry-text" }, "Who took part in events with whom. Expand an actor's neighbourhood, trace the shortest chain between two."),
      ),
      h(
        "a",
        { href: "/timeline", class: "entry-card" },
        h("span", { class: "entry-icon timeline", "aria-hidden": "true" }),
        h("span", { class: "entry-title" }, "Timeline"),
        h("span", { class: "entry-text" }, `Every event in time (${span}), grouped by actor or by type.`),
      ),
      plan
        ? h(
            "a",
            { href: `/plan/${plan.id}`, class: "entry-card" },
            h("span", { class: "entry-icon plan", "aria-hidden": "true" }),
            h("span", { class: "entry-title" }, plan.name),
            h("span", { class: "entry-text" }, planSummary(plan.versions)),
          )
        : null,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "actors-title" },
      h("h2", { id: "actors-title" }, "Actors"),
      h(
        "div",
        { class: "actor-groups" },
        ["PERSON", "STATE", "ORGANISATION", "DELEGATION"]
          .filter((k) => byKind.has(k))
          .map((k) =>
            h(
              "div",
              null,
              h("h3", null, `${kindLabel(k as ActorRef["kind"])}s`.replace("Persons", "People")),
              h("ul", { class: "actor-list" }, byKind.get(k)!.map((a) => h("li", null, link(`/actor/${a.id}`, a.name)))),
            ),
          ),
      ),
    ),
  );
};
