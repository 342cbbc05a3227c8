package backend

import (
	"bytes"
	"context"
	"strconv"
)

// CopyOptions choose what CopyClients copies.
type CopyOptions struct {
	Client string // only the client with this name or id ("": all)
	Again  bool   // also copy clients the destination already has by name (as new clients)
	DryRun bool   // say what would be copied, write nothing
}

// CopyItem is one client CopyClients copied (or would copy, or skipped).
type CopyItem struct {
	Name         string `json:"name"`
	Applications int    `json:"applications"`
	Bytes        int    `json:"bytes"`   // size of its client file
	Skipped      bool   `json:"skipped"` // the destination has a client of this name
	Existing     int    `json:"existing"`
}

// CopyClients copies clients with everything they own (live applications,
// revisions, photos, checklists, timeline; not the trash) from src to dst,
// one client file (ExportClient → ImportClient) and one transaction per
// client. Copies are new records; a client whose name dst already has is
// skipped unless Again. dst may be nil for a dry run into a workspace that
// does not exist yet. A failure stops the copy: clients copied before it stay.
func CopyClients(ctx context.Context, src, dst Workspace, o CopyOptions) ([]CopyItem, error) {
	clients, err := src.ListClients(ctx)
	if err != nil {
		return nil, err
	}
	if o.Client != "" {
		id, _ := strconv.ParseInt(o.Client, 10, 64)
		var picked []ClientSummary
		for _, c := range clients {
			if c.Name == o.Client || c.ID == id {
				picked = append(picked, c)
			}
		}
		if len(picked) == 0 {
			return nil, Errorf(ECodeNotFound, "client", map[string]any{"client": o.Client}, "no client %q", o.Client)
		}
		clients = picked
	}
	have := map[string]int{}
	if dst != nil {
		existing, err := dst.ListClients(ctx)
		if err != nil {
			return nil, err
		}
		for _, c := range existing {
			have[c.Name] = c.Total
		}
	}
	items := []CopyItem{}
	for _, c := range clients {
		it := CopyItem{Name: c.Name, Applications: c.Total}
		if n, ok := have[c.Name]; ok && !o.Again {
			it.Skipped, it.Existing = true, n
			items = append(items, it)
			continue
		}
		var buf bytes.Buffer
		if err := src.ExportClient(ctx, c.ID, &buf); err != nil {
			return items, err
		}
		it.Bytes = buf.Len()
		if !o.DryRun {
			res, err := dst.ImportClient(ctx, &buf)
			if err != nil {
				return items, err
			}
			it.Applications = res.Applications
		}
		items = append(items, it)
	}
	return items, nil
}
