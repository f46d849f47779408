package httpapi

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// proxies are the reverse proxies whose forwarding header is believed, and
// which header that is: X-Forwarded-For (the default) or Forwarded. Only
// one is read, since a proxy that sets one passes the other on as the
// client wrote it.
type proxies struct {
	trusted []netip.Prefix
	header  string
}

// ParseTrustedProxies reads a comma-separated list of CIDRs or single
// addresses ("10.0.0.0/8, 192.0.2.7").
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			a, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("trusted proxies: %q is neither an address nor a CIDR", s)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("trusted proxies: %q is neither an address nor a CIDR", s)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func (p proxies) trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, pr := range p.trusted {
		if pr.Contains(a) {
			return true
		}
	}
	return false
}

// clientAddr is the address limits and logs know a client by: the peer's,
// unless the peer is a trusted proxy. Then it is the rightmost address of
// the forwarding header that is not a trusted proxy: each proxy appends
// the address it saw, so everything left of the first untrusted hop may
// be the client's invention.
func (p proxies) clientAddr(r *http.Request) string {
	peer, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		peer = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(peer)
	if err != nil || !p.trusts(addr) {
		return peer
	}
	hops := p.hops(r)
	client := addr.Unmap()
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			// "unknown" or an obfuscated name: the proxy that wrote it is
			// the last address known.
			break
		}
		client = a.Unmap()
		if !p.trusts(client) {
			break
		}
	}
	return client.String()
}

// hops lists the forwarding header's addresses, nearest the client first.
func (p proxies) hops(r *http.Request) []string {
	var out []string
	if strings.EqualFold(p.header, "Forwarded") {
		for _, line := range r.Header.Values("Forwarded") {
			for _, elem := range strings.Split(line, ",") {
				for _, pair := range strings.Split(elem, ";") {
					k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
					if ok && strings.EqualFold(k, "for") {
						out = append(out, forwardedNode(v))
					}
				}
			}
		}
		return out
	}
	for _, line := range r.Header.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(line, ",") {
			out = append(out, strings.TrimSpace(hop))
		}
	}
	return out
}

// forwardedNode is the address of a Forwarded "for" value: quoted or not,
// IPv6 in brackets, with or without a port (RFC 7239, section 6).
func forwardedNode(v string) string {
	v = strings.Trim(strings.TrimSpace(v), `"`)
	if strings.HasPrefix(v, "[") {
		if end := strings.Index(v, "]"); end > 0 {
			return v[1:end]
		}
		return v
	}
	if host, _, err := net.SplitHostPort(v); err == nil {
		return host
	}
	return v
}
