// A wide table's frame: it scrolls sideways on narrow screens, says so to
// screen readers, can be scrolled by keyboard (it takes focus), and shows
// shadows at the edges that hide columns (main.css, .table-scroll).
import { type Child, h } from "../dom";

export function tableScroll(label: string, ...table: Child[]): HTMLElement {
  return h("div", { class: "table-wrap table-scroll", tabindex: "0", role: "region", "aria-label": `${label} (scrolls sideways on narrow screens)` }, ...table);
}
