package pgstore

import (
	"net/url"
	"strconv"
	"strings"

	"icpdesk/backend"
)

// Login is what a clerk types to open a team workspace: Host is a name or
// address, or (a server on this machine) its socket folder such as
// /var/run/postgresql. Password may be
// empty: then the pgpass file (~/.pgpass, %APPDATA%\postgresql\pgpass.conf)
// supplies it, as for psql. It is never stored by ICP Desk.
type Login struct {
	Host     string `json:"host"`
	Port     int    `json:"port"` // 0 means 5432
	Database string `json:"database"`
	User     string `json:"user"`
	Password string `json:"password,omitempty"`
	TLS      string `json:"tls"` // libpq sslmode: disable, prefer, require, verify-ca, verify-full; "" means prefer
}

var tlsModes = map[string]bool{"disable": true, "allow": true, "prefer": true, "require": true, "verify-ca": true, "verify-full": true}

// DSN checks the login and returns its postgres:// URL.
func (l Login) DSN() (string, error) {
	l.Host, l.Database, l.User = strings.TrimSpace(l.Host), strings.TrimSpace(l.Database), strings.TrimSpace(l.User)
	switch {
	case l.Host == "" || (!strings.HasPrefix(l.Host, "/") && strings.ContainsAny(l.Host, "/?#@ ")):
		return "", backend.Errorf(backend.ECodeInvalid, "host", nil, "bad server address %q", l.Host)
	case l.Port < 0 || l.Port > 65535:
		return "", backend.Errorf(backend.ECodeInvalid, "port", nil, "bad port %d", l.Port)
	case l.Database == "":
		return "", backend.Errorf(backend.ECodeInvalid, "database", nil, "no database")
	case l.User == "":
		return "", backend.Errorf(backend.ECodeInvalid, "user", nil, "no user name")
	}
	if l.TLS == "" {
		l.TLS = "prefer"
	}
	if !tlsModes[l.TLS] {
		return "", backend.Errorf(backend.ECodeInvalid, "tls", map[string]any{"tls": l.TLS}, "unknown TLS mode %q", l.TLS)
	}
	q := url.Values{"sslmode": {l.TLS}}
	host := l.Host
	if strings.HasPrefix(host, "/") { // a Unix socket's folder (a server on this machine)
		q.Set("host", host)
		host = ""
	}
	if l.Port != 0 {
		q.Set("port", strconv.Itoa(l.Port))
	}
	u := url.URL{Scheme: "postgres", Host: host, Path: "/" + l.Database, RawQuery: q.Encode()}
	if l.Password != "" {
		u.User = url.UserPassword(l.User, l.Password)
	} else {
		u.User = url.User(l.User)
	}
	return u.String(), nil
}
