package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/store"
)

// reloader reloads the configured fixtures: POST /admin/reload, admin keys
// only. One reload runs at a time; the load is the loader's, all or nothing.
type reloader struct {
	st      *store.Store
	paths   []string
	log     *slog.Logger
	metrics *metrics.Metrics // may be nil
	// reloaded is called after a reload that changed the graph.
	reloaded func()
	mu       sync.Mutex
}

func (rl *reloader) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if len(rl.paths) == 0 {
		writeGraphQLError(w, http.StatusNotFound, "NOT_FOUND", "no fixtures are configured for reloading (serve --fixtures)")
		return
	}
	if !rl.mu.TryLock() {
		writeGraphQLError(w, http.StatusConflict, "RELOAD_IN_PROGRESS", "a reload is already running")
		return
	}
	defer rl.mu.Unlock()
	in, err := loader.ReadContext(r.Context(), rl.paths)
	var invalid *loader.InvalidInputError
	if errors.As(err, &invalid) || errors.Is(err, loader.ErrNotRegular) {
		var problems []string
		if invalid != nil {
			for _, d := range invalid.Diagnostics {
				problems = append(problems, d.String())
			}
		} else {
			problems = []string{err.Error()}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_ = json.NewEncoder(w).Encode(map[string]any{"loaded": false, "problems": problems})
		return
	}
	if err != nil {
		rl.log.Error("reload: read fixtures", "err", err)
		writeGraphQLError(w, http.StatusInternalServerError, "INTERNAL", "internal error")
		return
	}
	defer in.Close()
	started := time.Now()
	sum, err := in.Write(r.Context(), rl.st, loader.Options{StageRows: store.DefaultStageRows})
	if rl.metrics != nil {
		rl.metrics.Load(sum, time.Since(started), err)
	}
	if err != nil {
		rl.log.Error("reload: write", "err", err)
		code, status := "INTERNAL", http.StatusInternalServerError
		if errors.Is(err, store.ErrUnavailable) {
			code, status = "UNAVAILABLE", http.StatusServiceUnavailable
		}
		writeGraphQLError(w, status, code, "the reload failed; the graph is unchanged")
		return
	}
	if sum.Changed() && rl.reloaded != nil {
		rl.reloaded()
	}
	rl.log.Info("reloaded fixtures", "key", identityFrom(r.Context()).String(), "files", len(in.Files), "changed", sum.Changed())
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"loaded": true, "files": len(in.Files), "rows": in.Batch.Rows(), "changed": sum.Changed()})
}
