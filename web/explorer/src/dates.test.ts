import { describe, expect, it } from "vitest";
import { addDays, dayNumber, endOfMonth, fromDayNumber, isISODay, startOfMonth } from "./dates";
import { eventDate, formatDay, precisionNote } from "./format";
import { bulkOf, isLoose, isRange, span } from "./charts/timeline-span";

describe("days", () => {
  it("checks ISO days", () => {
    expect(isISODay("2025-10-16")).toBe(true);
    expect(isISODay("2025-02-30")).toBe(false);
    expect(isISODay("2025-10")).toBe(false);
  });
  it("counts days without time zones", () => {
    expect(fromDayNumber(dayNumber("2025-10-31") + 1)).toBe("2025-11-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(startOfMonth("2025-10-16")).toBe("2025-10-01");
    expect(endOfMonth("2024-02-10")).toBe("2024-02-29");
    expect(formatDay("2025-10-16")).toBe("16 October 2025");
  });
});

describe("dates as precise as their sources", () => {
  const month = { value: "late 2025-10", precision: "MONTH" as const, qualifier: "LATE" as const, display: "late October 2025", earliest: "2025-10-21", latest: "2025-10-31" };
  const day = { value: "2025-10-16", precision: "DAY" as const, qualifier: null, display: "16 October 2025", earliest: "2025-10-16", latest: "2025-10-16" };
  it("draws an imprecise date as a range over the days it may denote", () => {
    expect(isRange({ date: month, end: null })).toBe(true);
    expect(span({ date: month, end: null })).toEqual({ from: "2025-10-21", to: "2025-10-31" });
    expect(isRange({ date: day, end: null })).toBe(false);
    expect(isRange({ date: day, end: month })).toBe(true);
  });
  it("labels it in words, never with a made-up day", () => {
    expect(eventDate({ date: month, end: null })).toBe("late October 2025");
    expect(eventDate({ date: day, end: month })).toBe("16 October 2025 – late October 2025");
    expect(precisionNote(month)).toBe("Sources give only the late part of the month: it may fall on any day from 21 October 2025 to 31 October 2025.");
    expect(precisionNote(day)).toBe("Sources give the day.");
  });
  it("covers the end of a period too", () => {
    const nov = { value: "2025-11", precision: "MONTH" as const, qualifier: null, display: "November 2025", earliest: "2025-11-01", latest: "2025-11-30" };
    expect(precisionNote(month, nov)).toBe("Sources give only the late part of the month it began and only the month it ended: it may span any days from 21 October 2025 to 30 November 2025.");
    expect(precisionNote(day, nov)).toBe("Sources give the first day and only the month it ended: it may span any days from 16 October 2025 to 30 November 2025.");
    expect(precisionNote(day, { ...day, value: "2025-10-18", earliest: "2025-10-18", latest: "2025-10-18" })).toBe("Sources give the first and the last day.");
    expect(precisionNote(month, month)).toBe(precisionNote(month));
  });
  it("says a range is a range", () => {
    const range = { value: "2025-10-24..2025-11-02", precision: "RANGE" as const, qualifier: null, display: "between 24 October and 2 November 2025", earliest: "2025-10-24", latest: "2025-11-02" };
    expect(precisionNote(range)).toBe("Sources give only a range: it may fall on any day from 24 October 2025 to 2 November 2025.");
    expect(isRange({ date: range, end: null })).toBe(true);
    expect(span({ date: range, end: null })).toEqual({ from: "2025-10-24", to: "2025-11-02" });
  });
});

describe("the first view of a timeline", () => {
  const at = (earliest: string, latest = earliest) => ({
    date: { value: earliest, precision: (earliest === latest ? "DAY" : "YEAR") as "DAY" | "YEAR", qualifier: null, display: earliest, earliest, latest },
    end: null,
  });
  it("leaves out events dated more loosely than a quarter", () => {
    expect(isLoose(at("2025-01-01", "2025-12-31"))).toBe(true);
    expect(isLoose(at("2025-10-01", "2025-10-31"))).toBe(false);
    expect(bulkOf([at("2025-01-01", "2025-12-31"), at("2025-10-16"), at("2025-11-23")])).toEqual({ min: "2025-10-16", max: "2025-11-23" });
    expect(bulkOf([at("2025-01-01", "2025-12-31")])).toBeNull();
  });
  it("fits most events, not the outliers", () => {
    const days = Array.from({ length: 18 }, (_, i) => at(`2025-10-${String(i + 10).padStart(2, "0")}`));
    const b = bulkOf([at("2025-02-01"), ...days, at("2026-06-01")]);
    expect(b).toEqual({ min: "2025-10-11", max: "2025-10-26" });
  });
});
