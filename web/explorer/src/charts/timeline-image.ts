// The timeline as an image for publication: SVG, and PNG at two sizes, with
// a source line.
// Drawn from the events, not with a DOM-to-image library: those inline styles (the CSP forbids them) and copy the screen's size.
import type { EventWithParticipants } from "../api/types";
import { addDays, dayNumber, isoOfLocal } from "../dates";
import { h } from "../dom";
import { describeFilters, type Filters } from "../filters";
import { eventDate, formatDay, modalityWord, statusWord, certaintyWord } from "../format";
import { bulkOf, extentOf, isLoose, isRange, span } from "./timeline-span";

export const IMAGE_SIZES: [number, number][] = [
  [1200, 675],
  [2400, 1350],
];

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** "diplograph · as of 1 November 2025 · 1 Oct 2025 – 30 Nov 2025". */
export function sourceLine(f: Filters, nameOf: (id: string) => string): string {
  return `diplograph · as of ${formatDay(f.asOf ?? isoOfLocal(new Date()))} · ${describeFilters(f, nameOf)}`;
}

/**
 * The events on one axis, in lanes so that labels never overlap; the
 * width and height are those of the image (a 1200×675 design scaled up for
 * larger sizes).
 */
export function timelineSVG(events: EventWithParticipants[], f: Filters, nameOf: (id: string) => string, width = 1200, height = 675): string {
  const W = 1200;
  const H = Math.round((W * height) / width);
  const pad = 32;
  const top = 96;
  const bottom = H - 44;
  const ext = extentOf(events);
  const bulk = bulkOf(events) ?? ext;
  const from = f.from ?? bulk.min;
  const to = f.to ?? bulk.max;
  const d0 = dayNumber(from) - 2;
  const d1 = dayNumber(to) + 3;
  const x = (iso: string) => pad + ((dayNumber(iso) - d0) / Math.max(1, d1 - d0)) * (W - 2 * pad);
  const out: string[] = [];
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${pad}" y="40" font-size="24" font-weight="700" fill="#172033">Timeline</text>`);
  out.push(`<text x="${pad}" y="66" font-size="15" fill="#5a6678">${esc(clip(describeFilters(f, nameOf), 140))}</text>`);
  // Month ticks.
  for (let d = `${from.slice(0, 7)}-01`; dayNumber(d) <= d1; d = addDays(`${d.slice(0, 7)}-28`, 7).slice(0, 7) + "-01") {
    if (dayNumber(d) < d0) continue;
    const xx = x(d).toFixed(1);
    out.push(`<line x1="${xx}" y1="${top - 12}" x2="${xx}" y2="${bottom}" stroke="#d9e0e8"/>`);
    out.push(`<text x="${Number(xx) + 4}" y="${top - 16}" font-size="13" fill="#5a6678">${months[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}</text>`);
  }
  // Lanes: each event takes the first lane free where it begins.
  const laneH = 38;
  const lanes: number[] = [];
  const shown = events.filter((e) => !isLoose(e) && span(e).to >= from && span(e).from <= to);
  let hidden = events.length - shown.length;
  for (const e of shown) {
    const s = span(e);
    const x0 = Math.max(pad, x(s.from));
    const x1 = Math.min(W - pad, isRange(e) ? x(addDays(s.to, 1)) : x0);
    const how = e.modality && e.modality !== "IN_PERSON" ? ` · ${modalityWord[e.modality]}` : "";
    const notes = [e.status && e.status !== "HELD" ? statusWord[e.status] : "", e.certainty !== "CONFIRMED" ? certaintyWord[e.certainty] : ""].filter(Boolean);
    const label = clip(e.title, 44);
    const sub = `${eventDate(e)}${how}${notes.length ? ` · ${notes.join(" · ")}` : ""}`;
    const textW = Math.max(label.length * 7.2, sub.length * 6.2) + 16;
    let lane = lanes.findIndex((end) => end < x0);
    if (lane < 0) {
      lane = lanes.length;
      lanes.push(0);
    }
    const y = top + lane * laneH;
    if (y + laneH > bottom) {
      hidden++;
      continue;
    }
    lanes[lane] = Math.max(x1, x0 + textW);
    const muted = e.status === "CANCELLED" || e.status === "POSTPONED";
    const dash = e.certainty !== "CONFIRMED" ? ` stroke-dasharray="4 3"` : "";
    const fill = muted ? "none" : "#1f3a8a";
    if (x1 - x0 > 3) out.push(`<rect x="${x0.toFixed(1)}" y="${y + 2}" width="${(x1 - x0).toFixed(1)}" height="8" rx="3" fill="${muted ? "none" : "#c7d2f0"}" stroke="#1f3a8a"${dash}/>`);
    else out.push(`<circle cx="${x0.toFixed(1)}" cy="${y + 6}" r="5" fill="${fill}" stroke="#1f3a8a" stroke-width="2"${dash}/>`);
    const tx = Math.min(x0 + 10, W - pad - textW + 16);
    out.push(`<text x="${tx.toFixed(1)}" y="${y + 11}" font-size="13" font-weight="600" fill="#172033"${muted ? ` text-decoration="line-through"` : ""}>${esc(label)}</text>`);
    out.push(`<text x="${tx.toFixed(1)}" y="${y + 26}" font-size="11" fill="#5a6678">${esc(sub)}</text>`);
  }
  if (hidden > 0) out.push(`<text x="${W - pad}" y="${bottom + 18}" font-size="12" fill="#5a6678" text-anchor="end">${hidden} more not drawn (dated loosely, or no room): see diplograph</text>`);
  out.push(`<text x="${pad}" y="${H - 16}" font-size="13" fill="#172033">${esc(sourceLine(f, nameOf))}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">${out.join("")}</svg>`;
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function png(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = h("canvas", { width, height });
    canvas.getContext("2d")!.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error("the PNG could not be made"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Buttons that download the drawing: SVG and PNG at publication sizes. */
export function imageDownloads(events: EventWithParticipants[], f: Filters, nameOf: (id: string) => string): HTMLElement | null {
  if (events.length === 0) return null;
  const name = `diplograph-timeline-${f.asOf ?? isoOfLocal(new Date())}`;
  const button = (label: string, run: () => Promise<void> | void) => h("button", { type: "button", class: "link-button", on: { click: () => void run() } }, label);
  return h(
    "p",
    { class: "image-downloads" },
    "Download the drawing: ",
    button("SVG", () => save(new Blob([timelineSVG(events, f, nameOf)], { type: "image/svg+xml" }), `${name}.svg`)),
    IMAGE_SIZES.map(([w, hh]) => [" · ", button(`PNG ${w}×${hh}`, async () => save(await png(timelineSVG(events, f, nameOf, w, hh), w, hh), `${name}-${w}.png`))]),
  );
}
