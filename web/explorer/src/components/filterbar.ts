// The filters of the chart views: a date range slider (two thumbs on one
// track, each a native range input, so arrows, Page Up/Down, Home and End
// work), exact date fields, event type toggles and, where the view offers
// it, "Confirmed only".
import { EVENT_TYPES, type EventType } from "../api/types";
import { dayNumber, endOfMonth, fromDayNumber, isISODay, startOfMonth } from "../dates";
import { debounce, h, uniqueId } from "../dom";
import type { Filters } from "../filters";
import { formatDayShort, typePlural } from "../format";

export interface FilterBar {
  el: HTMLElement;
}

export function filterBar(opts: {
  filters: Filters;
  extent: { earliest: string; latest: string } | null;
  onChange(f: Filters): void;
  /** Offer the "Confirmed only" toggle (Filters.confirmed). */
  confirmed?: boolean;
}): FilterBar {
  let f: Filters = { ...opts.filters, types: [...opts.filters.types], actors: [...opts.filters.actors] };
  const ext = opts.extent ?? { earliest: "2025-01-01", latest: "2025-12-31" };
  let lo = dayNumber(startOfMonth(ext.earliest));
  let hi = dayNumber(endOfMonth(ext.latest));
  // Keep a chosen range that lies outside the data reachable.
  if (f.from) lo = Math.min(lo, dayNumber(f.from));
  if (f.to) hi = Math.max(hi, dayNumber(f.to));

  const emit = () => opts.onChange({ ...f, types: [...f.types], actors: [...f.actors] });
  const emitSoon = debounce(emit, 250);

  const mkRange = (label: string, value: number) =>
    h("input", { type: "range", min: String(lo), max: String(hi), step: "1", value: String(value), "aria-label": label, class: "range-thumb" });
  const fromRange = mkRange("First day", f.from ? dayNumber(f.from) : lo);
  const toRange = mkRange("Last day", f.to ? dayNumber(f.to) : hi);
  const fromId = uniqueId("from");
  const toId = uniqueId("to");
  const fromDate = h("input", { type: "date", id: fromId, min: fromDayNumber(lo), max: fromDayNumber(hi), value: f.from ?? "" });
  const toDate = h("input", { type: "date", id: toId, min: fromDayNumber(lo), max: fromDayNumber(hi), value: f.to ?? "" });
  const summary = h("output", { class: "range-summary", "aria-live": "polite" });
  const track = h("div", { class: "range-fill", "aria-hidden": "true" });

  const sync = () => {
    const a = f.from ? dayNumber(f.from) : lo;
    const b = f.to ? dayNumber(f.to) : hi;
    fromRange.value = String(a);
    toRange.value = String(b);
    fromRange.setAttribute("aria-valuetext", formatDayShort(fromDayNumber(a)));
    toRange.setAttribute("aria-valuetext", formatDayShort(fromDayNumber(b)));
    fromDate.value = f.from ?? "";
    toDate.value = f.to ?? "";
    summary.textContent = f.from || f.to ? `${formatDayShort(fromDayNumber(a))} – ${formatDayShort(fromDayNumber(b))}` : "All dates";
    // The filled part of the track, as a fraction: custom properties are
    // set through the CSSOM, which the CSP allows.
    const span = Math.max(hi - lo, 1);
    track.style.setProperty("--lo", String((a - lo) / span));
    track.style.setProperty("--hi", String((b - lo) / span));
    allDates.disabled = !f.from && !f.to;
  };

  const fromSlider = () => {
    let a = Number(fromRange.value);
    const b = Number(toRange.value);
    if (a > b) a = b;
    f.from = a <= lo ? null : fromDayNumber(a);
    sync();
    emitSoon();
  };
  const toSlider = () => {
    const a = Number(fromRange.value);
    let b = Number(toRange.value);
    if (b < a) b = a;
    f.to = b >= hi ? null : fromDayNumber(b);
    sync();
    emitSoon();
  };
  fromRange.addEventListener("input", fromSlider);
  toRange.addEventListener("input", toSlider);
  fromDate.addEventListener("change", () => {
    f.from = isISODay(fromDate.value) ? fromDate.value : null;
    if (f.from && f.to && f.from > f.to) f.to = f.from;
    sync();
    emit();
  });
  toDate.addEventListener("change", () => {
    f.to = isISODay(toDate.value) ? toDate.value : null;
    if (f.from && f.to && f.to < f.from) f.from = f.to;
    sync();
    emit();
  });

  const allDates = h(
    "button",
    {
      type: "button",
      class: "link-button",
      on: {
        click: () => {
          f.from = null;
          f.to = null;
          sync();
          emit();
        },
      },
    },
    // The summary beside it already reads "All dates" when no date is set.
    "Clear dates",
  );

  const typeBoxes = EVENT_TYPES.map((t) => {
    const box = h("input", { type: "checkbox", value: t, checked: f.types.includes(t) });
    box.addEventListener("change", () => {
      const chosen = typeBoxes.filter((b) => b.box.checked).map((b) => b.box.value as EventType);
      f.types = chosen;
      clearTypes.disabled = chosen.length === 0;
      typesHint.textContent = describeTypes(chosen);
      emit();
    });
    return { box, label: h("label", { class: ["chip", `t-${t.toLowerCase()}`] }, box, h("span", null, typePlural(t))) };
  });
  const clearTypes = h(
    "button",
    {
      type: "button",
      class: "link-button",
      disabled: f.types.length === 0,
      on: {
        click: () => {
          for (const b of typeBoxes) b.box.checked = false;
          f.types = [];
          clearTypes.disabled = true;
          typesHint.textContent = describeTypes([]);
          emit();
        },
      },
    },
    "All types",
  );

  const typesHint = h("span", { class: "hint types-hint" }, describeTypes(f.types));
  const confirmedBox = h("input", { type: "checkbox", id: uniqueId("confirmed"), checked: f.confirmed === true });
  confirmedBox.addEventListener("change", () => {
    f.confirmed = confirmedBox.checked || undefined;
    emit();
  });

  const el = h(
    "section",
    { class: "filters", "aria-label": "Filters" },
    h(
      "div",
      { class: "filter-dates" },
      h("div", { class: "filter-head" }, h("span", { class: "filter-title" }, "Dates"), summary, allDates),
      h("div", { class: "dual-range" }, track, fromRange, toRange),
      h(
        "div",
        { class: "range-ends" },
        h("label", { for: fromId }, "From ", fromDate),
        h("label", { for: toId }, "To ", toDate),
      ),
    ),
    h(
      "details",
      // Folded on small screens, where the chips would fill the first view.
      { class: "filter-types-wrap", open: window.matchMedia("(min-width: 721px)").matches || f.types.length > 0 },
      h("summary", { class: "filter-title" }, "Event types ", typesHint),
      h(
        "fieldset",
        { class: "filter-types" },
        h("legend", { class: "sr-only" }, "Event types"),
        h("div", { class: "chips" }, typeBoxes.map((b) => b.label)),
        clearTypes,
      ),
    ),
    opts.confirmed
      ? h(
          "div",
          { class: "filter-confirmed" },
          h("label", { for: confirmedBox.id, class: "chip" }, confirmedBox, h("span", null, "Confirmed only")),
          h("span", { class: "hint" }, " hides what sources only report, plan or speculate"),
        )
      : null,
  );
  sync();
  return { el };
}

/** What the type toggles select, in words. */
function describeTypes(types: EventType[]): string {
  if (types.length === 0) return "(none ticked: all shown)";
  return `(${types.length} ticked: ${types.map((t) => typePlural(t).toLowerCase()).join(", ")})`;
}
