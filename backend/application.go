package backend

import (
	"strings"
	"time"
)

// SchemaVersion is the version of the Application JSON document. Bump it with
// a migration in backend/store when the shape changes incompatibly.
const SchemaVersion = 1

// ApplicationType is the kind of filing (备案类型), application-types.md §1.
type ApplicationType string

const (
	TypeUnknown           ApplicationType = ""
	TypeFirst             ApplicationType = "first"               // 首次备案
	TypeAddWebsiteTencent ApplicationType = "add_website_tencent" // 新增网站（原备案在腾讯云）
	TypeAddWebsiteOther   ApplicationType = "add_website_other"   // 新增网站（原备案不在腾讯云）
	TypeTransfer          ApplicationType = "transfer"            // 接入备案
	TypeTransferTencent   ApplicationType = "transfer_tencent"    // 一键接入备案 (entity at Tencent, website filed elsewhere)
	TypeChange            ApplicationType = "change"              // 变更备案
	TypeChangeWebsite     ApplicationType = "change_website"      // 变更网站
)

// Status is the application's place in the state machine, process.md §4.
type Status string

const (
	StatusDraft            Status = "draft"
	StatusReady            Status = "ready"
	StatusSubmitted        Status = "submitted"
	StatusPrelimReview     Status = "prelim_review"
	StatusPhotoPending     Status = "photo_pending"
	StatusPhotoReview      Status = "photo_review"
	StatusWaitBureauSubmit Status = "wait_bureau_submit"
	StatusSMSPending       Status = "sms_pending"
	StatusBureauReview     Status = "bureau_review"
	StatusApproved         Status = "approved"
	StatusReturned         Status = "returned"
	StatusAbandoned        Status = "abandoned"
	StatusExpired          Status = "expired"
	StatusRejectedFinal    Status = "rejected_final"
)

// Flow is where the clerk files the order, which decides the materials:
// Tencent's web console asks for the signed checklist and the backdrop photo;
// the mini program verifies the face by video instead of the backdrop photo
// (QD 快速备案/首次备案/通过小程序进行首次备案.md, 视频核身) and takes a
// 网站备案承诺书 instead of the checklist.
type Flow string

const (
	FlowConsole     Flow = ""            // 控制台 (the default)
	FlowMiniProgram Flow = "miniprogram" // 备案小程序
)

// Client is an entity an agency prepares filings for; a single clerk has one.
type Client struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Contact   string    `json:"contact"`
	Phone     string    `json:"phone"`
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Answers are the clerk's answers to the type questions (rules.IdentifyType
// walks them). A nil pointer or an empty string means "not answered yet".
type Answers struct {
	Goal              string `json:"goal,omitempty"`              // what the clerk wants: file, change, cancel_entity, cancel_website, cancel_access
	EntityFiled       *bool  `json:"entityFiled,omitempty"`       // entity (same certificate number) already filed with MIIT
	DomainFiled       *bool  `json:"domainFiled,omitempty"`       // entity not filed: is the domain filed by anyone?
	EntityAtTencent   *bool  `json:"entityAtTencent,omitempty"`   // the entity's filing is accessed through Tencent Cloud
	DomainStatus      string `json:"domainStatus,omitempty"`      // entity filed: the domain is filed under none, this_entity, other_entity
	DomainAtTencent   *bool  `json:"domainAtTencent,omitempty"`   // domain filed under this entity: its website is accessed at Tencent already
	DataChanged       *bool  `json:"dataChanged,omitempty"`       // the filed data (address, phone, certificate…) are no longer current
	ChangeScope       string `json:"changeScope,omitempty"`       // goal change: entity, website or access (server only)
	LastWebsite       *bool  `json:"lastWebsite,omitempty"`       // goal cancel_website: it is the entity's only filed website
	DomainUnderEntity *bool  `json:"domainUnderEntity,omitempty"` // older drafts: domain under this entity's filing (now DomainStatus)
	DomainOtherEntity *bool  `json:"domainOtherEntity,omitempty"` // older drafts: domain filed under another entity (now DomainStatus)
	ExistingICPNumber string `json:"existingIcpNumber,omitempty"` // 主体备案号 when already filed
}

// IDValidity is a person's ID document validity (证件有效期).
type IDValidity struct {
	Start    string `json:"start,omitempty"` // YYYY-MM-DD
	End      string `json:"end,omitempty"`   // YYYY-MM-DD, empty when LongTerm
	LongTerm bool   `json:"longTerm,omitempty"`
}

// Person is a person in charge (负责人): of the entity or of a website.
type Person struct {
	Name           string     `json:"name"`
	IDType         string     `json:"idType"` // key in assets/data person ID types
	IDNumber       string     `json:"idNumber"`
	IDValidity     IDValidity `json:"idValidity"`
	Mobile         string     `json:"mobile"`
	OfficePhone    string     `json:"officePhone,omitempty"`
	EmergencyPhone string     `json:"emergencyPhone,omitempty"`
	Email          string     `json:"email"`
}

// Entity is the filing entity (主办单位), fields.md §4.
type Entity struct {
	Province    string `json:"province"` // province key, assets/data/provinces.json
	City        string `json:"city"`
	District    string `json:"district"`
	Nature      string `json:"nature"`   // entity nature key (主办单位性质)
	CertType    string `json:"certType"` // certificate type key (主办单位证件类型)
	CertNumber  string `json:"certNumber"`
	Name        string `json:"name"`
	CertAddress string `json:"certAddress"` // 证件住所
	Address     string `json:"address"`     // 通信地址
	Investor    string `json:"investor,omitempty"`
	LegalRep    string `json:"legalRep,omitempty"`
	Person      Person `json:"person"`
	Remark      string `json:"remark,omitempty"`
}

// PreApproval is one pre-approval (前置审批) the website needs.
type PreApproval struct {
	Kind   string `json:"kind"`
	Number string `json:"number"`
}

// Website is one website of the order, fields.md §5.
type Website struct {
	ID             string        `json:"id"` // stable within the application ("w1", "w2"…)
	Name           string        `json:"name"`
	Domains        []string      `json:"domains"`
	HomeURLs       []string      `json:"homeUrls,omitempty"`
	CloudService   string        `json:"cloudService,omitempty"`
	IP             string        `json:"ip,omitempty"`
	ServiceContent []string      `json:"serviceContent"`
	Languages      []string      `json:"languages"`
	PreApprovals   []PreApproval `json:"preApprovals,omitempty"`
	NoPreApproval  bool          `json:"noPreApproval,omitempty"` // "以上都不涉及"
	SameAsEntity   bool          `json:"sameAsEntity"`            // person in charge same as the entity's
	Person         Person        `json:"person"`
	Remark         string        `json:"remark,omitempty"`
	// ICPNumber is the website's own filing number (网站备案号, with -n) when
	// it is filed already: a transfer (接入备案) picks it in the console.
	ICPNumber string `json:"icpNumber,omitempty"`
}

// Application is one filing order: the whole document the wizard edits and the
// store keeps as versioned JSON.
type Application struct {
	Version  int             `json:"version"`
	Type     ApplicationType `json:"type"`
	Flow     Flow            `json:"flow,omitempty"` // where the clerk files: console (default) or mini program
	Answers  Answers         `json:"answers"`
	Entity   Entity          `json:"entity"`
	Websites []Website       `json:"websites"`
	// Confirmations are the clerk's ticks on hand-checks, by ConfirmationKey
	// (see confirmation.go); bookkeeping, not filed data.
	Confirmations map[string]Confirmation `json:"confirmations,omitempty"`
}

// NewApplication returns an empty application with one empty website.
func NewApplication() Application {
	return Application{
		Version:  SchemaVersion,
		Websites: []Website{{ID: "w1", SameAsEntity: true, Domains: []string{}, ServiceContent: []string{}, Languages: []string{"zh-CN"}}},
	}
}

// PrimaryDomain is the first domain of the first website, for lists.
func (a *Application) PrimaryDomain() string {
	for _, w := range a.Websites {
		for _, d := range w.Domains {
			if d != "" {
				return d
			}
		}
	}
	return ""
}

// Domains are every website's domains in order, trimmed, blanks left out
// (never nil): what a list row and a package manifest show whole.
func (a *Application) Domains() []string {
	out := []string{}
	for _, w := range a.Websites {
		for _, d := range w.Domains {
			if d = strings.TrimSpace(d); d != "" {
				out = append(out, d)
			}
		}
	}
	return out
}

// ApplicationRecord is an application with the bookkeeping the store adds.
type ApplicationRecord struct {
	ID       int64       `json:"id"`
	ClientID int64       `json:"clientId"`
	Status   Status      `json:"status"`
	Step     string      `json:"step,omitempty"` // wizard step last shown, for resume
	Doc      Application `json:"doc"`
	// Rev counts the document's saves (1 when created); SaveDraftFrom takes
	// the Rev a clerk's edits started from, to merge others' changes.
	Rev       int64      `json:"rev"`
	UpdatedBy string     `json:"updatedBy,omitempty"` // clerk of the last change ("" unknown)
	CreatedAt time.Time  `json:"createdAt"`
	UpdatedAt time.Time  `json:"updatedAt"`
	DeletedAt *time.Time `json:"deletedAt,omitempty"`
}
