package submit

import (
	"context"
	"sort"
	"time"

	"icpdesk/assets"
	"icpdesk/backend"
)

// DueItem is one open deadline of an application, for the due-soon list.
type DueItem struct {
	ApplicationID int64          `json:"applicationId"`
	ClientName    string         `json:"clientName"`
	EntityName    string         `json:"entityName"`
	PrimaryDomain string         `json:"primaryDomain"`
	Status        backend.Status `json:"status"`
	Deadline      Deadline       `json:"deadline"`
}

// Lister is a Store that also lists applications (the due-soon scan).
type Lister interface {
	Store
	ListApplications(ctx context.Context, f backend.ApplicationFilter) (backend.ApplicationPage, error)
}

var _ Lister = backend.Workspace(nil)

// DueAcross lists every deadline due within `within` of now (overdue
// included) across the live applications in a tracked status, soonest first.
// A read failure fails the list: it never reads as "nothing due".
func DueAcross(ctx context.Context, st Lister, now time.Time, within time.Duration) ([]DueItem, error) {
	out := []DueItem{}
	f := backend.ApplicationFilter{Statuses: backend.TrackedStatuses(), Limit: 500}
	for {
		page, err := st.ListApplications(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, sum := range page.Items {
			rec, err := st.GetApplication(ctx, sum.ID)
			if backend.ErrorCode(err) == backend.ECodeNotFound {
				continue // deleted meanwhile
			}
			if err != nil {
				return nil, err
			}
			events, err := st.ListEvents(ctx, sum.ID)
			if err != nil {
				return nil, err
			}
			var approval *Approval
			if rec.Status == backend.StatusApproved {
				if approval, err = GetApproval(ctx, st, sum.ID); err != nil {
					return nil, err
				}
			}
			prov, _ := assets.ProvinceByKey(rec.Doc.Entity.Province) // none chosen: no province rules
			for _, d := range DueSoon(Deadlines(rec, events, prov, approval, now), now, within) {
				out = append(out, DueItem{
					ApplicationID: sum.ID, ClientName: sum.ClientName, EntityName: sum.EntityName,
					PrimaryDomain: sum.PrimaryDomain, Status: rec.Status, Deadline: d,
				})
			}
		}
		f.Offset += len(page.Items)
		if len(page.Items) == 0 || f.Offset >= page.Total {
			break
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Deadline.Due.Before(out[j].Deadline.Due) })
	return out, nil
}
