// Generated from schema.graphqls by `npm run codegen` (web/explorer/codegen.yml): do not edit.
export const DatePrecision = {
  DAY: 'DAY',
  MONTH: 'MONTH',
  YEAR: 'YEAR'
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
export const ActorKind = {
  PERSON: 'PERSON',
  STATE: 'STATE',
  ORGANISATION: 'ORGANISATION',
  DELEGATION: 'DELEGATION'
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
export const EventOrder = {
  NEWEST_FIRST: 'NEWEST_FIRST',
  OLDEST_FIRST: 'OLDEST_FIRST'
} as const;

export type EventOrder = typeof EventOrder[keyof typeof EventOrder];
export const PlaceKind = {
  COUNTRY: 'COUNTRY',
  REGION: 'REGION',
  CITY: 'CITY',
  BUILDING: 'BUILDING',
  VENUE: 'VENUE',
  OTHER: 'OTHER'
} as const;

export type PlaceKind = typeof PlaceKind[keyof typeof PlaceKind];
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