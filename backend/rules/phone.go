package rules

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// PhoneLocation is where a mainland phone number is registered (归属地), from
// libphonenumber's offline geocoding data: a mobile's number range or a
// landline's area code.
type PhoneLocation struct {
	// Known is false when the data has no place for the number (a new
	// number range): the location is then unknown, never guessed.
	Known bool `json:"known"`
	// Place is the data's name of the place, e.g. 广东省中山市 or 北京市.
	Place string `json:"place"`
	// Province is the province key (assets.Province.Key) of Place.
	Province string `json:"province"`
}

// LocatePhone returns the registered location of a mainland mobile or landline
// number ("13800138000", "0931-8123456", "+86 138 0013 8000").
func LocatePhone(v string) PhoneLocation {
	s := strings.ReplaceAll(normalizePhone(v), "-", "")
	if s == "" {
		return PhoneLocation{}
	}
	n, err := phonenumbers.Parse(s, "CN")
	if err != nil || n.GetCountryCode() != 86 {
		return PhoneLocation{}
	}
	place, err := phonenumbers.GetGeocodingForNumber(n, "zh")
	if err != nil {
		return PhoneLocation{}
	}
	if p := addressProvince(place); p != nil {
		return PhoneLocation{Known: true, Place: place, Province: p.Key}
	}
	// "中国" (country level only) or nothing: the range has no place yet.
	return PhoneLocation{}
}
