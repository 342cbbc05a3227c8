package backend

import "regexp"

var unsafePhotoKeyPart = regexp.MustCompile(`[^a-zA-Z0-9_]`)

// PhotoSlotKey is the storage key of a photo slot: the slot name for the
// entity's slots, "websites.<website id>.<slot>" for a website's (ids survive
// reordering, indexes do not), the id's characters other than letters, digits
// and "_" replaced by "_". The app stores photos under it and the submission
// package finds a photo's website by it.
func PhotoSlotKey(websiteID, slot string) string {
	if websiteID == "" {
		return slot
	}
	return "websites." + unsafePhotoKeyPart.ReplaceAllString(websiteID, "_") + "." + slot
}
