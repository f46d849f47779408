// Sources as the explorer shows them: publisher, title (linked), date,
// the quote that supports the fact, and whether the source only reports it.
import type { Citation } from "../api/types";
import { externalLink, h } from "../dom";
import { humanize } from "../format";

export function unconfirmedBadge(title = "A source only reports this (“reportedly”); it is not confirmed."): HTMLElement {
  return h("span", { class: "badge unconfirmed", title }, "unconfirmed");
}

export function citation(c: Citation): HTMLElement {
  const s = c.source;
  const titleEl = s.url ? externalLink(s.url, s.title) : h("span", null, s.title);
  return h(
    "li",
    { class: "citation" },
    h(
      "div",
      { class: "citation-head" },
      s.publisher ? h("span", { class: "publisher" }, s.publisher) : null,
      h("cite", null, titleEl),
      s.published ? h("span", { class: "published" }, s.published.display) : null,
      h("span", { class: "source-kind" }, humanize(s.kind)),
      c.unconfirmed ? unconfirmedBadge("The source only reports this (“reportedly”).") : null,
    ),
    c.quote ? h("blockquote", null, `“${c.quote}”`) : null,
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
