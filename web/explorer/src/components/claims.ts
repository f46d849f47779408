// Where sources disagree: every value of a disputed field with its own
// sources, the one editors prefer marked, and no working value when none is
// preferred. An answer says what the sources say, never more.
import type { Claim, Dispute } from "../api/types";
import { h } from "../dom";
import { fieldLabel } from "../format";
import { citations, citationsDisclosure, factBadges } from "./citations";

/**
 * One value with its sources: quoted in full, or folded behind their count
 * (fold) where many values share a narrow column, as in the plan view.
 */
export function claimItem(c: Claim, fold = false): HTMLElement {
  return h(
    "li",
    { class: ["disputed-value", c.preferred && "preferred", c.rank === "DEPRECATED" && "deprecated"] },
    h(
      "div",
      { class: "claim-head" },
      c.rank === "DEPRECATED" ? h("del", null, c.display) : h("strong", null, c.display),
      c.preferred ? [" ", h("span", { class: "badge preferred" }, "preferred by the editors")] : null,
      c.rank === "DEPRECATED" ? [" ", h("span", { class: "badge deprecated", title: "Kept for the record: known to be wrong." }, "known to be wrong")] : null,
      factBadges(c),
    ),
    c.translation ? h("p", { class: "translation" }, h("span", { class: "muted" }, "In English: "), c.translation) : null,
    c.note ? h("p", { class: "citation-note" }, h("span", { class: "muted" }, "Editors' note: "), c.note) : null,
    fold && c.sources.length ? citationsDisclosure(c.sources, "Sources") : citations(c.sources),
  );
}

/**
 * One dispute: what it is about, whether it is resolved, and every value
 * (fold: their sources folded away, and the values too once resolved).
 */
export function disputeItem(d: Dispute, nameOf?: (id: string) => string, fold = false): HTMLElement {
  const preferred = d.values.find((v) => v.preferred);
  return h(
    "div",
    { class: ["dispute", d.resolved ? "resolved" : "unresolved"], dataset: { field: d.field } },
    h(
      "p",
      null,
      h("strong", null, fieldLabel(d.field, nameOf)),
      ": ",
      d.resolved && preferred
        ? `the sources disagree; the editors prefer ${preferred.display}.`
        : `the sources disagree and no value is preferred, so none is given as fact.`,
    ),
    // Folded, a resolved dispute's values wait behind their count: the
    // preferred one is given above, and the others are a click away.
    fold && d.resolved
      ? h("details", { class: "sources-disclosure" }, h("summary", null, `All ${d.values.length} values, with their sources`), h("ul", { class: "disputed-values" }, d.values.map((v) => claimItem(v, fold))))
      : h("ul", { class: "disputed-values" }, d.values.map((v) => claimItem(v, fold))),
  );
}

export function disputesBlock(disputes: Dispute[], nameOf?: (id: string) => string, title = "Where the sources disagree", fold = false): HTMLElement | null {
  if (disputes.length === 0) return null;
  return h("div", { class: "disputes" }, h("h3", null, title), disputes.map((d) => disputeItem(d, nameOf, fold)));
}

/** The dispute on a field, if sources disagree on it. */
export function disputeOn(disputes: Dispute[], field: string): Dispute | undefined {
  return disputes.find((d) => d.field === field);
}

/**
 * The sources of an undisputed field's value (its claims), folded away:
 * with the value as the sources word it when that differs from what is shown.
 */
export function claimSources(claims: Claim[], field: string, shown?: string): HTMLElement | null {
  const mine = claims.filter((c) => c.field === field);
  if (mine.length === 0) return null;
  const sources = mine.flatMap((c) => c.sources);
  const worded = mine.map((c) => c.display).filter((d) => shown !== undefined && d !== shown);
  return h(
    "span",
    { class: "claim-sources" },
    worded.length ? h("span", { class: "hint block" }, "As the sources put it: ", worded.map((w, i) => [i ? "; " : "", `“${w}”`])) : null,
    mine.some((c) => c.certainty !== "CONFIRMED" || c.contested) ? h("span", null, mine.map((c) => factBadges(c))) : null,
    mine.map((c) => (c.note ? h("span", { class: "hint block" }, "Editors' note: ", c.note) : null)),
    citationsDisclosure(sources, "Sources for this"),
  );
}
