package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/diplograph/diplograph/httpapi"
)

// runKey makes a new API key: the secret for its holder, and the entry for
// the server's key file, which stores only the secret's hash.
func runKey(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("key", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: diplograph key --name NAME [--scopes read,admin]\n\nPrints a new API key and the JSON entry to add to the file given to serve --api-keys.\n\nFlags:")
		fs.PrintDefaults()
	}
	name := fs.String("name", "", "who the key is for (shown in logs)")
	scopes := fs.String("scopes", httpapi.ScopeRead, "comma-separated scopes: read, admin")
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if *name == "" {
		fmt.Fprintln(stderr, "diplograph key: --name is required")
		return exitInvalid
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		fmt.Fprintf(stderr, "diplograph key: %v\n", err)
		return exitFailure
	}
	secret := "dg_" + base64.RawURLEncoding.EncodeToString(raw)
	entry := httpapi.Key{Name: *name, SHA256: httpapi.HashKey(secret), Scopes: strings.Split(*scopes, ",")}
	for _, s := range entry.Scopes {
		if s != httpapi.ScopeRead && s != httpapi.ScopeAdmin {
			fmt.Fprintf(stderr, "diplograph key: unknown scope %q\n", s)
			return exitInvalid
		}
	}
	line, _ := json.Marshal(entry)
	fmt.Fprintf(stdout, "key (give to %s; it is not stored anywhere): %s\nentry for the --api-keys file: %s\n", *name, secret, line)
	return exitOK
}
