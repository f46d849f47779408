// The peer for bench/api: the Neo4j GraphQL Library (@neo4j/graphql 7)
// serving diplograph's graph from typeDefs.graphql, on graphql-yoga.
//
//   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... PORT=4000 node server.js
//
// POST /graphql answers GraphQL; GET /healthz says ok once the schema is
// built and Neo4j answers. DEBUG=@neo4j/graphql:* prints the Cypher the
// library sends.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

const here = dirname(fileURLToPath(import.meta.url));
const uri = process.env.NEO4J_URI || "bolt://127.0.0.1:7687";
const user = process.env.NEO4J_USER || "neo4j";
const password = process.env.NEO4J_PASSWORD || "diplograph-dev";
const port = Number(process.env.PORT || 4000);
const host = process.env.HOST || "127.0.0.1";

const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
const typeDefs = readFileSync(join(here, "typeDefs.graphql"), "utf8");
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
await driver.verifyConnectivity();

const yoga = createYoga({
  schema,
  graphqlEndpoint: "/graphql",
  graphiql: false,
  landingPage: false,
  // Show the real error messages: the benchmark compares answers.
  maskedErrors: false,
  logging: "warn",
});

const server = createServer((req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok\n");
    return;
  }
  yoga(req, res);
});
server.keepAliveTimeout = 120_000;
server.listen(port, host, () => {
  console.log(`peer serving on http://${host}:${port}/graphql, Neo4j at ${uri}`);
});

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close();
    driver.close().finally(() => process.exit(0));
  });
}
