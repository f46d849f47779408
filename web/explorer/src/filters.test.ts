import { describe, expect, it } from "vitest";
import { describeFilters, eventFilter, filterQuery, networkFilter, parseFilters, writeFilters } from "./filters";

describe("filters in the URL", () => {
  it("round-trips through the query string", () => {
    const f = parseFilters(new URLSearchParams("from=2025-10-01&to=2025-11-30&types=phone_call,MEETING&actors=trump,putin"));
    expect(f).toEqual({ from: "2025-10-01", to: "2025-11-30", types: ["PHONE_CALL", "MEETING"], actors: ["trump", "putin"] });
    expect(writeFilters(f).toString()).toBe("from=2025-10-01&to=2025-11-30&types=phone_call%2Cmeeting&actors=trump%2Cputin");
    expect(parseFilters(writeFilters(f))).toEqual(f);
  });

  it("drops what is not a date, a type or an id, and orders the range", () => {
    const f = parseFilters(new URLSearchParams("from=2025-02-30&to=2025-10-01&types=dinner,talks&actors=Not An Id,witkoff"));
    expect(f).toEqual({ from: null, to: "2025-10-01", types: ["TALKS"], actors: ["witkoff"] });
    const swapped = parseFilters(new URLSearchParams("from=2025-11-30&to=2025-10-01"));
    expect([swapped.from, swapped.to]).toEqual(["2025-10-01", "2025-11-30"]);
  });

  it("keeps other parameters when writing", () => {
    const q = new URLSearchParams("path=driscoll,dmitriev&types=talks");
    writeFilters({ from: "2025-10-01", to: null, types: [], actors: [] }, q);
    expect(q.get("path")).toBe("driscoll,dmitriev");
    expect(q.has("types")).toBe(false);
    expect(filterQuery({ from: null, to: null, types: [], actors: [] })).toBe("");
  });
});

describe("filters for the API", () => {
  const f = { from: "2025-10-01", to: "2025-11-30", types: ["PHONE_CALL" as const], actors: ["trump"] };
  it("maps actors to 'all took part' for events", () => {
    expect(eventFilter(f)).toEqual({ dates: { from: "2025-10-01", to: "2025-11-30" }, types: ["PHONE_CALL"], actors: ["trump"] });
  });
  it("maps actors to a neighbourhood for the network", () => {
    expect(networkFilter(f)).toEqual({ dates: { from: "2025-10-01", to: "2025-11-30" }, types: ["PHONE_CALL"], actors: ["trump"], hops: 1 });
    expect(networkFilter({ ...f, actors: [] })).toEqual({ dates: { from: "2025-10-01", to: "2025-11-30" }, types: ["PHONE_CALL"] });
  });
  it("says what it selects", () => {
    expect(describeFilters(f, (id) => (id === "trump" ? "Donald Trump" : id))).toBe("1 Oct 2025 – 30 Nov 2025 · phone calls · Donald Trump");
    expect(describeFilters({ from: null, to: null, types: [], actors: [] })).toBe("all dates");
  });
});
