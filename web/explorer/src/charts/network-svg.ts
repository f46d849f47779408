// The network drawing as an SVG document, written out from what cytoscape
// computed for each node and edge (network-chart.ts gathers it), framed like
// the PNG download: the graph fitted into a margin, a source line beneath.
// Hand-written because the only cytoscape SVG exporter on npm is GPL-3.0.

export interface SvgEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  width: number;
  opacity: number;
  /** The dash pattern of a dashed or dotted line, in graph units; empty when solid. */
  dash: number[];
}

export interface SvgNode {
  /** The actor's name, also when its label is not drawn (for lack of room). */
  name: string;
  x: number;
  y: number;
  /** Diameter. */
  size: number;
  fill: string;
  fillOpacity: number;
  border: string;
  borderWidth: number;
  borderOpacity: number;
  borderDash: number[];
  /** The label as drawn, one entry a line; empty when it is not drawn. */
  lines: string[];
  /** Where the top of the label's first line is, and how far apart lines are. */
  labelTop: number;
  lineHeight: number;
  fontSize: number;
  fontWeight: string;
  color: string;
  textOpacity: number;
  outline: string;
  outlineWidth: number;
}

export interface SvgDrawing {
  /** The bounds of everything drawn, labels included, in graph units. */
  box: { x1: number; y1: number; w: number; h: number };
  /** Edges first, then nodes, each in the order cytoscape paints them. */
  edges: SvgEdge[];
  nodes: SvgNode[];
  fontFamily: string;
}

export interface SvgFrame {
  width: number;
  height: number;
  /** The margin around the graph. */
  pad: number;
  /** The room the graph may take. */
  w: number;
  h: number;
  footer: number;
  font: number;
  background: string;
  captionColor: string;
  caption: string;
}

// Characters XML 1.0 does not allow at all (they cannot even be escaped), and
// surrogate pairs, which are kept (a lone surrogate is dropped).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;

/** Text made safe for an XML element or a double- or single-quoted attribute. */
export function xml(s: string): string {
  return s
    .replace(NOT_XML, (m) => (m.length === 2 ? m : ""))
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * A label broken into lines no wider than maxWidth, the way cytoscape's
 * "text-wrap: wrap" breaks it (at white space; a word too long for a line
 * keeps a line of its own).
 */
export function wrapLabel(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (measure(line) <= maxWidth) {
      out.push(line);
      continue;
    }
    let sub = "";
    let from = 0;
    for (const m of line.matchAll(/[\s\u200b]+|$/g)) {
      const word = line.substring(from, m.index);
      from = m.index + m[0].length;
      const test = sub.length === 0 ? word : sub + word + m[0];
      if (measure(test) <= maxWidth) sub += word + m[0];
      else {
        if (sub) out.push(sub);
        sub = word + m[0];
      }
    }
    if (!/^[\s\u200b]+$/.test(sub)) out.push(sub);
  }
  return out.map((l) => l.trimEnd());
}

const num = (v: number) => String(Math.round(v * 100) / 100);

const dashAttr = (dash: number[]) => (dash.length ? ` stroke-dasharray="${dash.map(num).join(" ")}"` : "");

const opacityAttr = (name: string, v: number) => (v < 1 ? ` ${name}="${num(v)}"` : "");

/** The whole image: background, the graph scaled to fit and centred, the source line. */
export function networkSVG(d: SvgDrawing, f: SvgFrame): string {
  const bw = Math.max(Math.ceil(d.box.w), 1);
  const bh = Math.max(Math.ceil(d.box.h), 1);
  const scale = Math.min(f.w / bw, f.h / bh);
  const x = Math.round((f.width - bw * scale) / 2);
  const y = Math.round(f.pad + (f.h - bh * scale) / 2);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}">`);
  out.push(`<rect x="0" y="0" width="${f.width}" height="${f.height}" fill="${xml(f.background)}"/>`);
  out.push(`<g transform="translate(${x} ${y}) scale(${Math.round(scale * 1e4) / 1e4}) translate(${num(-d.box.x1)} ${num(-d.box.y1)})" font-family="${xml(d.fontFamily)}">`);
  out.push(`<g class="edges" fill="none">`);
  for (const e of d.edges) {
    out.push(
      `<line x1="${num(e.x1)}" y1="${num(e.y1)}" x2="${num(e.x2)}" y2="${num(e.y2)}" stroke="${xml(e.color)}" stroke-width="${num(e.width)}"${opacityAttr("stroke-opacity", e.opacity)}${dashAttr(e.dash)}/>`,
    );
  }
  out.push(`</g>`);
  out.push(`<g class="nodes">`);
  for (const n of d.nodes) {
    out.push(`<g class="node"><title>${xml(n.name)}</title>`);
    const r = n.size / 2;
    const border = n.borderWidth > 0 ? ` stroke="${xml(n.border)}" stroke-width="${num(n.borderWidth)}"${opacityAttr("stroke-opacity", n.borderOpacity)}${dashAttr(n.borderDash)}` : "";
    out.push(`<circle cx="${num(n.x)}" cy="${num(n.y)}" r="${num(r)}" fill="${xml(n.fill)}"${opacityAttr("fill-opacity", n.fillOpacity)}${border}/>`);
    if (n.lines.length) {
      const outline = n.outlineWidth > 0 ? ` stroke="${xml(n.outline)}" stroke-width="${num(2 * n.outlineWidth)}" stroke-linejoin="round" paint-order="stroke"` : "";
      const weight = n.fontWeight && n.fontWeight !== "normal" ? ` font-weight="${xml(n.fontWeight)}"` : "";
      out.push(`<text text-anchor="middle" dominant-baseline="central" font-size="${num(n.fontSize)}"${weight} fill="${xml(n.color)}"${opacityAttr("opacity", n.textOpacity)}${outline}>`);
      // Each line's em box sits a line height under the one before; "central" puts its middle there.
      n.lines.forEach((line, i) => out.push(`<tspan x="${num(n.x)}" y="${num(n.labelTop + n.fontSize / 2 + i * n.lineHeight)}">${xml(line)}</tspan>`));
      out.push(`</text>`);
    }
    out.push(`</g>`);
  }
  out.push(`</g></g>`);
  out.push(
    `<text x="${f.pad}" y="${num(f.height - f.footer / 2)}" dominant-baseline="central" font-size="${f.font}" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" fill="${xml(f.captionColor)}">${xml(f.caption)}</text>`,
  );
  out.push(`</svg>`);
  return out.join("\n");
}
