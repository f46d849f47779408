// Events per period as stacked bars, drawn as SVG from the API's activity
// answer. Each group (a type, modality or status) stacks its certain events
// solid at the foot of the bar and its possible ones hatched and outlined
// above them, so what the dates leave open never reads as a count.
import type { Activity, ActivityBucket, EventStatus, EventType, Modality } from "../api/types";
import { formatDayShort, humanize, modalityWord, statusWord, typePlural } from "../format";
import { h, uniqueId } from "../dom";

export type Grouping = "TYPE" | "MODALITY" | "STATUS";

const SVG = "http://www.w3.org/2000/svg";
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** A group's key in words: "Phone calls", "By phone", "No modality stated". */
export function groupLabel(by: Grouping, key: string | null): string {
  if (key === null) return by === "STATUS" ? "No status stated" : by === "MODALITY" ? "No modality stated" : "Not stated";
  if (by === "TYPE") return typePlural(key as EventType);
  if (by === "MODALITY") return humanize(modalityWord[key as Modality] ?? key);
  return humanize(statusWord[key as EventStatus] ?? key);
}

/** The class that gives a group its colour (--c): types keep the explorer's type colours. */
export function groupClass(by: Grouping, key: string | null): string {
  if (key === null) return "k-none";
  return by === "TYPE" ? `t-${key.toLowerCase()}` : `k-${by.toLowerCase()}-${key.toLowerCase()}`;
}

/** What the period is called: "week" or "month". */
export function periodWord(interval: Activity["interval"]): string {
  return interval.toLowerCase();
}

/** A period in words: "6 – 12 Oct 2025" (weeks), "Oct 2025". */
export function periodLabel(interval: Activity["interval"], b: { from: string; to: string }): string {
  if (interval === "WEEK") {
    const from = formatDayShort(b.from);
    return `${b.from.slice(0, 4) === b.to.slice(0, 4) ? from.slice(0, -5) : from} – ${formatDayShort(b.to)}`;
  }
  if (interval === "MONTH") return `${months[Number(b.from.slice(5, 7)) - 1]} ${b.from.slice(0, 4)}`;
  if (interval === "YEAR") return b.from.slice(0, 4);
  return formatDayShort(b.from);
}

/** The groups of the answer, most events first, so that stacks keep one order. */
export function groupOrder(a: Activity): (string | null)[] {
  const totals = new Map<string | null, number>();
  for (const b of a.buckets) for (const g of b.groups) totals.set(g.key, (totals.get(g.key) ?? 0) + g.certain + g.possible);
  return [...totals.entries()].sort((x, y) => y[1] - x[1] || String(x[0]).localeCompare(String(y[0]))).map(([k]) => k);
}

/** A round step for about four gridlines up to max. */
function tickStep(max: number): number {
  const raw = Math.max(1, max / 4);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/** A short axis label of a period's start, with the year where it changes. */
function tickLabel(interval: Activity["interval"], from: string, withYear: boolean): string {
  const month = months[Number(from.slice(5, 7)) - 1];
  const year = withYear ? ` ${from.slice(0, 4)}` : "";
  if (interval === "MONTH") return `${month}${year}`;
  if (interval === "YEAR") return from.slice(0, 4);
  return `${Number(from.slice(8, 10))} ${month}${year}`;
}

const H = 240;
const M = { top: 12, right: 8, bottom: 34, left: 34 };

/**
 * The chart. Each period is a <g class="bucket"> with its API counts in
 * data-certain and data-possible; each segment a rect of class "certain" or
 * "possible" with its group in data-key and its count in data-count.
 */
export function activityChart(a: Activity, by: Grouping, title: string): SVGSVGElement {
  const n = a.buckets.length;
  const order = groupOrder(a);
  const slot = Math.max(10, Math.min(90, 760 / Math.max(n, 1)));
  const width = M.left + M.right + n * slot;
  const plotH = H - M.top - M.bottom;
  const max = Math.max(1, ...a.buckets.map((b) => b.certain + b.possible));
  const step = tickStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (v: number) => M.top + plotH - (v / top) * plotH;

  const id = uniqueId("activity");
  const svg = s("svg", { class: "activity-chart", viewBox: `0 0 ${width} ${H}`, preserveAspectRatio: "xMinYMid meet", role: "img", "aria-labelledby": `${id}-title` });
  // Wide enough to read on a phone: the frame around it scrolls sideways.
  svg.style.setProperty("--chart-width", String(width));
  svg.append(s("title", { id: `${id}-title` }, `${title}. The table below gives the same numbers.`));

  // One hatch per group, in its colour: possible counts are hatched, never solid.
  const defs = s("defs");
  const hatch = new Map<string | null, string>();
  order.forEach((key, i) => {
    const pid = `${id}-hatch-${i}`;
    hatch.set(key, pid);
    defs.append(
      s(
        "pattern",
        { id: pid, class: groupClass(by, key), patternUnits: "userSpaceOnUse", width: 5, height: 5, patternTransform: "rotate(45)" },
        s("rect", { class: "hatch-bg", width: 5, height: 5 }),
        s("line", { class: "hatch-line", x1: 1, y1: 0, x2: 1, y2: 5 }),
      ),
    );
  });
  svg.append(defs);

  const grid = s("g", { class: "axis", "aria-hidden": "true" });
  for (let v = 0; v <= top; v += step) {
    grid.append(
      s("line", { class: v === 0 ? "baseline" : "gridline", x1: M.left, x2: width - M.right, y1: y(v), y2: y(v) }),
      s("text", { x: M.left - 5, y: y(v) + 4, "text-anchor": "end" }, String(v)),
    );
  }
  // Labels at least ~72 units apart.
  const every = Math.max(1, Math.ceil(72 / slot));
  let lastYear = "";
  a.buckets.forEach((b, i) => {
    if (i % every !== 0) return;
    const year = b.from.slice(0, 4);
    grid.append(s("text", { x: M.left + i * slot + slot / 2, y: H - M.bottom + 15, "text-anchor": "middle" }, tickLabel(a.interval, b.from, year !== lastYear)));
    lastYear = year;
  });
  svg.append(grid);

  const barW = Math.min(44, Math.max(4, slot * 0.72));
  a.buckets.forEach((b: ActivityBucket, i) => {
    const g = s("g", { class: "bucket", "data-from": b.from, "data-to": b.to, "data-certain": b.certain, "data-possible": b.possible });
    const x = M.left + i * slot + (slot - barW) / 2;
    let acc = 0;
    const seg = (key: string | null, kind: "certain" | "possible", count: number) => {
      if (count === 0) return;
      const r = s("rect", {
        class: `seg ${kind} ${groupClass(by, key)}`,
        "data-key": key ?? "",
        "data-count": count,
        x,
        y: y(acc + count),
        width: barW,
        height: y(acc) - y(acc + count),
      });
      if (kind === "possible") r.setAttribute("fill", `url(#${hatch.get(key)})`);
      r.append(s("title", {}, `${periodLabel(a.interval, b)}: ${groupLabel(by, key)}, ${count} ${kind}`));
      g.append(r);
      acc += count;
    };
    const byKey = new Map(b.groups.map((x) => [x.key, x]));
    for (const key of order) seg(key, "certain", byKey.get(key)?.certain ?? 0);
    for (const key of order) seg(key, "possible", byKey.get(key)?.possible ?? 0);
    svg.append(g);
  });
  return svg;
}

/** The legend: what solid and hatched mean, and each group's colour. */
export function activityLegend(a: Activity, by: Grouping): HTMLElement {
  const period = periodWord(a.interval);
  return h(
    "ul",
    { class: "legend activity-legend", "aria-label": "Legend" },
    h("li", null, h("span", { class: "swatch sq certain k-neutral", "aria-hidden": "true" }), `Solid, certain: every day its dates allow falls in the ${period}`),
    h("li", null, h("span", { class: "swatch sq possible k-neutral", "aria-hidden": "true" }), `Hatched and outlined, possible: it may fall in the ${period} or outside`),
    groupOrder(a).map((key) => h("li", null, h("span", { class: ["swatch", "sq", "certain", groupClass(by, key)], "aria-hidden": "true" }), groupLabel(by, key))),
  );
}

/** The same numbers as a table: one row per period, certain and possible per group. */
export function activityTable(a: Activity, by: Grouping, caption: string): HTMLTableElement {
  const order = groupOrder(a);
  const cell = (c: number, p: number) =>
    c === 0 && p === 0 ? h("span", { class: "muted" }, "0") : [String(c), p ? h("span", { class: "possible-note" }, ` + ${p} possible`) : null];
  return h(
    "table",
    { class: "data-table activity-table" },
    h("caption", null, caption),
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { scope: "col" }, humanize(periodWord(a.interval))),
        h("th", { scope: "col", class: "num" }, "Certain"),
        h("th", { scope: "col", class: "num" }, "Possible"),
        order.map((key) => h("th", { scope: "col", class: "num" }, groupLabel(by, key))),
      ),
    ),
    h(
      "tbody",
      null,
      a.buckets.map((b) => {
        const byKey = new Map(b.groups.map((x) => [x.key, x]));
        return h(
          "tr",
          { dataset: { from: b.from } },
          h("th", { scope: "row" }, periodLabel(a.interval, b)),
          h("td", { class: "num", dataset: { certain: String(b.certain) } }, String(b.certain)),
          h("td", { class: "num", dataset: { possible: String(b.possible) } }, String(b.possible)),
          order.map((key) => h("td", { class: "num" }, cell(byKey.get(key)?.certain ?? 0, byKey.get(key)?.possible ?? 0))),
        );
      }),
    ),
  );
}

/** The caption of the chart and its table. */
export function activityCaption(a: Activity, by: Grouping): string {
  const period = periodWord(a.interval);
  const what = by === "TYPE" ? "type" : by === "MODALITY" ? "how they happened" : "status";
  return `Events per ${period} by ${what}: certain (every day its dates allow falls in the ${period}) and possible (it may fall in the ${period} or outside)`;
}
