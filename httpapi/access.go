package httpapi

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"

	rscors "github.com/rs/cors"
)

// Scopes a key may hold. Reading the graph needs "read" only when keys are
// required; anything that writes or administers needs "admin".
const (
	ScopeRead  = "read"
	ScopeAdmin = "admin"
)

// Key is an API key as configured: its name (for logs), the SHA-256 of the
// secret (never the secret itself), its scopes and, optionally, its own
// rate limit in place of the server's (rate 0: none).
type Key struct {
	Name      string     `json:"name"`
	SHA256    string     `json:"sha256"`
	Scopes    []string   `json:"scopes"`
	RateLimit *RateLimit `json:"rateLimit,omitempty"`
}

// LoadKeys reads a JSON list of keys.
func LoadKeys(path string) ([]Key, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("api keys: %w", err)
	}
	var keys []Key
	if err := json.Unmarshal(data, &keys); err != nil {
		return nil, fmt.Errorf("api keys %s: want a JSON list of {name, sha256, scopes}: %w", path, err)
	}
	for _, k := range keys {
		if k.Name == "" || len(k.SHA256) != 64 {
			return nil, fmt.Errorf("api keys %s: key %q needs a name and a 64-hex-digit sha256", path, k.Name)
		}
		for _, s := range k.Scopes {
			if s != ScopeRead && s != ScopeAdmin {
				return nil, fmt.Errorf("api keys %s: key %q has unknown scope %q", path, k.Name, s)
			}
		}
		if l := k.RateLimit; l != nil && (l.Rate < 0 || l.Rate > 0 && l.Burst < 1) {
			return nil, fmt.Errorf("api keys %s: key %q: rateLimit needs a rate of 0 (no limit) or more, and a burst of 1 or more", path, k.Name)
		}
	}
	return keys, nil
}

// HashKey is what a key file stores for a secret.
func HashKey(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

type identityKey struct{}

// identity is who a request comes from: a key's name, or its address.
type identity struct {
	key  *Key
	addr string
}

func (id identity) String() string {
	if id.key != nil {
		return "key:" + id.key.Name
	}
	return "addr:" + id.addr
}

func identityFrom(ctx context.Context) identity {
	id, _ := ctx.Value(identityKey{}).(identity)
	return id
}

// access checks API keys. A request may carry one as "Authorization:
// Bearer KEY" or "X-API-Key: KEY"; a key that is present but unknown is
// refused even where none is required.
type access struct {
	keys       []Key
	requireKey bool
	proxies    proxies
	// guesses throttles unknown-key attempts per address, so keys cannot be
	// tried at speed; refusals are logged through sampled, so a flood of
	// them cannot flood the logs.
	guesses *limiters
	sampled *sampledLog
}

// Unknown keys an address may try at once, and then each second.
var guessLimit = RateLimit{Rate: 1, Burst: 10}

func newAccess(keys []Key, requireKey bool, p proxies, log *slog.Logger) *access {
	return &access{keys: keys, requireKey: requireKey, proxies: p, guesses: newLimiters(guessLimit),
		sampled: newSampledLog(log)}
}

func presentedKey(r *http.Request) string {
	if k := r.Header.Get("X-API-Key"); k != "" {
		return k
	}
	if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") {
		return strings.TrimSpace(strings.TrimPrefix(auth, "Bearer "))
	}
	return ""
}

func (a *access) lookup(secret string) *Key {
	sum := HashKey(secret)
	var found *Key
	for i := range a.keys {
		// Compare with every key, so timing says nothing about which matched.
		if subtle.ConstantTimeCompare([]byte(sum), []byte(strings.ToLower(a.keys[i].SHA256))) == 1 {
			found = &a.keys[i]
		}
	}
	return found
}

// require wraps a handler that needs scope (empty: reading, which needs a
// key only when keys are required).
func (a *access) require(scope string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := identity{addr: a.proxies.clientAddr(r)}
		if secret := presentedKey(r); secret != "" {
			id.key = a.lookup(secret)
			if id.key == nil {
				if !allow(w, a.guesses.get(id.addr)) {
					return
				}
				a.sampled.warn("refused: unknown API key", "addr", id.addr, "path", r.URL.Path)
				unauthorized(w, "the API key is not valid")
				return
			}
		}
		needKey := scope != "" || a.requireKey
		if needKey && id.key == nil {
			a.sampled.info("refused: no API key", "addr", id.addr, "path", r.URL.Path)
			unauthorized(w, "this endpoint needs an API key (Authorization: Bearer KEY)")
			return
		}
		if id.key != nil {
			want := scope
			if want == "" {
				want = ScopeRead
			}
			if !slices.Contains(id.key.Scopes, want) && !slices.Contains(id.key.Scopes, ScopeAdmin) {
				a.sampled.warn("refused: API key lacks scope", "key", id.key.Name, "scope", want, "path", r.URL.Path)
				writeGraphQLError(w, http.StatusForbidden, "FORBIDDEN", fmt.Sprintf("the API key %q does not have the %q scope", id.key.Name, want))
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), identityKey{}, id)))
	})
}

func unauthorized(w http.ResponseWriter, msg string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="diplograph"`)
	writeGraphQLError(w, http.StatusUnauthorized, "UNAUTHENTICATED", msg)
}

// cors answers cross-origin requests from the allowed origins only; "*"
// allows any. Same-origin requests need no header. Every answer says it
// varies by Origin, so a shared cache never serves one origin's headers to
// another.
func cors(allowed []string, next http.Handler) http.Handler {
	return rscors.New(rscors.Options{
		AllowedOrigins: allowed,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Content-Type", "Authorization", "X-API-Key", RequestIDHeader},
		ExposedHeaders: []string{"Retry-After", RequestIDHeader},
		MaxAge:         600,
	}).Handler(next)
}
