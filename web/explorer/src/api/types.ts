// Types of the GraphQL API's answers, as the explorer's queries select them
// (schema.graphqls at the root of the repository is the reference). The
// schema's enums are not copied here: schema.generated.ts, which `npm run
// codegen` writes from the schema, has each as a const object and a type.

import type {
  ActivityGroupBy,
  ActorKind,
  DatePrecision,
  DateQualifier,
  EventRelationType,
  EventStatus,
  Interval,
  Modality,
  ParticipantRole,
  PlaceKind,
  PointFate,
  PointTopic,
  Rank,
  SearchKind,
  SourceKind,
  StancePosition,
  VersionDateKind,
} from "./schema.generated";
import { Certainty, EventType } from "./schema.generated";

export type {
  ActivityGroupBy,
  ActorKind,
  DatePrecision,
  DateQualifier,
  EventRelationType,
  EventStatus,
  EventType,
  Interval,
  Modality,
  ParticipantRole,
  PlaceKind,
  PointFate,
  PointTopic,
  Rank,
  SearchKind,
  SourceKind,
  StancePosition,
  VersionDateKind,
};
export { Certainty };

/** Every event type, in the schema's order, which filters and charts keep. */
export const EVENT_TYPES: readonly EventType[] = Object.values(EventType);

/** A date as precise as its sources; earliest..latest bound the days it may denote. */
export interface PartialDate {
  value: string;
  precision: DatePrecision;
  qualifier: DateQualifier | null;
  display: string;
  earliest: string;
  latest: string;
}

export interface ActorRef {
  id: string;
  name: string;
  kind: ActorKind;
}

export interface SourceRef {
  id: string;
  kind: SourceKind;
  /** The title as published; null when the URL or publisher identifies the source. */
  title: string | null;
  /** How to name the source: its title, or its publisher and date, or its URL. */
  label: string;
  url: string | null;
  publisher: string | null;
  language: string | null;
  published: { display: string } | null;
}

/** A source's support for a fact: its words, and how it states the fact. */
export interface Citation {
  source: SourceRef;
  quote: string | null;
  translation: string | null;
  language: string | null;
  confirmation: Certainty;
  note: string | null;
}

/** A number as the sources give it: "about 40 minutes", "two and a half hours". */
export interface Quantity {
  value: string;
  display: string;
}

/** One sourced value of a field, with its own citations and certainty. */
export interface Claim {
  field: string;
  value: string;
  display: string;
  rank: Rank;
  preferred: boolean;
  certainty: Certainty;
  contested: boolean;
  translation: string | null;
  note: string | null;
  actor: ActorRef | null;
  sources: Citation[];
}

/**
 * Sources disagree on a field. The object's field holds a value only when
 * the dispute is resolved (an editor prefers one).
 */
export interface Dispute {
  field: string;
  resolved: boolean;
  preferred: Claim | null;
  values: Claim[];
}

export interface PlaceRef {
  id: string;
  name: string;
}

/** What links and short lists show of an event. */
export interface EventRef {
  id: string;
  type: EventType;
  title: string;
  certainty: Certainty;
  status: EventStatus | null;
  date: PartialDate;
  end: PartialDate | null;
}

/** What lists and charts show of an event. */
export interface EventBrief extends EventRef {
  contested: boolean;
  disputed: boolean;
  modality: Modality | null;
  places: PlaceRef[];
}

export interface EventWithParticipants extends EventBrief {
  participants: { actor: ActorRef; role: ParticipantRole; roleLabel: string | null; certainty: Certainty }[];
}

export interface NetworkNode {
  actor: ActorRef;
  eventCount: number;
}

export interface NetworkEdge {
  source: { id: string };
  target: { id: string };
  weight: number;
  /** How certain the strongest of its links is. */
  certainty: Certainty;
  events: EventBrief[];
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** One link of a chain: two actors who took part in one event. */
export interface PathStep {
  from: ActorRef;
  event: EventBrief;
  to: ActorRef;
  certainty: Certainty;
}

export interface Path {
  actors: ActorRef[];
  events: EventBrief[];
  steps: PathStep[];
  /** How certain the chain's weakest link is. */
  certainty: Certainty;
}

export type SearchNode =
  | ({ __typename: "Actor"; aliases: string[] } & ActorRef)
  | { __typename: "Event"; id: string; title: string; type: EventType; date: { display: string } }
  | {
      __typename: "PlanPoint";
      id: string;
      /** Aliased: Event.title is non-null, PlanPoint.title nullable. */
      pointTitle: string | null;
      label: string | null;
      text: string | null;
      version: { id: string; name: string; plan: { id: string } };
    }
  | { __typename: "PlanVersion"; id: string; name: string; plan: { id: string } };

export interface SearchHit {
  kind: SearchKind;
  score: number;
  node: SearchNode;
}

export interface Role {
  id: string;
  /** Null when sources disagree on it (see disputes). */
  title: string | null;
  for: ActorRef | null;
  from: PartialDate | null;
  until: PartialDate | null;
  certainty: Certainty;
  disputes: Dispute[];
  sources: Citation[];
}

export interface Counterpart {
  actor: ActorRef;
  count: number;
  first: PartialDate;
  last: PartialDate;
  /** How certain the strongest link between the two is. */
  certainty: Certainty;
}

export interface PlanVersionRef {
  id: string;
  name: string;
  plan: { id: string };
}

export interface Stance {
  id: string;
  actor: ActorRef;
  position: StancePosition;
  date: PartialDate | null;
  summary: string | null;
  certainty: Certainty;
  contested: boolean;
  sources: Citation[];
}

export type StanceTarget =
  | { __typename: "PlanPoint"; id: string; label: string | null; title: string | null; text: string | null; version: PlanVersionRef }
  | ({ __typename: "PlanVersion" } & PlanVersionRef);

export interface ActorStance extends Omit<Stance, "actor"> {
  on: StanceTarget;
}

export interface ActorPage {
  id: string;
  kind: ActorKind;
  name: string;
  aliases: string[];
  description: string | null;
  certainty: Certainty;
  members: ActorRef[];
  memberOf: ActorRef[];
  /** For an unidentified actor: whom the sources say it was. */
  identity: Claim[];
  disputes: Dispute[];
  roles: Role[];
  counterparts: Counterpart[];
  stances: ActorStance[];
  sources: Citation[];
  events: { totalCount: number; nodes: EventWithParticipants[] };
}

export interface Participation {
  actor: ActorRef;
  role: ParticipantRole;
  /** The role as the sources word it. */
  roleLabel: string | null;
  represents: ActorRef | null;
  certainty: Certainty;
  contested: boolean;
  sources: Citation[];
}

/** How one event bears on another, both ways, with its sources. */
export interface EventRelation {
  type: EventRelationType;
  incoming: boolean;
  certainty: Certainty;
  event: EventRef;
  sources: Citation[];
}

export type PlaceChain = PlaceRef & { kind: PlaceKind; in: (PlaceRef & { in: PlaceRef | null }) | null };

export interface EventPage extends Omit<EventBrief, "places"> {
  summary: string | null;
  inPerson: boolean | null;
  duration: Quantity | null;
  outcome: string | null;
  places: PlaceChain[];
  participants: Participation[];
  concerns: PlanVersionRef[];
  produced: PlanVersionRef[];
  relations: EventRelation[];
  /** Certainly before / after: an event whose possible dates overlap this one's is neither. */
  previous: EventRef | null;
  next: EventRef | null;
  /** Events whose possible dates overlap this one's: the sources do not say which came first. */
  overlapping: EventRef[];
  sources: Citation[];
  /** Every sourced value of the event's own fields. */
  claims: Claim[];
  disputes: Dispute[];
}

/** A numeric term of a point: a cap, a sum, a deadline in days. */
export interface TermBrief {
  name: string;
  /** Null when sources disagree (see claims). */
  value: Quantity | null;
  disputed: boolean;
}

export interface Term extends TermBrief {
  claims: Claim[];
}

/** What is shown of a sub-point (and, with more, of a point). */
export interface SubPoint {
  id: string;
  number: number | null;
  /** A sub-point's label within its point: a, b, c. */
  label: string | null;
  title: string | null;
  /** Null when sources disagree on its wording (see disputes). */
  text: string | null;
  certainty: Certainty;
  terms: TermBrief[];
  sources: Citation[];
}

export interface PlanPoint extends Omit<SubPoint, "terms"> {
  terms: Term[];
  disputes: Dispute[];
  topics: PointTopic[];
  territories: PlaceRef[];
  subpoints: SubPoint[];
  stances: Stance[];
  revises: { id: string } | null;
}

export interface VersionDate {
  kind: VersionDateKind;
  date: PartialDate;
  disputed: boolean;
}

export interface PlanVersion {
  id: string;
  name: string;
  declaredPoints: number | null;
  /** Its full text is known. */
  complete: boolean;
  date: PartialDate | null;
  dates: VersionDate[];
  summary: string | null;
  certainty: Certainty;
  derivedFrom: { id: string; name: string } | null;
  producedBy: EventRef[];
  /** Who drafted it, per source. */
  authors: Claim[];
  disputes: Dispute[];
  /** Filled by planVersionDetails. */
  stances: Stance[];
  sources: Citation[];
  points: PlanPoint[];
}

export interface Plan {
  id: string;
  name: string;
  summary: string | null;
  versions: PlanVersion[];
}

/** A point as a diff names it. */
export interface PointName {
  id: string;
  number: number | null;
  label: string | null;
  title: string | null;
  text: string | null;
}

export interface PointFateEntry {
  point: { id: string };
  /** Null when the sources dispute it and no value is preferred. */
  fate: PointFate | null;
  disputed: boolean;
  sources: Citation[];
  /** The competing fates, each with its sources. */
  claims: Claim[];
}

export interface PlanDiff {
  added: { id: string }[];
  /** Points of `from` known to be dropped. */
  removed: PointName[];
  /** Points of `from` whose fate the sources do not give. */
  unknown: PointName[];
  /** Points of `from` whose fate the sources dispute, none preferred. */
  disputed: PointName[];
  revised: { before: PointName; after: { id: string }; unchanged: boolean }[];
  fates: PointFateEntry[];
  declaredFrom: number | null;
  declaredTo: number | null;
}

// ---------------------------------------------------------------- activity

/** Events certainly in a period, and events that may fall in it or outside. */
export interface ActivityCounts {
  certain: number;
  possible: number;
}

export interface ActivityBucket extends ActivityCounts {
  /** The period's first and last day. */
  from: string;
  to: string;
  /** Null key: the sources give no value (no modality, no status). */
  groups: (ActivityCounts & { key: string | null })[];
}

export interface Activity {
  interval: Interval;
  groupBy: ActivityGroupBy | null;
  buckets: ActivityBucket[];
}

export interface KeyCount {
  key: string | null;
  count: number;
}

export interface ActorActivity {
  actor: ActorRef;
  count: number;
  first: { display: string };
  last: { display: string };
}

export interface PairActivity {
  actors: ActorRef[];
  count: number;
  /** How certain the strongest of their links is. */
  certainty: Certainty;
  first: { display: string };
  last: { display: string };
}

export interface PlaceActivity {
  place: { id: string; name: string; kind: PlaceKind; in: { id: string; name: string } | null };
  /** Events at the place or at a place inside it. */
  count: number;
}
