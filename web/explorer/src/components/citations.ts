// Sources as the explorer shows them: publisher, title (linked), date, the
// quote that supports the fact, and how the source states it (confirmed,
// reported, speculated...). Badges say how certain a fact is when the
// sources do not confirm it.
import type { Certainty, Citation, EventStatus } from "../api/types";
import { externalLink, h } from "../dom";
import { certaintyMeaning, certaintyWord, confirmationMeaning, humanize, statusMeaning, statusWord } from "../format";

/** "reported", "speculated"...: nothing for a confirmed fact. */
export function certaintyBadge(c: Certainty, title = certaintyMeaning[c]): HTMLElement | null {
  if (c === "CONFIRMED") return null;
  return h("span", { class: ["badge", "certainty", `c-${c.toLowerCase()}`], title }, certaintyWord[c]);
}

/** Some sources deny the fact while others support it. */
export function contestedBadge(contested: boolean): HTMLElement | null {
  if (!contested) return null;
  return h("span", { class: "badge contested", title: "Some sources deny it while others support it." }, "contested");
}

/** An event that did not simply take place: planned, postponed, cancelled, unverified. */
export function statusBadge(s: EventStatus | null): HTMLElement | null {
  if (!s || s === "HELD") return null;
  return h("span", { class: ["badge", "status", `s-${s.toLowerCase()}`], title: statusMeaning[s] }, statusWord[s]);
}

/** The badges of a fact: its certainty, and whether it is contested. */
export function factBadges(f: { certainty: Certainty; contested?: boolean }): (HTMLElement | string)[] {
  const out: (HTMLElement | string)[] = [];
  for (const b of [certaintyBadge(f.certainty), contestedBadge(f.contested ?? false)]) if (b) out.push(" ", b);
  return out;
}

/** How the source states the fact: quiet when it confirms it, a badge otherwise. */
export function confirmation(c: Certainty): HTMLElement {
  if (c === "CONFIRMED") return h("span", { class: "confirmation c-confirmed", title: confirmationMeaning[c] }, "confirmed");
  return h("span", { class: ["badge", "certainty", "confirmation", `c-${c.toLowerCase()}`], title: confirmationMeaning[c] }, certaintyWord[c]);
}

export function citation(c: Citation): HTMLElement {
  const s = c.source;
  // Without a title, the label names the source (its publisher and date, or its URL).
  const name = s.title ?? s.label;
  const titleEl = s.url ? externalLink(s.url, name) : h("span", null, name);
  return h(
    "li",
    { class: "citation", dataset: { confirmation: c.confirmation.toLowerCase() } },
    h(
      "div",
      { class: "citation-head" },
      s.title && s.publisher ? h("span", { class: "publisher" }, s.publisher) : null,
      h("cite", null, titleEl),
      s.title && s.published ? h("span", { class: "published" }, s.published.display) : null,
      h("span", { class: "source-kind" }, humanize(s.kind)),
      confirmation(c.confirmation),
    ),
    c.quote ? h("blockquote", { lang: c.language ?? s.language ?? undefined }, `“${c.quote}”`) : null,
    c.translation ? h("p", { class: "translation" }, h("span", { class: "muted" }, "In English: "), `“${c.translation}”`) : null,
    c.note ? h("p", { class: "citation-note" }, h("span", { class: "muted" }, "Note: "), c.note) : null,
    s.url ? null : h("p", { class: "hint" }, "No link: the source is not online or its address is not recorded."),
  );
}

export function citations(list: Citation[], empty = "No source recorded."): HTMLElement {
  if (list.length === 0) return h("p", { class: "hint" }, empty);
  return h("ul", { class: "citations" }, list.map(citation));
}

/** Sources folded away behind a count, for dense lists. */
export function citationsDisclosure(list: Citation[], label = "Sources"): HTMLElement | null {
  if (list.length === 0) return null;
  return h("details", { class: "sources-disclosure" }, h("summary", null, `${label} (${list.length})`), citations(list));
}
