// The plan view: a plan's versions side by side in derivation order, what
// changed from the version each derives from (planDiff), and each party's
// stance on each point, with sources.
import { planDiffs, plans as fetchPlans, planVersionDetails } from "../api/queries";
import type { Citation, Claim, Dispute, Plan, PlanDiff, PlanPoint, PlanVersion, PointName, Stance, SubPoint, TermBrief } from "../api/types";
import { certaintyBadge, citations, citationsDisclosure, factBadges } from "../components/citations";
import { claimItem, disputesBlock } from "../components/claims";
import { eventList } from "../components/eventlist";
import { tableScroll } from "../components/tablescroll";
import { append, h, link } from "../dom";
import { certaintyWord, humanize, plural, positionVerb } from "../format";
import { navigate } from "../router";
import { notFound } from "./notfound";
import { embedBuilder } from "../components/viewtools";
import type { Render } from "./view";

/**
 * Who took which position, and when; what they said and the sources are
 * folded away, so that a point with many stances still reads at a glance
 * beside the other versions.
 */
function stanceItem(s: Stance): HTMLElement {
  return h(
    "li",
    { class: "stance" },
    link(`/actor/${s.actor.id}`, s.actor.name),
    " ",
    h("span", { class: ["position", `pos-${s.position.toLowerCase()}`] }, positionVerb[s.position]),
    s.date ? h("span", { class: "muted" }, ` · ${s.date.display}`) : null,
    factBadges(s),
    s.summary
      ? h("details", { class: "sources-disclosure" }, h("summary", null, `What they said, and sources (${s.sources.length})`), h("p", { class: "stance-summary" }, s.summary), citations(s.sources))
      : citationsDisclosure(s.sources),
  );
}

type Status = { label: string; cls: string } | null;

/** How a point is named: its title, else its text, else its label. */
export function pointName(p: Pick<PointName, "title" | "text" | "label">): string {
  return p.title ?? p.text ?? (p.label ? `Point ${p.label}` : "A point whose wording the sources dispute");
}

/** "1." or "b)" before a point's name. */
function pointNumber(p: Pick<PointName, "number" | "label">): HTMLElement | null {
  if (p.number !== null) return h("span", { class: "point-number" }, `${p.number}.`);
  if (p.label) return h("span", { class: "point-number" }, `${p.label})`);
  return null;
}

/** A point's text, or why there is none. */
function pointText(p: SubPoint | PlanPoint): HTMLElement | null {
  if (p.text === null) return h("p", { class: "point-text disputed-field" }, "The sources disagree on its wording; no text is given as fact.");
  return p.title ? h("p", { class: "point-text" }, p.text) : null;
}

/** A point's numeric terms; a disputed one with every value and its sources (sub-points give none). */
function termsList(terms: (TermBrief & { claims?: Claim[] })[], disputes: Dispute[] = []): HTMLElement | null {
  if (terms.length === 0) return null;
  return h(
    "ul",
    { class: "inline-list terms", "aria-label": "Terms" },
    terms.map((t) =>
      h(
        "li",
        null,
        h("span", { class: "muted" }, `${humanize(t.name.replace(/-/g, " "))}: `),
        t.value ? t.value.display : t.disputed ? h("span", { class: "disputed-field" }, "disputed: the sources disagree") : "not given",
        // Listed with the point's disputes when it has one on this term.
        t.disputed && t.claims?.length && !disputes.some((d) => d.field === `terms/${t.name}`) ? h("ul", { class: "disputed-values" }, t.claims.map((c) => claimItem(c, true))) : null,
      ),
    ),
  );
}

function subpointItem(p: SubPoint): HTMLElement {
  return h(
    "li",
    { class: "subpoint", id: `point-${p.id}` },
    pointNumber(p),
    " ",
    p.title ? h("strong", null, p.title) : p.text ?? pointName(p),
    factBadges(p),
    p.title || p.text === null ? pointText(p) : null,
    termsList(p.terms),
    citationsDisclosure(p.sources, "Sources for the sub-point"),
  );
}

type NameOf = (id: string) => string;

function pointCard(p: PlanPoint, status: Status, nameOf: NameOf): HTMLElement {
  return h(
    "li",
    { class: "point", id: `point-${p.id}` },
    h(
      "div",
      { class: "point-head" },
      pointNumber(p),
      h("h4", null, pointName(p)),
      status ? h("span", { class: ["badge", status.cls] }, status.label) : null,
      certaintyBadge(p.certainty),
    ),
    pointText(p),
    termsList(p.terms, p.disputes),
    p.subpoints.length ? h("ol", { class: "subpoints", "aria-label": "Sub-points" }, p.subpoints.map(subpointItem)) : null,
    disputesBlock(p.disputes, nameOf, undefined, true),
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
  const fateSources = (id: string): Citation[] => d.fates.find((f) => f.point.id === id)?.sources ?? [];
  const fateClaims = (id: string): Claim[] => d.fates.find((f) => f.point.id === id)?.claims ?? [];
  const named = (p: PointName, ...rest: (Node | string | null)[]) => h("li", null, ...rest, citationsDisclosure(fateSources(p.id), "Sources"));
  const lists = h(
    "div",
    { class: "diff-lists" },
    d.added.length ? h("p", null, h("strong", null, `Added: ${d.added.length}`), " (marked below)") : null,
    d.revised.length
      ? [h("p", null, h("strong", null, `Revised: ${d.revised.length}`)), h("ul", null, d.revised.map((r) => named(r.before, pointName(r.before), r.unchanged ? " (same text)" : "")))]
      : null,
    d.removed.length
      ? [
          h("p", null, h("strong", null, `Dropped: ${d.removed.length}`), h("span", { class: "muted" }, " (a source says so, or the full text lacks them)")),
          h("ul", { class: "removed" }, d.removed.map((p) => named(p, h("del", null, pointName(p))))),
        ]
      : null,
    d.unknown.length
      ? [
          h("p", null, h("strong", null, `Fate unknown: ${d.unknown.length}`), h("span", { class: "muted" }, " (the sources do not say whether they were kept, revised or dropped)")),
          h("ul", { class: "unknown" }, d.unknown.map((p) => named(p, pointName(p)))),
        ]
      : null,
    d.disputed.length
      ? [
          h("p", null, h("strong", null, `Fate disputed: ${d.disputed.length}`), h("span", { class: "muted" }, " (the sources disagree on what became of them)")),
          h("ul", { class: "disputed" }, d.disputed.map((p) => h("li", null, pointName(p), h("ul", { class: "disputed-values" }, fateClaims(p.id).map((c) => claimItem(c, true)))))),
        ]
      : null,
    !d.added.length && !d.revised.length && !d.removed.length && !d.unknown.length && !d.disputed.length ? h("p", { class: "hint" }, "No known point changed.") : null,
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

function versionColumn(v: PlanVersion, prev: PlanVersion | null, d: PlanDiff | null, index: number, nameOf: NameOf): HTMLElement {
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
      v.dates.length
        ? h(
            "ul",
            { class: "inline-list version-dates muted" },
            v.dates.map((x) => h("li", null, `${humanize(x.kind)} ${x.date.display}`, x.disputed ? h("span", { class: "disputed-field" }, " (disputed)") : null)),
          )
        : v.date
          ? h("p", { class: "muted" }, v.date.display)
          : null,
      certaintyBadge(v.certainty),
    ),
    v.summary ? h("p", { class: "version-summary" }, v.summary) : null,
    v.authors.length ? [h("h3", null, "Drafted by, per the sources"), h("ul", { class: "disputed-values" }, v.authors.map((c) => claimItem(c, true)))] : null,
    disputesBlock(v.disputes, nameOf, undefined, true),
    v.producedBy.length ? [h("h3", null, "Produced by"), eventList(v.producedBy)] : null,
    prev && d ? diffBox(prev, v, d) : null,
    h("h3", null, known ? `Known points (${known} of ${v.declaredPoints ?? "?"})` : "Points"),
    known ? h("ol", { class: "points" }, v.points.map((p) => pointCard(p, statusOf(p, d, prev), nameOf))) : h("p", { class: "hint" }, "The sources give none of this version's points."),
    known && v.complete ? h("p", { class: "hint" }, "Its full text is known.") : null,
    v.stances.length ? [h("h3", null, "Stances on the whole version"), h("ul", { class: "stance-list" }, v.stances.map(stanceItem))] : null,
    citationsDisclosure(v.sources, "Sources for the version"),
  );
}

/**
 * The versions as they derive from one another: a chain, which branches
 * where several versions derive from the same one.
 */
function versionFlow(vs: PlanVersion[], parents: (PlanVersion | null)[]): HTMLElement {
  const children = new Map<string | null, PlanVersion[]>();
  vs.forEach((v, i) => {
    const key = parents[i]?.id ?? null;
    children.set(key, [...(children.get(key) ?? []), v]);
  });
  const pill = (v: PlanVersion) =>
    h("a", { href: `#version-${v.id}` }, h("span", { class: "flow-number" }, v.declaredPoints !== null ? String(v.declaredPoints) : "?"), h("span", { class: "flow-name" }, v.name));
  const chain = (v: PlanVersion): HTMLElement[] => {
    const kids = children.get(v.id) ?? [];
    const out: HTMLElement[] = [h("li", null, pill(v))];
    if (kids.length === 1) out.push(...chain(kids[0]));
    else if (kids.length > 1)
      out.push(
        h(
          "li",
          { class: "flow-branches" },
          h("ul", { "aria-label": `Derived from ${v.name}` }, kids.map((k) => h("li", null, h("ol", { class: "version-flow" }, chain(k))))),
        ),
      );
    return out;
  };
  const roots = children.get(null) ?? [];
  if (roots.length === 1) return h("ol", { class: "version-flow", "aria-label": "Versions in derivation order" }, chain(roots[0]));
  return h(
    "ul",
    { class: "flow-roots", "aria-label": "Versions in derivation order" },
    roots.map((r) => h("li", null, h("ol", { class: "version-flow" }, chain(r)))),
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
    tableScroll(
      "Stances by point and party",
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
              h("th", { scope: "row" }, h("a", { href: `#point-${p.id}` }, pointName(p)), h("span", { class: "muted block" }, v.name)),
              cols.map(([id]) => {
                const ss = p.stances.filter((s) => s.actor.id === id);
                return h(
                  "td",
                  null,
                  ss.map((s) =>
                    h(
                      "span",
                      {
                        class: ["position", `pos-${s.position.toLowerCase()}`],
                        title: [s.certainty !== "CONFIRMED" ? `${certaintyWord[s.certainty]}:` : "", s.sources.map((c) => c.source.publisher ?? c.source.label).join("; ")].filter(Boolean).join(" "),
                      },
                      positionVerb[s.position],
                      s.certainty !== "CONFIRMED" ? ` (${certaintyWord[s.certainty]})` : "",
                    ),
                  ),
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
  // Each version is compared with the one it derives from, which need not be
  // the column before it (two versions may derive from the same one).
  const parents = vs.map((v) => (v.derivedFrom ? (vs.find((x) => x.id === v.derivedFrom!.id) ?? null) : null));
  const pairs = vs.flatMap((v, i) => (parents[i] ? [[parents[i]!.id, v.id] as [string, string]] : []));
  const [found, details] = await Promise.all([planDiffs(pairs, signal), Promise.all(vs.map((v) => planVersionDetails(v.id, signal)))]);
  vs.forEach((v, i) => Object.assign(v, details[i]));
  const diffs = new Map(pairs.map(([, to], i) => [to, found[i]]));
  // Disputes on a point's fate name it: "6. Armed forces capped at 600,000".
  const names = new Map<string, string>();
  for (const v of vs)
    for (const p of v.points) {
      names.set(p.id, `${p.number !== null ? `${p.number}. ` : ""}${pointName(p)}`);
      for (const sp of p.subpoints) names.set(sp.id, `${p.number !== null ? p.number : ""}${sp.label ? `${sp.label})` : ""} ${pointName(sp)}`.trim());
    }
  const nameOf = (id: string) => names.get(id) ?? id;

  const columns = h(
    "div",
    { class: "versions" },
    vs.map((v, i) => versionColumn(v, parents[i], diffs.get(v.id) ?? null, i, nameOf)),
  );
  columns.style.setProperty("--cols", String(vs.length));
  append(root, [
    h(
      "div",
      { class: "view-head" },
      h("p", { class: "eyebrow" }, "Peace plan"),
      h("h1", null, plan.name),
      plan.summary ? h("p", { class: "lede" }, plan.summary) : null,
      versionFlow(vs, parents),
    ),
    columns,
    stanceMatrix(plan),
    h("section", { class: "view-tools", "aria-label": "Embed" }, embedBuilder(`/plan/${plan.id}`, `/embed/plan/${plan.id}`, 640)),
  ]);
};
