package app

import (
	"log"

	"icpdesk/backend"
)

// formatError turns any error a bound method returns into the
// {code, field, params} object the frontend maps to an i18n message. Internal
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
	return map[string]any{"code": e.Code, "field": e.Field, "params": params}
}
