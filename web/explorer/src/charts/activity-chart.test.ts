import { describe, expect, it } from "vitest";
import type { Activity } from "../api/types";
import { groupClass, groupLabel, groupOrder, periodLabel } from "./activity-chart";

const activity: Activity = {
  interval: "WEEK",
  groupBy: "MODALITY",
  buckets: [
    { from: "2025-10-06", to: "2025-10-12", certain: 2, possible: 1, groups: [{ key: "PHONE", certain: 2, possible: 0 }, { key: null, certain: 0, possible: 1 }] },
    { from: "2025-10-13", to: "2025-10-19", certain: 1, possible: 2, groups: [{ key: null, certain: 1, possible: 2 }] },
  ],
};

describe("activity chart", () => {
  it("names periods without repeating the year", () => {
    expect(periodLabel("WEEK", { from: "2025-10-06", to: "2025-10-12" })).toBe("6 Oct – 12 Oct 2025");
    expect(periodLabel("WEEK", { from: "2025-12-29", to: "2026-01-04" })).toBe("29 Dec 2025 – 4 Jan 2026");
    expect(periodLabel("MONTH", { from: "2025-11-01", to: "2025-11-30" })).toBe("Nov 2025");
  });
  it("stacks groups in one order, most events first", () => {
    expect(groupOrder(activity)).toEqual([null, "PHONE"]);
  });
  it("names groups and gives the unstated a class of their own", () => {
    expect(groupLabel("MODALITY", null)).toBe("No modality stated");
    expect(groupLabel("MODALITY", "PHONE")).toBe("By phone");
    expect(groupLabel("TYPE", "PHONE_CALL")).toBe("Phone calls");
    expect(groupLabel("STATUS", "CANCELLED")).toBe("Cancelled");
    expect(groupClass("TYPE", "PHONE_CALL")).toBe("t-phone_call");
    expect(groupClass("STATUS", null)).toBe("k-none");
  });
});
