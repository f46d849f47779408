import {
  buildSchema,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLList,
  type GraphQLNamedType,
  type GraphQLSchema,
  isObjectType,
  Kind,
  NoDeprecatedCustomRule,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type OperationDefinitionNode,
  type SelectionSetNode,
  specifiedRules,
  validate,
  valueFromAST,
  isCompositeType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import sdl from "../../../../schema.graphqls?raw";
import { eventFilter, networkFilter, parseFilters } from "../filters";
import * as Q from "./queries";
import { fragments, withFragments } from "./queries";

describe("withFragments", () => {
  it("appends the fragments a query uses, and theirs, once", () => {
    const q = withFragments("{ a { ...EventBrief } b { ...EventBrief } }");
    expect(q.match(/fragment EventBrief/g)).toHaveLength(1);
    expect(q).toContain("fragment EventRef on Event");
    expect(q).toContain("fragment Date on PartialDate");
    expect(q).not.toContain("fragment Cite");
  });
  it("leaves a query without fragments alone", () => {
    expect(withFragments("{ plans { id } }")).toBe("{ plans { id } }");
  });
});

// ---------------------------------------------------------------- against the schema

/**
 * One call of every query function the module exports, with the variables
 * the views build. A function missing here fails the test below, so a new
 * query cannot skip the schema check.
 */
const filters = parseFilters(new URLSearchParams("from=2025-10-01&to=2025-11-30&types=phone_call,meeting&actors=trump,putin"));
const calls: Record<string, () => Promise<unknown>> = {
  search: () => Q.search("Zelensky"),
  extent: () => Q.extent(),
  actors: () => Q.actors(),
  network: () => Q.network(networkFilter(filters)),
  networkAround: () => Q.network(networkFilter(filters, ["witkoff"], 1)),
  paths: () => Q.paths("driscoll", "dmitriev", eventFilter({ ...filters, actors: [] })),
  timeline: () => Q.timeline(eventFilter(filters)),
  actorPage: () => Q.actorPage("trump"),
  eventPage: () => Q.eventPage("meeting-2025-10-24-miami"),
  plans: () => Q.plans(),
  planNames: () => Q.planNames(),
  planVersionDetails: () => Q.planVersionDetails("plan-28-point"),
  // As many pairs as the curated plan has derivations, and one more: more
  // than fit in one request.
  planDiffs: () =>
    Q.planDiffs([
      ["plan-20-point", "plan-28-point"],
      ["plan-28-point", "plan-19-point"],
      ["plan-28-point", "plan-european-counterproposal"],
      ["plan-28-point", "plan-20-point-december"],
      ["plan-19-point", "plan-20-point-december"],
    ]),
  dashboard: () => Q.dashboard(eventFilter({ ...filters, confirmed: true }), "WEEK", "TYPE"),
  // The embed asks for five rows; all dates, per month, by status.
  dashboardEmbed: () => Q.dashboard(eventFilter(parseFilters(new URLSearchParams())), "MONTH", "STATUS", undefined, 5),
};

interface Sent {
  call: string;
  query: string;
  variables: Record<string, unknown>;
}

/** What each call sends: fetch is stubbed to capture the body and answer an error. */
const sent: Sent[] = [];

beforeAll(async () => {
  let current = "";
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> };
    sent.push({ call: current, query: body.query, variables: body.variables });
    return new Response(JSON.stringify({ errors: [{ message: "stub" }] }), { headers: { "content-type": "application/json" } });
  });
  for (const [name, call] of Object.entries(calls)) {
    current = name;
    await call().catch(() => undefined);
  }
});

afterAll(() => {
  vi.unstubAllGlobals();
});

// The API's limits (httpapi/limits.go, DefaultLimits): an operation over
// them is refused before it runs.
const MAX_COMPLEXITY = 100_000;
const MAX_DEPTH = 12;
const MAX_FIELDS = 300;
// graph/cost.go: the multiplier of a list without a bound or an assumed size.
const LIST_ESTIMATE = 10;

/** The operation's cost as graph/cost.go measures it (MeasureCost). */
function measure(schema: GraphQLSchema, doc: DocumentNode, vars: Record<string, unknown>): { complexity: number; depth: number; fields: number } {
  const frags = new Map<string, FragmentDefinitionNode>();
  let op: OperationDefinitionNode | undefined;
  for (const d of doc.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) frags.set(d.name.value, d);
    if (d.kind === Kind.OPERATION_DEFINITION) op = d;
  }
  let depth = 0;
  let fields = 0;
  const args = (node: FieldNode, def: GraphQLField<unknown, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const a of def.args) {
      const given = node.arguments?.find((x) => x.name.value === a.name);
      const v = given ? valueFromAST(given.value, a.type, vars) : a.defaultValue;
      if (v !== undefined) out[a.name] = v;
    }
    return out;
  };
  const multiplier = (node: FieldNode, def: GraphQLField<unknown, unknown>, parent: GraphQLNamedType): number => {
    const a = args(node, def);
    const first = typeof a.first === "number" ? a.first : undefined;
    if (!(getNullableType(def.type) instanceof GraphQLList)) {
      return first !== undefined && getNamedType(def.type).name.endsWith("Connection") ? Math.max(first, 1) : 1;
    }
    if (first !== undefined) return Math.max(first, 1);
    if (Array.isArray(a.ids)) return Math.max(a.ids.length, 1);
    if (parent.name.endsWith("Connection")) return 1;
    const size = def.astNode?.directives
      ?.find((d) => d.name.value === "listSize")
      ?.arguments?.find((x) => x.name.value === "assumedSize");
    if (size && size.value.kind === Kind.INT) return Math.max(Number(size.value.value), 1);
    return LIST_ESTIMATE;
  };
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType, level: number): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith("__")) continue;
        fields++;
        depth = Math.max(depth, level);
        if (!isObjectType(parent) && !(isCompositeType(parent) && "getFields" in parent)) throw new Error(`no fields on ${parent.name}`);
        const def = (parent as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[sel.name.value];
        const child = sel.selectionSet ? walk(sel.selectionSet, getNamedType(def.type), level + 1) : 0;
        total += 1 + child * multiplier(sel, def, parent);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = frags.get(sel.name.value)!;
        total += walk(f.selectionSet, schema.getType(f.typeCondition.name.value)!, level);
      } else {
        total += walk(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value)! : parent, level);
      }
    }
    return total;
  };
  const complexity = walk(op!.selectionSet, schema.getQueryType()!, 1);
  return { complexity, depth, fields };
}

describe("every query the explorer sends", () => {
  const schema = buildSchema(sdl);

  it("is exercised here", () => {
    const exported = Object.entries(Q)
      .filter(([name, v]) => typeof v === "function" && name !== "withFragments")
      .map(([name]) => name);
    expect(exported.length).toBeGreaterThan(0);
    for (const name of exported) expect(Object.keys(calls), `query function ${name} has no call in this test`).toContain(name);
    for (const name of Object.keys(calls)) expect(sent.map((s) => s.call), `${name} sent nothing`).toContain(name);
  });

  it("uses every fragment it defines", () => {
    for (const name of Object.keys(fragments)) {
      expect(
        sent.some((s) => s.query.includes(`fragment ${name} on`)),
        `fragment ${name} is never sent`,
      ).toBe(true);
    }
  });

  it("is valid against schema.graphqls and selects no deprecated field or value", () => {
    for (const s of sent) {
      const doc = parse(s.query);
      const errors = validate(schema, doc, [...specifiedRules, NoDeprecatedCustomRule]);
      expect(
        errors.map((e) => e.message),
        `${s.call}:\n${s.query}`,
      ).toEqual([]);
    }
  });

  it("sends variables the schema accepts", () => {
    for (const s of sent) {
      const doc = parse(s.query);
      const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const res = getVariableValues(schema, op.variableDefinitions ?? [], s.variables ?? {});
      expect(
        (res.errors ?? []).map((e) => e.message),
        `${s.call}: ${JSON.stringify(s.variables)}`,
      ).toEqual([]);
    }
  });

  it("stays within the API's cost limits", () => {
    for (const s of sent) {
      const cost = measure(schema, parse(s.query), s.variables ?? {});
      expect(cost.depth, `${s.call}: depth`).toBeLessThanOrEqual(MAX_DEPTH);
      expect(cost.fields, `${s.call}: fields`).toBeLessThanOrEqual(MAX_FIELDS);
      expect(cost.complexity, `${s.call}: complexity`).toBeLessThanOrEqual(MAX_COMPLEXITY);
    }
  });

  it("checks what it claims to: a deprecated field fails", () => {
    const doc = parse(`{ event(id: "x") { id unconfirmed place { id } } }`);
    const errors = validate(schema, doc, [...specifiedRules, NoDeprecatedCustomRule]);
    expect(errors.map((e) => e.message).join("\n")).toMatch(/Event\.unconfirmed is deprecated/);
    expect(validate(schema, parse(`{ event(id: "x") { id durationMinutes { value } } }`)).length).toBeGreaterThan(0);
  });
});
