// Types of the GraphQL API's answers, as the explorer's queries select them
// (schema.graphqls at the root of the repository is the reference). The
// schema's enums are not copied here: schema.generated.ts, which `npm run
// codegen` writes from the schema, has each as a const object and a type.

import type {
  ActorKind,
  DatePrecision,
  DateQualifier,
  ParticipantRole,
  PlaceKind,
  PointTopic,
  SearchKind,
  SourceKind,
  StancePosition,
} from "./schema.generated";
import { EventType } from "./schema.generated";

export type {
  ActorKind,
  DatePrecision,
  DateQualifier,
  EventType,
  ParticipantRole,
  PlaceKind,
  PointTopic,
  SearchKind,
  SourceKind,
  StancePosition,
};

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
  title: string;
  url: string | null;
  publisher: string | null;
  published: { display: string } | null;
}

export interface Citation {
  source: SourceRef;
  quote: string | null;
  unconfirmed: boolean;
}

export interface PlaceRef {
  id: string;
  name: string;
}

/** What lists and charts show of an event. */
export interface EventBrief {
  id: string;
  type: EventType;
  title: string;
  unconfirmed: boolean;
  date: PartialDate;
  end: PartialDate | null;
  place: PlaceRef | null;
}

export interface EventWithParticipants extends EventBrief {
  participants: { actor: ActorRef; role: ParticipantRole }[];
}

export interface NetworkNode {
  actor: ActorRef;
  eventCount: number;
}

export interface NetworkEdge {
  source: { id: string };
  target: { id: string };
  weight: number;
  events: EventBrief[];
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface Path {
  actors: ActorRef[];
  events: EventBrief[];
}

export type SearchNode =
  | ({ __typename: "Actor"; aliases: string[] } & ActorRef)
  | { __typename: "Event"; id: string; title: string; type: EventType; date: { display: string } }
  | {
      __typename: "PlanPoint";
      id: string;
      /** Aliased: Event.title is non-null, PlanPoint.title nullable. */
      pointTitle: string | null;
      text: string;
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
  title: string;
  for: ActorRef | null;
  from: PartialDate | null;
  until: PartialDate | null;
  sources: Citation[];
}

export interface Counterpart {
  actor: ActorRef;
  count: number;
  first: PartialDate;
  last: PartialDate;
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
  unconfirmed: boolean;
  sources: Citation[];
}

export type StanceTarget =
  | { __typename: "PlanPoint"; id: string; title: string | null; text: string; version: PlanVersionRef }
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
  roles: Role[];
  counterparts: Counterpart[];
  stances: ActorStance[];
  sources: Citation[];
  events: { totalCount: number; nodes: EventWithParticipants[] };
}

export interface Participation {
  actor: ActorRef;
  role: ParticipantRole;
  represents: ActorRef | null;
  unconfirmed: boolean;
  sources: Citation[];
}

export interface DisputedValue {
  value: string;
  display: string | null;
  preferred: boolean;
  sources: Citation[];
}

export interface EventPage extends EventBrief {
  summary: string | null;
  durationMinutes: number | null;
  place: (PlaceRef & { kind: PlaceKind; in: (PlaceRef & { in: PlaceRef | null }) | null }) | null;
  participants: Participation[];
  concerns: PlanVersionRef[];
  produced: PlanVersionRef[];
  ledTo: EventBrief[];
  ledFrom: EventBrief[];
  previous: EventBrief | null;
  next: EventBrief | null;
  sources: Citation[];
  disputes: { field: string; preferred: DisputedValue | null; values: DisputedValue[] }[];
}

export interface PlanPoint {
  id: string;
  number: number | null;
  title: string | null;
  text: string;
  topics: PointTopic[];
  territories: PlaceRef[];
  unconfirmed: boolean;
  sources: Citation[];
  stances: Stance[];
  revises: { id: string } | null;
}

export interface PlanVersion {
  id: string;
  name: string;
  declaredPoints: number | null;
  date: PartialDate | null;
  summary: string | null;
  unconfirmed: boolean;
  derivedFrom: { id: string; name: string } | null;
  producedBy: EventBrief[];
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

export interface PlanDiff {
  added: { id: string }[];
  removed: { id: string; title: string | null; text: string }[];
  revised: { before: { id: string; title: string | null; text: string }; after: { id: string }; unchanged: boolean }[];
  declaredFrom: number | null;
  declaredTo: number | null;
}
