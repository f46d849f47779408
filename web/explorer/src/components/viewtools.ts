// Downloads and embed code for the current view.
import { h } from "../dom";
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
  const embedURL = `${location.origin}/embed/${kind}${q.toString() ? `?${q}` : ""}`;
  const height = kind === "network" ? 520 : 420;
  const code = `<iframe src="${embedURL.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" width="800" height="${height}" title="diplograph ${kind}" loading="lazy" style="border:0;max-width:100%"></iframe>`;
  const area = h("textarea", { readonly: true, rows: 3, class: "embed-code", "aria-label": "Embed code" }, code);
  const copied = h("span", { class: "hint", role: "status" });
  const viewURL = `${location.origin}/${kind}${q.toString() ? `?${q}` : ""}`;
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
    h(
      "details",
      { class: "embed" },
      h("summary", null, "Embed this view"),
      h("p", null, "Paste this into a page to show the view in a frame, with a credit line linking back here. Add ", h("code", null, "theme=dark"), " or ", h("code", null, "height=600"), " to the address to change it."),
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
    ),
  );
}
