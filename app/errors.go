package app

import (
	"encoding/json"
	"log"

	"icpdesk/backend"
)

// formatError turns any error a bound method returns into the JSON text of
// {code, field, params}, which the frontend maps to an i18n message. It is a
// string because the Wails runtime wraps the value in a JS Error (new
// Error(value)), which would turn an object into "[object Object]". Internal
// causes go to the log, never to the user.
func formatError(err error) any {
	e := backend.AsError(err)
	if e.Code == backend.ECodeInternal {
		log.Printf("internal error: %v", err)
	}
	params := e.Params
	if params == nil {
		params = map[string]any{}
	}
	b, jerr := json.Marshal(map[string]any{"code": e.Code, "field": e.Field, "params": params})
	if jerr != nil { // params that cannot be encoded: keep the code
		b, _ = json.Marshal(map[string]any{"code": e.Code, "field": e.Field, "params": map[string]any{}})
	}
	return string(b)
}
