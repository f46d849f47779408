// Typed queries of the public GraphQL API, one function per question a view
// asks.
import { gql } from "./client";
import type {
  ActorPage,
  ActorRef,
  EventBrief,
  EventPage,
  EventType,
  EventWithParticipants,
  Network,
  Path,
  Citation,
  Plan,
  PlanDiff,
  PlanPoint,
  SearchHit,
  Stance,
} from "./types";

const fragments: Record<string, string> = {
  Date: `fragment Date on PartialDate { value precision qualifier display earliest latest }`,
  Cite: `fragment Cite on Citation { quote unconfirmed source { id kind title url publisher published { display } } }`,
  EventBrief: `fragment EventBrief on Event { id type title unconfirmed date { ...Date } end { ...Date } place { id name } }`,
  Stance: `fragment Stance on Stance { id position unconfirmed summary date { ...Date } actor { id name kind } sources { ...Cite } }`,
};

/** Appends the definitions of the fragments a query uses, and theirs. */
export function withFragments(query: string): string {
  const used = new Set<string>();
  const visit = (text: string) => {
    for (const m of text.matchAll(/\.\.\.([A-Z]\w*)/g)) {
      const name = m[1];
      if (fragments[name] && !used.has(name)) {
        used.add(name);
        visit(fragments[name]);
      }
    }
  };
  visit(query);
  return [query, ...[...used].map((n) => fragments[n])].join("\n");
}

function q<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  return gql<T>(withFragments(query), variables, signal);
}

export interface EventFilterInput {
  dates?: { from?: string; to?: string };
  types?: EventType[];
  actors?: string[];
}

export interface NetworkFilterInput extends EventFilterInput {
  hops?: number;
}

// ---------------------------------------------------------------- search

export async function search(text: string, signal?: AbortSignal, first = 12): Promise<SearchHit[]> {
  const data = await q<{ search: SearchHit[] }>(
    `query Search($q: String!, $first: Int) {
      search(query: $q, kinds: [ACTOR, EVENT, PLAN_POINT, PLAN_VERSION], first: $first) {
        kind score
        node {
          __typename
          ... on Actor { id name kind aliases }
          ... on Event { id title type date { display } }
          ... on PlanPoint { id pointTitle: title text version { id name plan { id } } }
          ... on PlanVersion { id name plan { id } }
        }
      }
    }`,
    { q: text, first },
    signal,
  );
  return data.search;
}

// ---------------------------------------------------------------- extent and actors

/** The first and last days any event may fall on. */
export async function extent(signal?: AbortSignal): Promise<{ earliest: string; latest: string } | null> {
  const data = await q<{
    first: { nodes: { date: { earliest: string } }[] };
    last: { nodes: { date: { latest: string }; end: { latest: string } | null }[] };
  }>(
    `{ first: timeline(first: 1) { nodes { date { earliest } } }
       last: events(first: 25, order: NEWEST_FIRST) { nodes { date { latest } end { latest } } } }`,
    {},
    signal,
  );
  if (data.first.nodes.length === 0) return null;
  let latest = data.first.nodes[0].date.earliest;
  for (const n of data.last.nodes) {
    for (const d of [n.date.latest, n.end?.latest]) if (d && d > latest) latest = d;
  }
  return { earliest: data.first.nodes[0].date.earliest, latest };
}

/** Every actor, by name. */
export async function actors(signal?: AbortSignal): Promise<ActorRef[]> {
  const out: ActorRef[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const data: { actors: { nodes: ActorRef[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
      await q(
        `query Actors($after: String) { actors(first: 100, after: $after) { nodes { id name kind } pageInfo { hasNextPage endCursor } } }`,
        { after },
        signal,
      );
    out.push(...data.actors.nodes);
    if (!data.actors.pageInfo.hasNextPage) break;
    after = data.actors.pageInfo.endCursor;
  }
  return out;
}

// ---------------------------------------------------------------- network

export async function network(filter: NetworkFilterInput, signal?: AbortSignal): Promise<Network> {
  const data = await q<{ network: Network }>(
    `query Network($filter: NetworkFilter) {
      network(filter: $filter) {
        nodes { actor { id name kind } eventCount }
        edges { source { id } target { id } weight events { ...EventBrief } }
      }
    }`,
    { filter },
    signal,
  );
  return data.network;
}

export async function paths(from: string, to: string, filter: EventFilterInput, signal?: AbortSignal): Promise<Path[]> {
  const data = await q<{ paths: Path[] }>(
    `query Paths($from: ID!, $to: ID!, $filter: EventFilter) {
      paths(from: $from, to: $to, filter: $filter, maxHops: 4, first: 5) {
        actors { id name kind }
        events { ...EventBrief }
      }
    }`,
    { from, to, filter },
    signal,
  );
  return data.paths;
}

// ---------------------------------------------------------------- timeline

/** The most events a timeline draws. */
export const TIMELINE_LIMIT = 2000;

export async function timeline(
  filter: EventFilterInput,
  signal?: AbortSignal,
): Promise<{ events: EventWithParticipants[]; total: number }> {
  const events: EventWithParticipants[] = [];
  let after: string | null = null;
  let total = 0;
  while (events.length < TIMELINE_LIMIT) {
    const data: {
      timeline: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: EventWithParticipants[];
      };
    } = await q(
      `query Timeline($filter: EventFilter, $after: String) {
        timeline(filter: $filter, first: 100, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { ...EventBrief participants { actor { id name kind } role } }
        }
      }`,
      { filter, after },
      signal,
    );
    total = data.timeline.totalCount;
    events.push(...data.timeline.nodes);
    if (!data.timeline.pageInfo.hasNextPage) break;
    after = data.timeline.pageInfo.endCursor;
  }
  return { events, total };
}

// ---------------------------------------------------------------- pages

export async function actorPage(id: string, signal?: AbortSignal): Promise<ActorPage | null> {
  const data = await q<{ actor: ActorPage | null }>(
    `query Actor($id: ID!) {
      actor(id: $id) {
        id kind name aliases description
        roles { id title for { id name kind } from { ...Date } until { ...Date } sources { ...Cite } }
        counterparts(first: 50) { actor { id name kind } count first { ...Date } last { ...Date } }
        stances {
          id position unconfirmed summary date { ...Date } sources { ...Cite }
          on {
            __typename
            ... on PlanPoint { id title text version { id name plan { id } } }
            ... on PlanVersion { id name plan { id } }
          }
        }
        sources { ...Cite }
        events(first: 100) { totalCount nodes { ...EventBrief participants { actor { id name kind } role } } }
      }
    }`,
    { id },
    signal,
  );
  return data.actor;
}

export async function eventPage(id: string, signal?: AbortSignal): Promise<EventPage | null> {
  const data = await q<{ event: EventPage | null }>(
    `query Event($id: ID!) {
      event(id: $id) {
        ...EventBrief
        summary durationMinutes
        place { id name kind in { id name in { id name } } }
        participants { actor { id name kind } role represents { id name kind } unconfirmed sources { ...Cite } }
        concerns { id name plan { id } }
        produced { id name plan { id } }
        ledTo { ...EventBrief }
        ledFrom { ...EventBrief }
        previous { ...EventBrief }
        next { ...EventBrief }
        sources { ...Cite }
        disputes {
          field
          preferred { value display preferred sources { ...Cite } }
          values { value display preferred sources { ...Cite } }
        }
      }
    }`,
    { id },
    signal,
  );
  return data.event;
}

/** Plans and their versions, without points (see planVersionDetails). */
export async function plans(signal?: AbortSignal): Promise<Plan[]> {
  const data = await q<{ plans: Plan[] }>(
    `{
      plans {
        id name summary
        versions {
          id name declaredPoints summary unconfirmed date { ...Date }
          derivedFrom { id name }
          producedBy { ...EventBrief }
        }
      }
    }`,
    {},
    signal,
  );
  return data.plans;
}

/** Plan names and declared points only, for links. */
export async function planNames(signal?: AbortSignal): Promise<{ id: string; name: string; versions: { id: string; declaredPoints: number | null }[] }[]> {
  const data = await q<{ plans: { id: string; name: string; versions: { id: string; declaredPoints: number | null }[] }[] }>(
    `{ plans { id name versions { id declaredPoints } } }`,
    {},
    signal,
  );
  return data.plans;
}

export interface VersionDetails {
  id: string;
  points: PlanPoint[];
  stances: Stance[];
  sources: Citation[];
}

/**
 * A version's points with each party's stances, and its own stances and
 * sources. One request per version keeps each within the API's cost limit.
 */
export async function planVersionDetails(id: string, signal?: AbortSignal): Promise<VersionDetails> {
  const data = await q<{ planVersion: VersionDetails | null }>(
    `query Version($id: ID!) {
      planVersion(id: $id) {
        id
        stances { ...Stance }
        sources { ...Cite }
        points {
          id number title text topics unconfirmed
          territories { id name }
          revises { id }
          sources { ...Cite }
          stances { ...Stance }
        }
      }
    }`,
    { id },
    signal,
  );
  return data.planVersion ?? { id, points: [], stances: [], sources: [] };
}

/** planDiff for each consecutive pair, in one request. */
export async function planDiffs(pairs: [string, string][], signal?: AbortSignal): Promise<PlanDiff[]> {
  if (pairs.length === 0) return [];
  const vars: Record<string, string> = {};
  const decls: string[] = [];
  const fields = pairs.map(([from, to], i) => {
    vars[`f${i}`] = from;
    vars[`t${i}`] = to;
    decls.push(`$f${i}: ID!`, `$t${i}: ID!`);
    return `d${i}: planDiff(from: $f${i}, to: $t${i}) {
      added { id }
      removed { id title text }
      revised { before { id title text } after { id } unchanged }
      declaredFrom declaredTo
    }`;
  });
  const data = await q<Record<string, PlanDiff>>(`query PlanDiffs(${decls.join(", ")}) { ${fields.join("\n")} }`, vars, signal);
  return pairs.map((_, i) => data[`d${i}`]);
}

export type { EventBrief };
