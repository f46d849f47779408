// Downloads and embed code for the current view.
import { isISODay, isoOfLocal } from "../dates";
import { h, uniqueId } from "../dom";
import { type Filters, writeFilters } from "../filters";

const formats: [string, string, string][] = [
  ["gexf", "GEXF", "for Gephi"],
  ["graphml", "GraphML", "for Gephi, yEd, networkx"],
  ["csv", "CSV", "nodes and edges, with source links"],
  ["timelinejs", "TimelineJS", "Knight Lab timeline JSON"],
];

export function exportHref(format: string, f: Filters): string {
  const q = writeFilters(f);
  q.set("format", format);
  return `/export?${q}`;
}

export function viewTools(kind: "network" | "timeline", f: Filters, embedExtra: Record<string, string> = {}): HTMLElement {
  const q = writeFilters(f);
  for (const [k, v] of Object.entries(embedExtra)) if (v) q.set(k, v);
  return h(
    "section",
    { class: "view-tools", "aria-label": "Download and embed" },
    h(
      "div",
      { class: "downloads" },
      h("h2", { class: "tools-title" }, "Download this view"),
      h(
        "ul",
        null,
        formats.map(([fmt, label, note]) =>
          h("li", null, h("a", { href: exportHref(fmt, f), download: "", class: "download" }, label), h("span", { class: "muted" }, ` ${note}`)),
        ),
      ),
      kind === "network" && f.actors.length
        ? h("p", { class: "hint" }, "Graph formats hold the neighbourhood of the chosen actors; TimelineJS holds the events in which they all took part.")
        : null,
    ),
    embedBuilder(`/${kind}`, `/embed/${kind}`, kind === "network" ? 520 : 420, q, f.asOf),
  );
}

/**
 * "Embed this view": the iframe code for the embed at embedPath with the
 * view's query, pinned by default to today (the day of publication), and
 * the view's oEmbed address. Every view that has an embed offers it.
 */
export function embedBuilder(viewPath: string, embedPath: string, height: number, q: URLSearchParams = new URLSearchParams(), pinned?: string | null): HTMLElement {
  const area = h("textarea", { readonly: true, rows: 3, class: "embed-code", "aria-label": "Embed code" });
  const copied = h("span", { class: "hint", role: "status" });
  const viewURL = `${location.origin}${viewPath}${q.toString() ? `?${q}` : ""}`;
  // A published graphic pins itself to the day of publication, so that it
  // keeps showing what the story said even as the graph grows.
  const asOfId = uniqueId("as-of");
  const asOf = h("input", { type: "date", id: asOfId, value: pinned ?? isoOfLocal(new Date()) });
  let code = "";
  const update = () => {
    const e = new URLSearchParams(q);
    if (isISODay(asOf.value)) e.set("asOf", asOf.value);
    else e.delete("asOf");
    const embedURL = `${location.origin}${embedPath}${e.toString() ? `?${e}` : ""}`;
    code = `<iframe src="${embedURL.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" width="800" height="${height}" title="diplograph ${embedPath.split("/")[2]}" loading="lazy" style="border:0;max-width:100%"></iframe>`;
    area.value = code;
  };
  asOf.addEventListener("input", update);
  asOf.addEventListener("change", update);
  update();
  return h(
    "details",
    { class: "embed" },
    h("summary", null, "Embed this view"),
    h("p", null, "Paste this into a page to show the view in a frame, with a credit line linking back here. Add ", h("code", null, "theme=dark"), " or ", h("code", null, "height=600"), " to the address to change it."),
    h(
      "p",
      { class: "embed-as-of" },
      h("label", { for: asOfId }, "Show the graph as of "),
      asOf,
      h("span", { class: "hint" }, " (the day of publication; empty: always the latest)"),
    ),
    area,
    h(
      "p",
      null,
      h(
        "button",
        {
          type: "button",
          on: {
            click: async () => {
              area.select();
              try {
                await navigator.clipboard.writeText(code);
                copied.textContent = " Copied.";
              } catch {
                copied.textContent = " Select the code and copy it.";
              }
            },
          },
        },
        "Copy code",
      ),
      copied,
    ),
    h("p", { class: "hint" }, "oEmbed: ", h("a", { href: `/oembed?format=json&url=${encodeURIComponent(viewURL)}` }, "/oembed?url=…")),
  );
}
