// The plan view: a plan's versions side by side in derivation order, what
// changed from each to the next (planDiff), and each party's stance on each
// point, with sources.
import { planDiffs, plans as fetchPlans, planVersionDetails } from "../api/queries";
import type { Plan, PlanDiff, PlanPoint, PlanVersion, Stance } from "../api/types";
import { citationsDisclosure, unconfirmedBadge } from "../components/citations";
import { eventList } from "../components/eventlist";
import { append, h, link } from "../dom";
import { humanize, plural, positionVerb } from "../format";
import { navigate } from "../router";
import { notFound } from "./notfound";
import type { Render } from "./view";

function stanceItem(s: Stance): HTMLElement {
  return h(
    "li",
    { class: "stance" },
    link(`/actor/${s.actor.id}`, s.actor.name),
    " ",
    h("span", { class: ["position", `pos-${s.position.toLowerCase()}`] }, positionVerb[s.position]),
    s.date ? h("span", { class: "muted" }, ` · ${s.date.display}`) : null,
    s.unconfirmed ? [" ", unconfirmedBadge()] : null,
    s.summary ? h("p", { class: "stance-summary" }, s.summary) : null,
    citationsDisclosure(s.sources),
  );
}

type Status = { label: string; cls: string } | null;

function pointCard(p: PlanPoint, status: Status): HTMLElement {
  return h(
    "li",
    { class: "point", id: `point-${p.id}` },
    h(
      "div",
      { class: "point-head" },
      p.number !== null ? h("span", { class: "point-number" }, `${p.number}.`) : null,
      h("h4", null, p.title ?? p.text),
      status ? h("span", { class: ["badge", status.cls] }, status.label) : null,
      p.unconfirmed ? unconfirmedBadge() : null,
    ),
    p.title ? h("p", { class: "point-text" }, p.text) : null,
    p.topics.length || p.territories.length
      ? h(
          "p",
          { class: "tags" },
          p.topics.map((t) => h("span", { class: "tag" }, humanize(t))),
          p.territories.map((t) => h("span", { class: "tag territory" }, t.name)),
        )
      : null,
    p.stances.length ? h("ul", { class: "stance-list", "aria-label": "Stances" }, p.stances.map(stanceItem)) : h("p", { class: "hint" }, "No stance recorded."),
    citationsDisclosure(p.sources, "Sources for the point"),
  );
}

function diffBox(prev: PlanVersion, v: PlanVersion, d: PlanDiff): HTMLElement {
  const from = d.declaredFrom ?? prev.declaredPoints;
  const to = d.declaredTo ?? v.declaredPoints;
  const change = from !== null && to !== null ? `${from} → ${to} points declared (${to - from >= 0 ? "+" : "−"}${Math.abs(to - from)})` : "";
  const unknownFrom = prev.points.length === 0;
  const unknownTo = v.points.length === 0;
  const caveat = unknownFrom
    ? `None of the points of “${prev.name}” is known, so the points below cannot be compared with it.`
    : unknownTo
      ? `None of the points of “${v.name}” is known: the sources do not say which points were kept, dropped or merged.`
      : "";
  const lists = h(
    "div",
    { class: "diff-lists" },
    d.added.length ? h("p", null, h("strong", null, `Added: ${d.added.length}`), " (marked below)") : null,
    d.revised.length
      ? [h("p", null, h("strong", null, `Revised: ${d.revised.length}`)), h("ul", null, d.revised.map((r) => h("li", null, r.before.title ?? r.before.text, r.unchanged ? " (same text)" : "")))]
      : null,
    d.removed.length
      ? [h("p", null, h("strong", null, `Not carried over: ${d.removed.length}`)), h("ul", { class: "removed" }, d.removed.map((p) => h("li", null, h("del", null, p.title ?? p.text))))]
      : null,
    !d.added.length && !d.revised.length && !d.removed.length ? h("p", { class: "hint" }, "No known point changed.") : null,
  );
  return h(
    "div",
    { class: "diff", "aria-label": `Changes from ${prev.name}` },
    h("p", { class: "diff-title" }, `Changes from “${prev.name}”`),
    change ? h("p", { class: "declared-change" }, change) : null,
    caveat ? [h("p", { class: "note" }, caveat), h("details", null, h("summary", null, "What the comparison of known points gives"), lists)] : lists,
  );
}

function statusOf(p: PlanPoint, d: PlanDiff | null, prev: PlanVersion | null): Status {
  if (!d || !prev || prev.points.length === 0) return null;
  if (d.added.some((x) => x.id === p.id)) return { label: "new", cls: "added" };
  const r = d.revised.find((x) => x.after.id === p.id);
  if (r) return r.unchanged ? { label: "kept", cls: "kept" } : { label: "revised", cls: "revised" };
  return null;
}

function versionColumn(v: PlanVersion, prev: PlanVersion | null, d: PlanDiff | null, index: number): HTMLElement {
  const known = v.points.length;
  return h(
    "section",
    { class: "version", id: `version-${v.id}`, "aria-labelledby": `version-title-${v.id}` },
    h(
      "header",
      { class: "version-head" },
      h("p", { class: "eyebrow" }, `Version ${index + 1}`, v.derivedFrom ? ` · from “${v.derivedFrom.name}”` : " · the original"),
      h("h2", { id: `version-title-${v.id}` }, v.name),
      h(
        "p",
        { class: "declared" },
        h("span", { class: "declared-number" }, v.declaredPoints !== null ? String(v.declaredPoints) : "?"),
        h("span", null, " points declared", h("br"), h("span", { class: "muted" }, known ? `${known} known by their content` : "none known by content")),
      ),
      v.date ? h("p", { class: "muted" }, v.date.display) : null,
      v.unconfirmed ? unconfirmedBadge() : null,
    ),
    v.summary ? h("p", { class: "version-summary" }, v.summary) : null,
    v.producedBy.length ? [h("h3", null, "Produced by"), eventList(v.producedBy)] : null,
    prev && d ? diffBox(prev, v, d) : null,
    h("h3", null, known ? `Known points (${known} of ${v.declaredPoints ?? "?"})` : "Points"),
    known ? h("ol", { class: "points" }, v.points.map((p) => pointCard(p, statusOf(p, d, prev)))) : h("p", { class: "hint" }, "The sources give none of this version's points."),
    v.stances.length ? [h("h3", null, "Stances on the whole version"), h("ul", { class: "stance-list" }, v.stances.map(stanceItem))] : null,
    citationsDisclosure(v.sources, "Sources for the version"),
  );
}

/** Who took which position on which point: the stances as one table. */
function stanceMatrix(plan: Plan): HTMLElement | null {
  const rows = plan.versions.flatMap((v) => v.points.filter((p) => p.stances.length).map((p) => ({ v, p })));
  if (rows.length === 0) return null;
  const parties = new Map<string, string>();
  for (const { p } of rows) for (const s of p.stances) parties.set(s.actor.id, s.actor.name);
  const cols = [...parties.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return h(
    "section",
    { class: "card", "aria-labelledby": "matrix-title" },
    h("h2", { id: "matrix-title" }, "Each party's stance, point by point"),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "data-table matrix" },
        h("caption", { class: "sr-only" }, "Stances by point (rows) and party (columns)"),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, "Point"), cols.map(([id, name]) => h("th", { scope: "col" }, link(`/actor/${id}`, name))))),
        h(
          "tbody",
          null,
          rows.map(({ v, p }) =>
            h(
              "tr",
              null,
              h("th", { scope: "row" }, h("a", { href: `#point-${p.id}` }, p.title ?? p.text), h("span", { class: "muted block" }, v.name)),
              cols.map(([id]) => {
                const ss = p.stances.filter((s) => s.actor.id === id);
                return h(
                  "td",
                  null,
                  ss.map((s) => h("span", { class: ["position", `pos-${s.position.toLowerCase()}`], title: s.sources.map((c) => c.source.publisher ?? c.source.title).join("; ") }, positionVerb[s.position], s.unconfirmed ? "?" : "")),
                  ss.length ? null : h("span", { class: "muted", "aria-label": "no stance" }, "—"),
                );
              }),
            ),
          ),
        ),
      ),
    ),
  );
}

export const render: Render = async ({ root, route, signal, setTitle }) => {
  const all = await fetchPlans(signal);
  if (all.length === 0) {
    setTitle("Plans");
    root.append(h("div", { class: "view-head" }, h("h1", null, "Plans"), h("p", { class: "lede" }, "No plan is recorded yet.")));
    return;
  }
  if (!route.id) {
    if (all.length === 1) {
      navigate(`/plan/${all[0].id}${location.hash}`, true);
      return;
    }
    setTitle("Plans");
    root.append(
      h("div", { class: "view-head" }, h("h1", null, "Plans")),
      h("ul", { class: "plan-list" }, all.map((p) => h("li", null, link(`/plan/${p.id}`, p.name), h("span", { class: "muted" }, ` · ${plural(p.versions.length, "version")}`)))),
    );
    return;
  }
  const plan = all.find((p) => p.id === route.id);
  if (!plan) {
    setTitle("Not found");
    root.append(notFound(`No plan has the id “${route.id}”.`));
    return;
  }
  setTitle(plan.name);
  const vs = plan.versions;
  const pairs = vs.slice(1).map((v, i) => [vs[i].id, v.id] as [string, string]);
  const [diffs, details] = await Promise.all([planDiffs(pairs, signal), Promise.all(vs.map((v) => planVersionDetails(v.id, signal)))]);
  vs.forEach((v, i) => Object.assign(v, details[i]));

  const columns = h(
    "div",
    { class: "versions" },
    vs.map((v, i) => versionColumn(v, i > 0 ? vs[i - 1] : null, i > 0 ? diffs[i - 1] : null, i)),
  );
  columns.style.setProperty("--cols", String(vs.length));
  append(root, [
    h(
      "div",
      { class: "view-head" },
      h("p", { class: "eyebrow" }, "Peace plan"),
      h("h1", null, plan.name),
      plan.summary ? h("p", { class: "lede" }, plan.summary) : null,
      h(
        "ol",
        { class: "version-flow", "aria-label": "Versions in derivation order" },
        vs.map((v) => h("li", null, h("a", { href: `#version-${v.id}` }, h("span", { class: "flow-number" }, v.declaredPoints !== null ? String(v.declaredPoints) : "?"), h("span", { class: "flow-name" }, v.name)))),
      ),
    ),
    columns,
    stanceMatrix(plan),
  ]);
};
