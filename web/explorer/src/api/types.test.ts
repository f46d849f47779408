import { describe, expect, it } from "vitest";
import schema from "../../../../schema.graphqls?raw";
import * as generated from "./schema.generated";
import { EVENT_TYPES } from "./types";

/** The values of each enum of the schema, in its order. */
function schemaEnums(sdl: string): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  for (const m of sdl.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    const values = m[2]!
      .split("\n")
      .map((line) => line.replace(/#.*/, "").trim())
      .filter((line) => /^[A-Z_][A-Z0-9_]*$/.test(line));
    enums.set(m[1]!, values);
  }
  return enums;
}

describe("schema.generated.ts", () => {
  const enums = schemaEnums(schema);

  it("has every enum of schema.graphqls, with its values in the schema's order", () => {
    expect(enums.size).toBeGreaterThan(0);
    for (const [name, values] of enums) {
      const generatedEnum = (generated as Record<string, Record<string, string> | undefined>)[name];
      expect(generatedEnum, `enum ${name}`).toBeDefined();
      expect(Object.values(generatedEnum!), `enum ${name}`).toEqual(values);
    }
  });

  it("gives EVENT_TYPES in the schema's order", () => {
    expect([...EVENT_TYPES]).toEqual(enums.get("EventType"));
  });
});
