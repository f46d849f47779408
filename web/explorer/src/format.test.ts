import { describe, expect, it } from "vitest";
import { Certainty, EventStatus, Modality } from "./api/schema.generated";
import { certaintyMeaning, certaintyWord, confirmationMeaning, fieldLabel, modalityWord, relationHeading, statusMeaning, statusWord } from "./format";

describe("words for the claims model", () => {
  it("has a word and a meaning for every certainty, status and modality", () => {
    for (const c of Object.values(Certainty)) {
      expect(certaintyWord[c]).toBeTruthy();
      expect(certaintyMeaning[c]).toBeTruthy();
      expect(confirmationMeaning[c]).toBeTruthy();
    }
    for (const s of Object.values(EventStatus)) expect([statusWord[s], statusMeaning[s]].every(Boolean)).toBe(true);
    for (const m of Object.values(Modality)) expect(modalityWord[m]).toBeTruthy();
    expect(certaintyWord.REPORTED).toBe("reported");
    expect(statusWord.CANCELLED).toBe("cancelled");
  });
  it("names a claim's field", () => {
    expect(fieldLabel("date")).toBe("Date");
    expect(fieldLabel("terms/troop-cap")).toBe("Troop cap");
    expect(fieldLabel("declaredPoints")).toBe("Declared points");
    expect(fieldLabel("fate/p28-06", (id) => (id === "p28-06" ? "6. Armed forces capped" : id))).toBe("What became of 6. Armed forces capped");
    expect(fieldLabel("participant/witkoff/role", (id) => (id === "witkoff" ? "Steve Witkoff" : id))).toBe("Steve Witkoff's role");
  });
  it("reads a relation from this event's side", () => {
    expect(relationHeading("LED_TO", true)).toBe("Led to this event");
    expect(relationHeading("LED_TO", false)).toBe("This event led to");
    expect(relationHeading("PUBLISHES", true)).toBe("Published by");
  });
});
