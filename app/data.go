package app

import (
	"icpdesk/assets"
	"icpdesk/backend/checklist"
)

// loadData parses the embedded data tables once at start-up; a broken table
// stops the app with the file named instead of turning into empty lists or
// "no match" answers later.
func loadData() error {
	if err := assets.Load(); err != nil {
		return err
	}
	return checklist.Load()
}
