package rules

import (
	"strings"

	"icpdesk/backend"
)

// A website's own filing number (网站备案号, asked first by the console for a
// transfer) is the entity's number plus the website's serial: 京ICP备12345678号-1.
var (
	ruleWebsiteICPSite   = def("website.icp_number.site_suffix", backend.Warn, "A website's filing number ends with -n (the entity's number plus the website's serial)")
	ruleWebsiteICPEntity = def("website.icp_number.other_entity", backend.Warn, "The website's filing number does not extend the entity's filing number")
)

// checkWebsiteICPNumbers checks each website's filing number where one is
// given: its format (id.icp.*), the -n suffix, and that it extends the
// entity's number from the type step.
func (c *ctx) checkWebsiteICPNumbers(app *backend.Application) {
	var entity icpInfo
	if s := strings.TrimSpace(app.Answers.ExistingICPNumber); s != "" {
		// The entity's number is checked (with its findings) by the type
		// step; here it is only parsed, on a scratch context.
		entity = (&ctx{now: c.now, data: c.data}).checkICP(s, "")
	}
	for i, w := range app.Websites {
		v := strings.TrimSpace(w.ICPNumber)
		if v == "" {
			continue
		}
		f := join("websites", i, "icpNumber")
		info := c.checkICP(v, f)
		switch {
		case !info.ok:
		case info.site == "":
			c.add(ruleWebsiteICPSite, f)
		case entity.ok && (entity.province != info.province || entity.serial != info.serial):
			c.add(ruleWebsiteICPEntity, f, "entityNumber", strings.TrimSpace(app.Answers.ExistingICPNumber))
		}
	}
}
