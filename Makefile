# diplograph: the two commands a newcomer needs are `make run` and `make test`.

NEO4J_URI ?= bolt://127.0.0.1:7687
NEO4J_PORT ?= 7687
# Tests empty their database between cases, so they get a Neo4j of their own.
TEST_NEO4J_PORT ?= 7688
DIPLOGRAPH_TEST_NEO4J_URI ?= bolt://127.0.0.1:$(TEST_NEO4J_PORT)
export DIPLOGRAPH_TEST_NEO4J_URI

BIN := bin/diplograph
GO_SOURCES := $(shell find . -name '*.go' -not -path './.data/*' -not -path './tools/neo4j/target/*') go.mod go.sum $(shell find store/cypher -name '*.cypher') fixtures/schema.json schema.graphqls

# GraphiQL's browser builds come from npm (web/graphiql/package-lock.json) and
# are copied into web/graphiql/dist/, which the binary embeds.
WEB_DIR := web/graphiql
WEB_DIST := $(WEB_DIR)/dist/graphiql.min.js
# The explorer served at / is a TypeScript + Vite project (web/explorer,
# packages from web/explorer/package-lock.json) built into web/explorer/dist/,
# which the binary embeds too.
EXPLORER_DIR := web/explorer
EXPLORER_DIST := $(EXPLORER_DIR)/dist/index.html
EXPLORER_SOURCES := $(shell find $(EXPLORER_DIR)/src $(EXPLORER_DIR)/public -type f 2>/dev/null) $(addprefix $(EXPLORER_DIR)/,index.html vite.config.ts tsconfig.json scripts/clean-dist.mjs)
# The explorer's TypeScript enums, generated from schema.graphqls by
# @graphql-codegen (web/explorer/codegen.yml) into a committed file.
EXPLORER_GENERATED := $(EXPLORER_DIR)/src/api/schema.generated.ts

.PHONY: run build load fixtures-check test lint browser generate generate-check fuzz soak abuse bench bench-smoke web neo4j neo4j-stop neo4j-test neo4j-test-stop clean

LISTEN ?= :8080

## run: start the local Neo4j, load the fixtures, serve the API (Ctrl-C stops the API; Neo4j keeps running)
run: build neo4j
	$(BIN) load --uri $(NEO4J_URI) fixtures
	$(BIN) serve --uri $(NEO4J_URI) --listen $(LISTEN)

build: $(BIN)

$(BIN): $(GO_SOURCES) $(WEB_DIST) $(EXPLORER_DIST)
	go build -o $(BIN) .

## web: install GraphiQL and the explorer's packages from npm (only when a lockfile changed), copy GraphiQL's builds into web/graphiql/dist, regenerate the explorer's schema enums (when schema.graphqls changed) and build the explorer into web/explorer/dist
web: $(WEB_DIST) $(EXPLORER_DIST)

# npm ci writes node_modules/.package-lock.json, so it reruns only when the
# lockfile is newer or node_modules is missing.
$(WEB_DIR)/node_modules/.package-lock.json: $(WEB_DIR)/package.json $(WEB_DIR)/package-lock.json
	cd $(WEB_DIR) && npm ci --no-audit --no-fund
	touch $@

$(WEB_DIST): $(WEB_DIR)/node_modules/.package-lock.json $(WEB_DIR)/copy-assets.mjs
	cd $(WEB_DIR) && node copy-assets.mjs
	touch $@

$(EXPLORER_DIR)/node_modules/.package-lock.json: $(EXPLORER_DIR)/package.json $(EXPLORER_DIR)/package-lock.json
	cd $(EXPLORER_DIR) && npm ci --no-audit --no-fund
	touch $@

# node_modules is order-only: a fresh npm ci must not make the committed file
# look stale (web-generate-check compares it with what the schema generates).
$(EXPLORER_GENERATED): schema.graphqls $(EXPLORER_DIR)/codegen.yml | $(EXPLORER_DIR)/node_modules/.package-lock.json
	cd $(EXPLORER_DIR) && npm run codegen
	touch $@

$(EXPLORER_DIST): $(EXPLORER_DIR)/node_modules/.package-lock.json $(EXPLORER_GENERATED) $(EXPLORER_SOURCES)
	cd $(EXPLORER_DIR) && npm run build
	touch $@

.PHONY: web-generate-check
# Fails when the committed $(EXPLORER_GENERATED) is not what schema.graphqls
# generates (and leaves it regenerated, to review and commit). List it before
# web in a target's prerequisites: web regenerates the file when the schema
# is newer.
web-generate-check: $(EXPLORER_DIR)/node_modules/.package-lock.json
	@before="$$(mktemp)"; cp $(EXPLORER_GENERATED) "$$before" 2>/dev/null || : >"$$before"; \
	out="$$(cd $(EXPLORER_DIR) && npm run --silent codegen 2>&1)" || { rm -f "$$before"; echo "$$out"; echo "web-generate-check: npm run codegen failed in $(EXPLORER_DIR)"; exit 1; }; \
	if ! cmp -s "$$before" $(EXPLORER_GENERATED); then \
		diff -u "$$before" $(EXPLORER_GENERATED) | sed 1,2d | head -40; rm -f "$$before"; \
		echo "web-generate-check: $(EXPLORER_GENERATED) was stale: regenerated it from schema.graphqls (npm run codegen in $(EXPLORER_DIR)); review and commit"; exit 1; \
	fi; rm -f "$$before"

load: build
	$(BIN) load --uri $(NEO4J_URI) fixtures

## fixtures-check: check the fixtures without Neo4j and review them against fixtures/CURATION.md (fails on a citation without a quote or an entry without a source; lists the rest for the editors)
fixtures-check: build
	$(BIN) check --fail-on no-quote,unsourced fixtures

## test: vet and test everything against a real Neo4j (started if none answers), then the API benchmark's smoke run
# The packages that use the tests' Neo4j take turns on it by themselves
# (neo4jtest/dblock), so go test runs with its default parallelism.
test: web-generate-check web lint generate-check browser neo4j-test
	go test -count=1 ./...
	$(MAKE) bench-smoke

# The API benchmark harness at scale 1 for about a second per operation
# against diplograph and the peer (@neo4j/graphql, installed from npm by
# bench/peer/start.sh), on the tests' Neo4j: it fails when the two answer
# differently or a request fails, so the harness cannot rot. About a minute.
bench-smoke:
	go run ./bench/api --smoke --replace --neo4j $(DIPLOGRAPH_TEST_NEO4J_URI)

# The browser tests drive Debian's Chromium (never a downloaded browser);
# install it where it is missing (needs root, as on CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## generate: regenerate everything made from schema.graphqls: the enums of package vocab (and the fixture JSON Schema's enum lists), then the gqlgen code
generate:
	go generate ./vocab .

# What schema.graphqls generates, in Go and in the fixture JSON Schema (the
# explorer's TypeScript: web-generate-check).
GENERATED := graph/*.go graph/model/*.go vocab/enums_gen.go fixtures/schema.json

# Fails when a generated file on disk is not what schema.graphqls generates
# (and leaves it regenerated, to review and commit).
generate-check:
	@before="$$(cat $(GENERATED) | sha256sum)"; \
	go generate ./vocab . || exit 1; \
	after="$$(cat $(GENERATED) | sha256sum)"; \
	if [ "$$before" != "$$after" ]; then echo "generated code was stale: regenerated it from schema.graphqls; review and commit"; git status --short $(GENERATED); exit 1; fi

lint:
	@unformatted="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	go vet ./...

## neo4j: start the local Neo4j on $(NEO4J_PORT) in the background (no-op if one answers)
neo4j:
	NEO4J_PORT=$(NEO4J_PORT) tools/neo4j/start.sh

neo4j-stop:
	NEO4J_PORT=$(NEO4J_PORT) tools/neo4j/stop.sh

# Starts the tests' own Neo4j unless DIPLOGRAPH_TEST_NEO4J_URI points elsewhere.
neo4j-test:
	@if [ "$(DIPLOGRAPH_TEST_NEO4J_URI)" = "bolt://127.0.0.1:$(TEST_NEO4J_PORT)" ]; then \
		NEO4J_PORT=$(TEST_NEO4J_PORT) NEO4J_HOME_DIR=$(CURDIR)/.data/neo4j-test NEO4J_TX_LOG_SIZE=16m tools/neo4j/start.sh; \
	else echo "tests use $(DIPLOGRAPH_TEST_NEO4J_URI)"; fi

neo4j-test-stop:
	NEO4J_PORT=$(TEST_NEO4J_PORT) tools/neo4j/stop.sh

clean:
	rm -rf bin

## fuzz: run each fuzz target for FUZZTIME (their seed corpora run in make test)
FUZZTIME ?= 2m
fuzz:
	go test -run '^$$' -fuzz '^FuzzParseFile$$' -fuzztime $(FUZZTIME) ./loader
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./partialdate
	go test -run '^$$' -fuzz '^FuzzDecodeCursor$$' -fuzztime $(FUZZTIME) ./store

## bench: the loader and API benchmarks behind bench/RESULTS.md (not part of test; about 75 minutes), on a Neo4j of their own
BENCH_NEO4J_PORT ?= 7690
BENCH_NEO4J_URI := bolt://127.0.0.1:$(BENCH_NEO4J_PORT)
# A large load is staged and fits the default 2 GB heap at scale 10; 12 GB
# keeps the figures comparable with earlier runs, when scale 10 was one
# transaction of about 4 GB (tools/neo4j/start.sh).
BENCH_NEO4J_HEAP ?= 12g
BENCH_SCALES ?= 1,10
BENCH_LOADER_RUNS ?= 3
BENCH_API_FLAGS ?= --runs 3 --duration 5s
BENCH_OUT ?= .data/bench
bench: build
	NEO4J_PORT=$(BENCH_NEO4J_PORT) NEO4J_HOME_DIR=$(CURDIR)/.data/neo4j-bench NEO4J_HEAP=$(BENCH_NEO4J_HEAP) \
		NEO4J_PAGECACHE=2g NEO4J_TX_MAX=0 tools/neo4j/start.sh
	mkdir -p $(BENCH_OUT)
	go run ./bench/loader --uri $(BENCH_NEO4J_URI) --scales $(BENCH_SCALES) --runs $(BENCH_LOADER_RUNS) --bin $(BIN) --out $(BENCH_OUT)/loader.md
	go run ./bench/api --neo4j $(BENCH_NEO4J_URI) --diplograph $(BIN) --scale 1 --replace $(BENCH_API_FLAGS) --out $(BENCH_OUT)/api.md
	@echo "figures: $(BENCH_OUT)/loader.md and $(BENCH_OUT)/api.md (bench/RESULTS.md quotes them)"

## abuse: attack a server on a generated graph (scale 1) with rows 1-6 of the hardening issue beside 16 dashboard clients, ABUSE_TIME with and without (about 4 minutes; bench/abuse), on the benchmarks' Neo4j
ABUSE_TIME ?= 60s
# The ratio target is about answering from Neo4j under attack: with the
# answer cache the dashboard's calm baseline is copies from memory, ten
# times the answers, and the ratio says little (bench/RESULTS.md, "Abuse").
# ABUSE_SERVE_FLAGS= runs the server's plain defaults.
ABUSE_SERVE_FLAGS ?= --answer-cache-mb 0
abuse: build
	NEO4J_PORT=$(BENCH_NEO4J_PORT) NEO4J_HOME_DIR=$(CURDIR)/.data/neo4j-bench tools/neo4j/start.sh
	rm -rf $(BENCH_OUT)/abuse-gen
	$(BIN) gen --scale 1 --seed 7 --out $(BENCH_OUT)/abuse-gen
	$(BIN) load --quiet --prune --uri $(BENCH_NEO4J_URI) fixtures $(BENCH_OUT)/abuse-gen
	go run ./bench/abuse -neo4j $(BENCH_NEO4J_URI) -binary $(BIN) -duration $(ABUSE_TIME) -serve-flags "$(ABUSE_SERVE_FLAGS)" -out $(BENCH_OUT)/abuse.md

## soak: serve the fixtures under SOAK_CLIENTS clients for SOAK_TIME on loopback (needs make run's Neo4j)
SOAK_TIME ?= 60s
SOAK_CLIENTS ?= 32
soak: build neo4j
	$(BIN) load --quiet --uri $(NEO4J_URI) fixtures
	go run ./bench/soak -neo4j $(NEO4J_URI) -binary $(BIN) -duration $(SOAK_TIME) -concurrency $(SOAK_CLIENTS)
