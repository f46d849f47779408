// Generated from schema.graphqls by `npm run codegen` (web/explorer/codegen.yml): do not edit.
export const DatePrecision = {
  DAY: 'DAY',
  MONTH: 'MONTH',
  YEAR: 'YEAR',
  /** Somewhere between two dates (`earliest` to `latest`). */
  RANGE: 'RANGE'
} as const;

export type DatePrecision = typeof DatePrecision[keyof typeof DatePrecision];
export const DateQualifier = {
  EARLY: 'EARLY',
  MID: 'MID',
  LATE: 'LATE'
} as const;

export type DateQualifier = typeof DateQualifier[keyof typeof DateQualifier];
export const SourceKind = {
  ARTICLE: 'ARTICLE',
  SOCIAL_POST: 'SOCIAL_POST',
  OFFICIAL_STATEMENT: 'OFFICIAL_STATEMENT',
  REPORT: 'REPORT',
  TRANSCRIPT: 'TRANSCRIPT',
  VIDEO: 'VIDEO',
  OTHER: 'OTHER'
} as const;

export type SourceKind = typeof SourceKind[keyof typeof SourceKind];
/**
 * How certain a fact is, from least to most: what a source speculates, what is
 * planned, what a source attributes to others ('reportedly'), what a source
 * states as fact. DENIED: every source that speaks of it denies it.
 */
export const Certainty = {
  CONFIRMED: 'CONFIRMED',
  REPORTED: 'REPORTED',
  PLANNED: 'PLANNED',
  SPECULATED: 'SPECULATED',
  DENIED: 'DENIED'
} as const;

export type Certainty = typeof Certainty[keyof typeof Certainty];
/** An editor's ranking of one value among competing ones (as Wikidata's). */
export const Rank = {
  /** The value editors prefer: it is the working value. */
  PREFERRED: 'PREFERRED',
  NORMAL: 'NORMAL',
  /** Kept for the record, known to be wrong: it takes no part in the working value. */
  DEPRECATED: 'DEPRECATED'
} as const;

export type Rank = typeof Rank[keyof typeof Rank];
/** How a quantity qualifies its value: about 40 minutes, over two hours. */
export const Approximation = {
  ABOUT: 'ABOUT',
  OVER: 'OVER',
  UNDER: 'UNDER',
  ALMOST: 'ALMOST'
} as const;

export type Approximation = typeof Approximation[keyof typeof Approximation];
export const ActorKind = {
  PERSON: 'PERSON',
  STATE: 'STATE',
  ORGANISATION: 'ORGANISATION',
  DELEGATION: 'DELEGATION',
  /** A collective the sources name as one: European leaders, Ukrainian observers. */
  GROUP: 'GROUP',
  /** Someone the sources do not identify: an unidentified Russian official. */
  UNIDENTIFIED: 'UNIDENTIFIED'
} as const;

export type ActorKind = typeof ActorKind[keyof typeof ActorKind];
export const EventType = {
  PHONE_CALL: 'PHONE_CALL',
  MEETING: 'MEETING',
  TALKS: 'TALKS',
  VISIT: 'VISIT',
  COMMUNICATION: 'COMMUNICATION',
  BRIEFING: 'BRIEFING',
  STATEMENT: 'STATEMENT',
  PLAN_RELEASE: 'PLAN_RELEASE',
  PLAN_REVISION: 'PLAN_REVISION',
  DEADLINE: 'DEADLINE',
  REPORT: 'REPORT',
  OTHER: 'OTHER'
} as const;

export type EventType = typeof EventType[keyof typeof EventType];
export const ParticipantRole = {
  PARTICIPANT: 'PARTICIPANT',
  CALLER: 'CALLER',
  RECIPIENT: 'RECIPIENT',
  HOST: 'HOST',
  VISITOR: 'VISITOR',
  DELEGATION_HEAD: 'DELEGATION_HEAD',
  DELEGATE: 'DELEGATE',
  ADVISER: 'ADVISER',
  ADVISED: 'ADVISED',
  AUTHOR: 'AUTHOR',
  SPEAKER: 'SPEAKER',
  ADDRESSEE: 'ADDRESSEE',
  ISSUER: 'ISSUER',
  MEDIATOR: 'MEDIATOR',
  PARTY: 'PARTY'
} as const;

export type ParticipantRole = typeof ParticipantRole[keyof typeof ParticipantRole];
/** Whether an event took place: as held, planned, postponed, cancelled, or reported but not verified. */
export const EventStatus = {
  HELD: 'HELD',
  PLANNED: 'PLANNED',
  POSTPONED: 'POSTPONED',
  CANCELLED: 'CANCELLED',
  /** Reported, but no source verifies that it took place. */
  UNVERIFIED: 'UNVERIFIED'
} as const;

export type EventStatus = typeof EventStatus[keyof typeof EventStatus];
/** How an event took place. */
export const Modality = {
  IN_PERSON: 'IN_PERSON',
  PHONE: 'PHONE',
  VIDEO: 'VIDEO',
  WRITTEN: 'WRITTEN',
  /** Some took part in person, others remotely. */
  MIXED: 'MIXED'
} as const;

export type Modality = typeof Modality[keyof typeof Modality];
/** How one event bears on another. */
export const EventRelationType = {
  LED_TO: 'LED_TO',
  /** It follows up the other, an earlier event. */
  FOLLOWS_UP: 'FOLLOWS_UP',
  /** It responds to the other, an earlier event or statement. */
  RESPONDS_TO: 'RESPONDS_TO',
  /** It reports or publishes the other (a leak publishing the transcript of a call). */
  PUBLISHES: 'PUBLISHES'
} as const;

export type EventRelationType = typeof EventRelationType[keyof typeof EventRelationType];
export const EventOrder = {
  NEWEST_FIRST: 'NEWEST_FIRST',
  OLDEST_FIRST: 'OLDEST_FIRST'
} as const;

export type EventOrder = typeof EventOrder[keyof typeof EventOrder];
export const Interval = {
  DAY: 'DAY',
  /** Weeks begin on Monday (ISO 8601). */
  WEEK: 'WEEK',
  MONTH: 'MONTH',
  YEAR: 'YEAR'
} as const;

export type Interval = typeof Interval[keyof typeof Interval];
export const ActivityGroupBy = {
  TYPE: 'TYPE',
  /** Each actor named as a participant (with at least the filter's certainty, never a denied one). */
  ACTOR: 'ACTOR',
  /** Each place the event is recorded at (not the places containing it). */
  PLACE: 'PLACE',
  MODALITY: 'MODALITY',
  STATUS: 'STATUS'
} as const;

export type ActivityGroupBy = typeof ActivityGroupBy[keyof typeof ActivityGroupBy];
export const PlaceKind = {
  COUNTRY: 'COUNTRY',
  REGION: 'REGION',
  CITY: 'CITY',
  BUILDING: 'BUILDING',
  VENUE: 'VENUE',
  OTHER: 'OTHER'
} as const;

export type PlaceKind = typeof PlaceKind[keyof typeof PlaceKind];
/** What a date of a plan version marks. */
export const VersionDateKind = {
  DRAFTED: 'DRAFTED',
  PRESENTED: 'PRESENTED',
  PUBLISHED: 'PUBLISHED',
  DEADLINE: 'DEADLINE'
} as const;

export type VersionDateKind = typeof VersionDateKind[keyof typeof VersionDateKind];
/** What became of a point of an earlier version in a later one. */
export const PointFate = {
  /** Carried over with the same text. */
  KEPT: 'KEPT',
  REVISED: 'REVISED',
  DROPPED: 'DROPPED',
  /** The sources do not say. */
  UNKNOWN: 'UNKNOWN'
} as const;

export type PointFate = typeof PointFate[keyof typeof PointFate];
export const PointTopic = {
  TERRITORY: 'TERRITORY',
  MILITARY_LIMITS: 'MILITARY_LIMITS',
  NATO: 'NATO',
  BUFFER_ZONE: 'BUFFER_ZONE',
  DEMILITARISATION: 'DEMILITARISATION',
  SECURITY_GUARANTEES: 'SECURITY_GUARANTEES',
  SANCTIONS: 'SANCTIONS',
  SOVEREIGNTY: 'SOVEREIGNTY',
  ELECTIONS: 'ELECTIONS',
  AMNESTY: 'AMNESTY',
  ECONOMY: 'ECONOMY',
  HUMANITARIAN: 'HUMANITARIAN',
  OTHER: 'OTHER'
} as const;

export type PointTopic = typeof PointTopic[keyof typeof PointTopic];
export const StancePosition = {
  PROPOSES: 'PROPOSES',
  DEMANDS: 'DEMANDS',
  SUPPORTS: 'SUPPORTS',
  ACCEPTS: 'ACCEPTS',
  CONTESTS: 'CONTESTS',
  REJECTS: 'REJECTS'
} as const;

export type StancePosition = typeof StancePosition[keyof typeof StancePosition];
export const SearchKind = {
  ACTOR: 'ACTOR',
  PLACE: 'PLACE',
  EVENT: 'EVENT',
  PLAN_VERSION: 'PLAN_VERSION',
  PLAN_POINT: 'PLAN_POINT',
  SOURCE: 'SOURCE'
} as const;

export type SearchKind = typeof SearchKind[keyof typeof SearchKind];