package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Codes of persisted-query answers. PERSISTED_QUERY_NOT_FOUND is the one
// Apollo clients understand: they resend the full query, which registers it.
const (
	CodePersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"
	CodePersistedQueryRequired = "PERSISTED_QUERY_REQUIRED"
)

// LoadPersisted reads a manifest of registered operations: a JSON object
// mapping each operation's SHA-256 (hex) to its text. A hash that does not
// match its text is refused, so the manifest cannot lie about what runs.
func LoadPersisted(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("persisted queries: %w", err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("persisted queries %s: want a JSON object of sha256 -> query: %w", path, err)
	}
	for hash, query := range m {
		if QueryHash(query) != hash {
			return nil, fmt.Errorf("persisted queries %s: %s is not the SHA-256 of its query (%s)", path, hash, QueryHash(query))
		}
	}
	return m, nil
}

// QueryHash is the SHA-256 of a query's text, as automatic persisted
// queries name it.
func QueryHash(query string) string {
	sum := sha256.Sum256([]byte(query))
	return hex.EncodeToString(sum[:])
}

// persisted serves the operations of the manifest by their hash. When
// locked, only they run: what a public embed uses. Otherwise clients may
// also register their own by sending a query with its hash, which gqlgen's
// automatic persisted queries (extension.AutomaticPersistedQuery, used
// after this one) remember; this one keeps the manifest, which gqlgen lacks.
type persisted struct {
	registry map[string]string
	locked   bool
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = persisted{}

func (persisted) ExtensionName() string                          { return "PersistedQueries" }
func (persisted) Validate(schema graphql.ExecutableSchema) error { return nil }

func (p persisted) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	hash := requestedHash(raw)
	if raw.Query == "" {
		if hash == "" {
			return nil // gqlgen answers that there is no query
		}
		if q, ok := p.registry[hash]; ok {
			raw.Query = q
			return nil
		}
		if p.locked {
			return refusal(CodePersistedQueryNotFound, "PersistedQueryNotFound")
		}
		return nil // the automatic persisted queries' cache may hold it
	}
	actual := QueryHash(raw.Query)
	if hash != "" && hash != actual {
		return refusal("BAD_USER_INPUT", "the persisted query hash does not match the query")
	}
	if p.locked {
		if _, ok := p.registry[actual]; !ok {
			return refuse(ctx, CodePersistedQueryRequired, "this server runs registered operations only; send the hash of one")
		}
	}
	return nil
}

func requestedHash(raw *graphql.RawParams) string {
	ext, _ := raw.Extensions["persistedQuery"].(map[string]any)
	h, _ := ext["sha256Hash"].(string)
	return h
}
