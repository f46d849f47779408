import { describe, expect, it } from "vitest";
import { withFragments } from "./queries";

describe("withFragments", () => {
  it("appends the fragments a query uses, and theirs, once", () => {
    const q = withFragments("{ a { ...EventBrief } b { ...EventBrief } }");
    expect(q.match(/fragment EventBrief/g)).toHaveLength(1);
    expect(q).toContain("fragment Date on PartialDate");
    expect(q).not.toContain("fragment Cite");
  });
  it("leaves a query without fragments alone", () => {
    expect(withFragments("{ plans { id } }")).toBe("{ plans { id } }");
  });
});
