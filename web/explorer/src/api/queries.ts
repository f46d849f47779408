// Typed queries of the public GraphQL API, one function per question a view
// asks.
import { gql } from "./client";
import type {
  Activity,
  ActivityGroupBy,
  ActorActivity,
  ActorPage,
  ActorRef,
  EventBrief,
  EventPage,
  EventType,
  EventWithParticipants,
  Interval,
  KeyCount,
  Network,
  PairActivity,
  Path,
  PlaceActivity,
  Certainty,
  Citation,
  Claim,
  Dispute,
  Plan,
  PlanDiff,
  PlanPoint,
  SearchHit,
  Stance,
} from "./types";

export const fragments: Record<string, string> = {
  Date: `fragment Date on PartialDate { value precision qualifier display earliest latest }`,
  Cite: `fragment Cite on Citation { quote translation language confirmation note source { id kind title label url publisher language published { display } } }`,
  EventRef: `fragment EventRef on Event { id type title certainty status date { ...Date } end { ...Date } }`,
  EventBrief: `fragment EventBrief on Event { ...EventRef contested disputed modality places { id name } }`,
  Claim: `fragment Claim on Claim { field value display rank preferred certainty contested translation note actor { id name kind } sources { ...Cite } }`,
  Dispute: `fragment Dispute on Dispute { field resolved values { ...Claim } }`,
  Stance: `fragment Stance on Stance { id position certainty contested summary date { ...Date } actor { id name kind } sources { ...Cite } }`,
  Point: `fragment Point on PlanPoint { id number label title text certainty terms { name disputed value { value display } claims { ...Claim } } disputes { ...Dispute } sources { ...Cite } }`,
  SubPoint: `fragment SubPoint on PlanPoint { id number label title text certainty terms { name disputed value { value display } } sources { ...Cite } }`,
  PointName: `fragment PointName on PlanPoint { id number label title text }`,
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
  /** Only what the graph could show on this day (YYYY-MM-DD). */
  asOf?: string;
  certainty?: Certainty;
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
          ... on PlanPoint { id pointTitle: title label text version { id name plan { id } } }
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
        edges { source { id } target { id } weight certainty events { ...EventBrief } }
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
        steps { from { id name kind } event { ...EventBrief } to { id name kind } certainty }
        certainty
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
          nodes { ...EventBrief participants { actor { id name kind } role roleLabel certainty } }
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

/** An actor's page; filter (asOf, certainty) narrows their events and counterparts. */
export async function actorPage(id: string, signal?: AbortSignal, filter: EventFilterInput = {}): Promise<ActorPage | null> {
  const data = await q<{ actor: ActorPage | null }>(
    `query Actor($id: ID!, $filter: EventFilter) {
      actor(id: $id) {
        id kind name aliases description certainty
        members { id name kind }
        memberOf { id name kind }
        identity { ...Claim }
        disputes { ...Dispute }
        roles { id title certainty for { id name kind } from { ...Date } until { ...Date } disputes { ...Dispute } sources { ...Cite } }
        counterparts(filter: $filter, first: 50) { actor { id name kind } count certainty first { ...Date } last { ...Date } }
        stances {
          id position certainty contested summary date { ...Date } sources { ...Cite }
          on {
            __typename
            ... on PlanPoint { id label title text version { id name plan { id } } }
            ... on PlanVersion { id name plan { id } }
          }
        }
        sources { ...Cite }
        events(filter: $filter, first: 100) { totalCount nodes { ...EventBrief participants { actor { id name kind } role roleLabel certainty } } }
      }
    }`,
    { id, filter },
    signal,
  );
  return data.actor;
}

export async function eventPage(id: string, signal?: AbortSignal): Promise<EventPage | null> {
  const data = await q<{ event: EventPage | null }>(
    `query Event($id: ID!) {
      event(id: $id) {
        ...EventRef
        contested disputed modality inPerson outcome summary
        duration { value display }
        places { id name kind in { id name in { id name } } }
        participants { actor { id name kind } role roleLabel represents { id name kind } certainty contested sources { ...Cite } }
        concerns { id name plan { id } }
        produced { id name plan { id } }
        relations { type incoming certainty event { ...EventRef } sources { ...Cite } }
        previous { ...EventRef }
        next { ...EventRef }
        overlapping(first: 10) { ...EventRef }
        sources { ...Cite }
        claims { ...Claim }
        disputes { ...Dispute }
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
          id name declaredPoints complete summary certainty date { ...Date }
          dates { kind disputed date { ...Date } }
          derivedFrom { id name }
          producedBy { ...EventRef }
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
  authors: Claim[];
  disputes: Dispute[];
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
        authors { ...Claim }
        disputes { ...Dispute }
        stances { ...Stance }
        sources { ...Cite }
        points {
          ...Point
          topics
          territories { id name }
          revises { id }
          subpoints { ...SubPoint }
          stances { ...Stance }
        }
      }
    }`,
    { id },
    signal,
  );
  return data.planVersion ?? { id, authors: [], disputes: [], points: [], stances: [], sources: [] };
}

/**
 * How many planDiffs one request carries: each selects about 85 fields, and
 * the API refuses an operation of over 300 (httpapi/limits.go).
 */
const DIFFS_PER_REQUEST = 3;

/** planDiff for each pair (from, to), a few pairs per request. */
export async function planDiffs(pairs: [string, string][], signal?: AbortSignal): Promise<PlanDiff[]> {
  const chunks: [string, string][][] = [];
  for (let i = 0; i < pairs.length; i += DIFFS_PER_REQUEST) chunks.push(pairs.slice(i, i + DIFFS_PER_REQUEST));
  const answers = await Promise.all(chunks.map((chunk) => planDiffsRequest(chunk, signal)));
  return answers.flat();
}

async function planDiffsRequest(pairs: [string, string][], signal?: AbortSignal): Promise<PlanDiff[]> {
  const vars: Record<string, string> = {};
  const decls: string[] = [];
  const fields = pairs.map(([from, to], i) => {
    vars[`f${i}`] = from;
    vars[`t${i}`] = to;
    decls.push(`$f${i}: ID!`, `$t${i}: ID!`);
    return `d${i}: planDiff(from: $f${i}, to: $t${i}) {
      added { id }
      removed { ...PointName }
      unknown { ...PointName }
      disputed { ...PointName }
      revised { before { ...PointName } after { id } unchanged }
      fates { point { id } fate disputed sources { ...Cite } claims { ...Claim } }
      declaredFrom declaredTo
    }`;
  });
  const data = await q<Record<string, PlanDiff>>(`query PlanDiffs(${decls.join(", ")}) { ${fields.join("\n")} }`, vars, signal);
  return pairs.map((_, i) => data[`d${i}`]);
}

// ---------------------------------------------------------------- dashboard

export interface Dashboard {
  activity: Activity;
  eventCounts: { total: number; byCertainty: KeyCount[] };
  mostActive: ActorActivity[];
  topPairs: PairActivity[];
  placeActivity: PlaceActivity[];
}

/** Counts per period and the aggregates of one filter, in one request. */
export async function dashboard(
  filter: EventFilterInput,
  interval: Interval,
  groupBy: ActivityGroupBy,
  signal?: AbortSignal,
  first = 10,
): Promise<Dashboard> {
  return q<Dashboard>(
    `query Dashboard($filter: EventFilter, $interval: Interval!, $groupBy: ActivityGroupBy, $first: Int) {
      activity(filter: $filter, interval: $interval, groupBy: $groupBy) {
        interval groupBy
        buckets { from to certain possible groups { key certain possible } }
      }
      eventCounts(filter: $filter) { total byCertainty { key count } }
      mostActive(filter: $filter, first: $first) { actor { id name kind } count first { display } last { display } }
      topPairs(filter: $filter, first: $first) { actors { id name kind } count certainty first { display } last { display } }
      placeActivity(filter: $filter, first: $first) { place { id name kind in { id name } } count }
    }`,
    { filter, interval, groupBy, first },
    signal,
  );
}

export type { EventBrief };
