// Constraints and indexes, one statement per block, applied by `diplograph migrate`.
// Every statement is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT role_id IF NOT EXISTS FOR (n:Role) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (n:Plan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT plan_version_id IF NOT EXISTS FOR (n:PlanVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT plan_point_id IF NOT EXISTS FOR (n:PlanPoint) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT stance_id IF NOT EXISTS FOR (n:Stance) REQUIRE n.id IS UNIQUE;
CREATE INDEX event_date_from IF NOT EXISTS FOR (n:Event) ON (n.dateFrom);
CREATE INDEX event_date_to IF NOT EXISTS FOR (n:Event) ON (n.dateTo);
CREATE INDEX event_date_span IF NOT EXISTS FOR (n:Event) ON (n.dateSpan);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type);
CREATE INDEX event_type_date IF NOT EXISTS FOR (n:Event) ON (n.type, n.dateFrom);
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX place_kind IF NOT EXISTS FOR (n:Place) ON (n.kind);
CREATE INDEX stance_position IF NOT EXISTS FOR (n:Stance) ON (n.position);
CREATE INDEX participation_role IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.role);
CREATE FULLTEXT INDEX search IF NOT EXISTS
  FOR (n:Actor|Place|Event|PlanVersion|PlanPoint|Source)
  ON EACH [n.name, n.aliasText, n.title, n.summary, n.text, n.description];
