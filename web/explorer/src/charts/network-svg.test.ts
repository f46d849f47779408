import { describe, expect, it } from "vitest";
import { networkSVG, wrapLabel, xml, type SvgDrawing, type SvgFrame } from "./network-svg";

const frame: SvgFrame = { width: 1200, height: 800, pad: 36, w: 1128, h: 672, footer: 56, font: 18, background: "#fff", captionColor: "#64748b", caption: "diplograph · as of 1 Nov 2025 · <all> & \"more\"" };

const node = (name: string, x: number, lines = [name]) => ({
  name,
  x,
  y: 0,
  size: 40,
  fill: "rgb(37,99,235)",
  fillOpacity: 1,
  border: "#fff",
  borderWidth: 2,
  borderOpacity: 1,
  borderDash: [],
  lines,
  labelTop: 24,
  lineHeight: 17,
  fontSize: 17,
  fontWeight: "normal",
  color: "#1e293b",
  textOpacity: 1,
  outline: "#fff",
  outlineWidth: 3,
});

const drawing: SvgDrawing = {
  box: { x1: -100, y1: -30, w: 300, h: 100 },
  edges: [
    { x1: 0, y1: 0, x2: 100, y2: 0, color: "#94a3b8", width: 6, opacity: 0.85, dash: [] },
    { x1: 0, y1: 0, x2: 100, y2: 0, color: "#94a3b8", width: 3, opacity: 0.85, dash: [10, 5] },
  ],
  nodes: [node("Tom & Jerry <\"Ltd\">", 0), node("Ünsal 'Ö'", 100, []), node("Long name here", 50, ["Long name", "here"])],
  fontFamily: "system-ui, sans-serif",
};

describe("xml", () => {
  it("escapes markup and quotes and drops what XML cannot hold", () => {
    expect(xml(`a & b < c > d "e" 'f'`)).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
    expect(xml("x\u0000y\u001Fz\uD800")).toBe("xyz");
    expect(xml("emoji 😀 stays")).toBe("emoji 😀 stays");
  });
});

describe("wrapLabel", () => {
  const measure = (s: string) => s.length * 10;
  it("keeps a short label on one line", () => expect(wrapLabel("Xi Jinping", 170, measure)).toEqual(["Xi Jinping"]));
  it("breaks at spaces, a long word keeping a line of its own", () => {
    // As cytoscape measures it, a line's trailing space counts.
    expect(wrapLabel("Delegation of the United States to Antarctica", 170, measure)).toEqual(["Delegation of", "the United", "States to", "Antarctica"]);
    expect(wrapLabel("Supercalifragilistic word", 100, measure)).toEqual(["Supercalifragilistic", "word"]);
  });
});

describe("networkSVG", () => {
  const svg = networkSVG(drawing, frame);
  it("is the publication size, starting with the svg element", () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="800" viewBox="0 0 1200 800">/);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });
  it("escapes names and the source line", () => {
    expect(svg).toContain("<title>Tom &amp; Jerry &lt;&quot;Ltd&quot;&gt;</title>");
    expect(svg).toContain(">Tom &amp; Jerry &lt;&quot;Ltd&quot;&gt;</tspan>");
    expect(svg).toContain("<title>Ünsal &apos;Ö&apos;</title>");
    expect(svg).toContain("diplograph · as of 1 Nov 2025 · &lt;all&gt; &amp; &quot;more&quot;</text>");
    expect(svg).not.toMatch(/<(?!\/?(svg|rect|g|line|circle|title|text|tspan)\b)/);
  });
  it("names every node, draws only the labels that are drawn, one tspan a line", () => {
    expect(svg.match(/<title>/g)).toHaveLength(3);
    expect(svg.match(/<text text-anchor/g)).toHaveLength(2);
    expect(svg).toContain('>Long name</tspan>\n<tspan x="50" y="49.5">here</tspan>');
  });
  it("dashes the lines that are dashed", () => {
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg.match(/<line [^>]*stroke-dasharray="10 5"/g)).toHaveLength(1);
  });
  it("fits the graph into the frame, centred", () => {
    // 300×100 into 1128×672: 3.76 times, 1128 wide, centred vertically in the room above the source line.
    expect(svg).toContain('<g transform="translate(36 184) scale(3.76) translate(100 30)"');
  });
});
