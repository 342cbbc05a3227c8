package submit

import "time"

// Approval is what the clerk records once the filing is approved: the
// numbers, and how far the post-approval duties (footer, PSB) have got.
type Approval struct {
	ICPNumber      string               `json:"icpNumber"`      // entity number, 京ICP备12345678号
	WebsiteNumbers map[string]string    `json:"websiteNumbers"` // website id → 京ICP备12345678号-1
	ApprovedAt     time.Time            `json:"approvedAt"`
	FooterDone     bool                 `json:"footerDone"`
	PSB            map[string]PSBRecord `json:"psb,omitempty"` // website id → PSB filing
}

// PSBRecord is the public-security filing of one website.
type PSBRecord struct {
	Number     string     `json:"number,omitempty"` // 京公网安备 11010802020877号
	FiledAt    *time.Time `json:"filedAt,omitempty"`
	ApprovedAt *time.Time `json:"approvedAt,omitempty"`
	Displayed  bool       `json:"displayed,omitempty"`
}
