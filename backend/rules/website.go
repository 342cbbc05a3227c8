package rules

import (
	"net"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/idna"

	"icpdesk/assets"
	"icpdesk/backend"
)

// Website rules (fields.md §5-6; application-types.md §3-4; rejections.md #7-9).
var (
	ruleWebsitesNone      = def("application.websites.none", backend.Block, "The order has no website")
	ruleWebsitesTooMany   = def("application.websites.too_many", backend.Block, "More websites in one order than allowed for this entity kind or province")
	ruleDomainsOrderMax   = def("application.domains.too_many", backend.Block, "More domains in one order than the province allows")
	ruleNameFewChinese    = def("website.name.too_few_chinese", backend.Block, "Website name has fewer than 3 Chinese characters")
	ruleNameDigits        = def("website.name.digits_only", backend.Block, "Website name is only digits")
	ruleNameLatin         = def("website.name.latin_only", backend.Block, "Website name is only Latin letters (and digits)")
	ruleNameSymbols       = def("website.name.special_chars", backend.Block, "Website name contains special symbols")
	ruleNameIsDomain      = def("website.name.is_domain", backend.Block, "Website name is a domain name")
	ruleNameLeading       = def("website.name.leading_word", backend.Block, "Website name begins with a word reserved for national bodies (中国, 国家 …)")
	ruleNameLeadingGov    = def("website.name.leading_word_gov", backend.Warn, "Government body's website name begins with a reserved word: only national bodies may")
	ruleNameContains      = def("website.name.contains_word", backend.Warn, "Website name contains 中国/中华/国家/中央")
	ruleNameSensitive     = def("website.name.sensitive", backend.Block, "Website name contains a sensitive word")
	ruleNameSensitiveHeur = def("website.name.sensitive_heuristic", backend.Warn, "Website name contains a word reviewers often treat as sensitive")
	ruleNameProvinceWord  = def("website.name.province_word", backend.Block, "Website name contains a word this province refuses")
	ruleNamePlaceProvince = def("website.name.individual_place_province", backend.Block, "The province refuses individuals' website names with a place name")
	ruleNamePlaceOrg      = def("website.name.place_province", backend.Warn, "The province wants place-name website names only with the matching authorisation")
	ruleNameLocalPortal   = def("website.name.local_portal", backend.Warn, "The province lets only government bodies run local portal websites")
	ruleNameIndivWord     = def("website.name.individual_word", backend.Block, "Individual's website name contains a company/organisation word")
	ruleNameIndivCommerce = def("website.name.individual_commercial", backend.Block, "Individual's website name contains a commercial word")
	ruleNameIndivHeur     = def("website.name.individual_heuristic", backend.Warn, "Individual's website name contains a forum/platform/studio-style word")
	ruleNameIndivBare     = def("website.name.individual_bare", backend.Warn, "Individual's website name is only 个人空间/个人博客")
	ruleNamePersonName    = def("website.name.person_name_province", backend.Block, "The province refuses a website named after a person")
	ruleNameIndivIsOwner  = def("website.name.individual_is_owner", backend.Block, "Individual's website name is the owner's name alone")
	ruleNameIndivOwnName  = def("website.name.individual_own_name", backend.Warn, "Individual's website name is or contains the owner's name")
	ruleNameIndivPlace    = def("website.name.individual_place", backend.Warn, "Individual's website name contains a place name")
	ruleNameDuplicate     = def("website.name.duplicate", backend.Warn, "Two websites of the order have the same name")
	rulePreKeyword        = def("website.preapproval.keyword", backend.Warn, "Website name suggests content that needs a pre-approval")
	rulePreIndividual     = def("website.preapproval.individual", backend.Block, "Individuals cannot file content that needs a pre-approval")
	rulePreIndivKeyword   = def("website.preapproval.individual_keyword", backend.Warn, "Individual's website name suggests industry content; consider an organisation filing")
	rulePreRemarkKeyword  = def("website.preapproval.remark_keyword", backend.Warn, "Website remark mentions content that needs a pre-approval (not negated)")
	rulePreKeywordProv    = def("website.preapproval.keyword_province", backend.Block, "The province refuses pre-approval keywords in a website name without the approval")
	rulePreUnanswered     = def("website.preapproval.unanswered", backend.Block, "Pre-approval question not answered")
	rulePreConflict       = def("website.preapproval.conflict", backend.Block, "Both 以上都不涉及 and pre-approval items are selected")
	rulePreKindUnknown    = def("website.preapproval.kind_unknown", backend.Block, "Unknown pre-approval category")
	rulePreNumber         = def("website.preapproval.number_missing", backend.Block, "Pre-approval selected without its approval number")
	rulePreDocument       = def("website.preapproval.document", backend.Info, "Upload the approval document for each pre-approval")
	ruleDomainDuplicate   = def("website.domains.duplicate", backend.Warn, "The same domain appears twice in the order")
	ruleDomainsPerSite    = def("website.domains.too_many", backend.Block, "More domains on one website than allowed")
	ruleDomainsStrict     = def("website.domains.more_than_one", backend.Warn, "More than one domain on a website (newer Tencent FAQ allows one)")
	ruleDomainProvTLD     = def("website.domains.province_tld", backend.Block, "The province refuses this domain suffix")
	ruleDomainTLDDisputed = def("website.domains.province_tld_disputed", backend.Warn, "Tencent's pages disagree whether the province accepts this domain suffix")
	ruleDomainLabelWord   = def("website.domains.label_word", backend.Block, "The province refuses 中国/国家 in the domain of a unit that is not a national body")
	ruleHomeURLCount      = def("website.home_urls.count", backend.Block, "Number of home-page URLs does not follow the province's rule")
	ruleHomeURLDomain     = def("website.home_urls.domain", backend.Block, "Home-page URL is not under one of the website's domains")
	ruleServiceUnknown    = def("website.service_content.unknown", backend.Block, "Unknown service-content option")
	ruleServiceOther      = def("website.service_content.other_remark", backend.Block, "Service content 其他 needs the planned content in the website remark")
	ruleServiceOtherProv  = def("website.service_content.other_remark_province", backend.Block, "The province wants service content 其他 described in the website remark")
	ruleServiceBlogNo     = def("website.service_content.individual_blog_forbidden", backend.Block, "The province does not let individuals pick 博客/个人空间")
	ruleServiceBlogReq    = def("website.service_content.individual_blog_required", backend.Block, "The province requires individuals to pick 博客/个人空间")
	ruleLanguageUnknown   = def("website.languages.unknown", backend.Warn, "Unknown website language")
	ruleCloudUnknown      = def("website.cloud_service.unknown", backend.Block, "Unknown cloud service")
	ruleIPFormat          = def("website.ip.format", backend.Block, "Website IP is not an IP address")
	ruleIPv6              = def("website.ip.ipv6", backend.Warn, "Website IP is a public IPv6 address; the console may expect the server's public IPv4")
	ruleIPPrivate         = def("website.ip.private", backend.Block, "Website IP is a private/reserved address, not the server's public IP")
	ruleRemarkRequired    = def("website.remark.individual_content", backend.Block, "The province wants individuals to describe the planned content in the remark")
	ruleRemarkTooShort    = def("website.remark.too_short", backend.Block, "Website remark shorter than the province's minimum")
	ruleRemarkStatement   = def("website.remark.personal_statement", backend.Block, "The remark lacks the province's fixed personal-site statement")
	ruleRemarkSameSite    = def("website.remark.same_site", backend.Block, "Several domains: the province wants the remark to say they point to the same website")
	ruleWebPersonIndiv    = def("website.person.individual_same", backend.Block, "Individual filing: the website person must be the individual")
	ruleWebPersonEqual    = def("website.person.must_equal_entity", backend.Block, "Entity person is not the legal rep, so the province wants the same website person")
	ruleWebPersonAuth     = def("website.person.auth_letter", backend.Info, "Website person is not the legal representative: authorisation letter needed")
)

// newSite reports whether the order files new websites (首次备案, 新增网站).
func newSite(t backend.ApplicationType) bool {
	return t == backend.TypeFirst || t == backend.TypeAddWebsiteTencent || t == backend.TypeAddWebsiteOther
}

func (c *ctx) checkWebsites(app *backend.Application, nature *assets.Nature) {
	e := &app.Entity
	individual := nature != nil && nature.Individual
	pc := c.province(e, individual)

	n := len(app.Websites)
	max := c.data.Limits.WebsitesPerOrderOrganisation
	if individual {
		max = c.data.Limits.WebsitesPerOrderIndividual
	}
	section := ""
	if pc.r.OneSiteOneDomainNew && newSite(effectiveType(app)) && max > 1 {
		max, section = 1, pc.section("one_site_one_domain_new")
	}
	switch {
	case n == 0:
		c.add(ruleWebsitesNone, "websites")
	case n > max:
		c.addAt(section, ruleWebsitesTooMany, "websites", "max", max, "count", n)
	}

	seen := map[string]string{} // ASCII domain → field of its first occurrence
	names := map[string]int{}
	totalDomains := 0
	for i := range app.Websites {
		w := &app.Websites[i]
		f := join("websites", i)
		c.checkWebsiteName(w, f, e, nature, pc)
		if name := strings.TrimSpace(w.Name); name != "" {
			if j, dup := names[name]; dup {
				c.add(ruleNameDuplicate, f+".name", "other", j+1)
			} else {
				names[name] = i
			}
		}
		totalDomains += c.checkWebsiteDomains(app, w, f, pc, seen)
		c.checkWebsiteOptions(w, f, individual, pc)
		c.checkPreApprovals(w, f, nature, pc)
		c.checkWebsitePerson(app, w, f, individual, pc)
	}
	limit, flag := pc.r.MaxDomainsOrder, "max_domains_order"
	if pc.r.MaxDomainsOrderFirst > 0 && effectiveType(app) == backend.TypeFirst && (limit == 0 || pc.r.MaxDomainsOrderFirst < limit) {
		limit, flag = pc.r.MaxDomainsOrderFirst, "max_domains_order_first"
	}
	if limit > 0 && totalDomains > limit {
		c.addProv(pc, flag, ruleDomainsOrderMax, "websites", "max", limit, "count", totalDomains)
	}
}

func countHan(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

func containsAny(s string, words []string) string {
	for _, w := range words {
		if w != "" && strings.Contains(strings.ToUpper(s), strings.ToUpper(w)) {
			return w
		}
	}
	return ""
}

// negations mark a clause that says what a website does not contain.
var negations = []string{"无", "不含", "不涉及", "没有", "不提供", "不开设", "不设", "不包含", "不包括", "未"}

// mentionsAny returns the first of words that s mentions outside a negated
// clause: "不含论坛、评论等功能" does not mention 论坛, "提供技术论坛" does.
func mentionsAny(s string, words []string) string {
	up := strings.ToUpper(s)
	for _, w := range words {
		w = strings.ToUpper(w)
		if w == "" {
			continue
		}
		for from := 0; ; {
			i := strings.Index(up[from:], w)
			if i < 0 {
				break
			}
			i += from
			clause := up[:i]
			if j := strings.LastIndexAny(clause, "，。；;,.!！?？\n"); j >= 0 {
				clause = clause[j:]
			}
			if containsAny(clause, negations) == "" {
				return w
			}
			from = i + len(w)
		}
	}
	return ""
}

// checkNamePersonName applies a province's ban on naming a website after a
// person: 河南 "不允许以…人名命名" (the name may not contain the person's
// name), 四川 "网站名称不能是…姓名" (the name may not be the name alone). The
// persons the order knows are the individual / the entity's person in charge
// and the legal representative.
func (c *ctx) checkNamePersonName(compact, nf string, e *backend.Entity, nature *assets.Nature, pc provCtx) {
	mode := pc.r.NameNoPersonName
	if mode == "" {
		return
	}
	names := []string{strings.TrimSpace(e.Person.Name)}
	if nature == nil || !nature.Individual {
		names = append(names, strings.TrimSpace(e.LegalRep))
	}
	for _, n := range names {
		if len([]rune(n)) < 2 || !hasHan(n) {
			continue
		}
		if mode == "exact" && compact == n || mode == "contains" && strings.Contains(compact, n) {
			c.addProv(pc, "name_no_person_name", ruleNamePersonName, nf, "person", n)
			return
		}
	}
}

func (c *ctx) checkWebsiteName(w *backend.Website, f string, e *backend.Entity, nature *assets.Nature, pc provCtx) {
	nf := f + ".name"
	if !c.checkText(w.Name, nf, true) {
		return
	}
	r := &c.data.NameRules
	name := strings.TrimSpace(w.Name)
	compact := strings.Join(strings.Fields(name), "")
	onlyDigits, onlyLatin, symbol := true, true, ""
	for _, ch := range compact {
		isDigit := ch >= '0' && ch <= '9' || ch >= '０' && ch <= '９'
		isLatin := ch < 0x80 && unicode.IsLetter(ch) || ch >= 'Ａ' && ch <= 'ｚ' && unicode.IsLetter(ch)
		if !isDigit {
			onlyDigits = false
		}
		if !isDigit && !isLatin {
			onlyLatin = false
		}
		if !isDigit && !isLatin && !unicode.Is(unicode.Han, ch) && !strings.ContainsRune(r.AllowedSymbols, ch) && symbol == "" {
			symbol = string(ch)
		}
	}
	switch {
	case onlyDigits:
		c.add(ruleNameDigits, nf)
	case onlyLatin:
		if strings.Contains(name, ".") && c.isDomainOf(name, w.Domains) {
			c.add(ruleNameIsDomain, nf)
		} else {
			c.add(ruleNameLatin, nf)
		}
	default:
		if symbol != "" {
			if strings.Contains(name, ".") && c.isDomainOf(name, w.Domains) {
				c.add(ruleNameIsDomain, nf)
			} else {
				c.add(ruleNameSymbols, nf, "char", symbol)
			}
		}
		if n := countHan(name); n < r.MinChineseChars {
			c.add(ruleNameFewChinese, nf, "min", r.MinChineseChars, "count", n)
		}
	}

	lead := ""
	for _, word := range r.LeadingForbidden {
		if strings.HasPrefix(compact, word) {
			lead = word
		}
	}
	national := nature != nil && nature.NationalBody
	switch {
	case lead != "" && national:
		c.add(ruleNameLeadingGov, nf, "word", lead)
	case lead != "":
		c.add(ruleNameLeading, nf, "word", lead)
	default:
		if word := containsAny(compact, r.ContainedWarn); word != "" && !national {
			c.add(ruleNameContains, nf, "word", word)
		}
	}
	if word := containsAny(compact, r.Sensitive); word != "" && word != lead {
		c.add(ruleNameSensitive, nf, "word", word)
	} else if word := containsAny(compact, r.SensitiveHeuristic); word != "" {
		c.add(ruleNameSensitiveHeur, nf, "word", word)
	}
	if word := containsAny(compact, pc.r.NameForbiddenWords); word != "" {
		c.addProv(pc, "name_forbidden_words", ruleNameProvinceWord, nf, "word", word)
	} else if word := containsAny(compact, pc.r.NameForbiddenIndividual); word != "" {
		c.addProv(pc, "name_forbidden_individual", ruleNameProvinceWord, nf, "word", word)
	}
	if pc.r.LocalPortalGovOnly && strings.Contains(compact, "门户") && (nature == nil || nature.Key != "government") {
		c.addProv(pc, "local_portal_gov_only", ruleNameLocalPortal, nf)
	}
	c.checkNamePersonName(compact, nf, e, nature, pc)
	if nature == nil || !nature.Individual {
		if word := containsAny(compact, r.PlaceNames); word != "" && word != lead && pc.r.PlaceNameWarn {
			c.addProv(pc, "place_name_warn", ruleNamePlaceOrg, nf, "word", word)
		}
		return
	}
	owner := strings.TrimSpace(e.Person.Name)
	switch {
	case contains(r.IndividualBare, compact):
		c.add(ruleNameIndivBare, nf)
	case owner != "" && compact == owner && pc.r.NameNoPersonName == "":
		c.add(ruleNameIndivIsOwner, nf, "owner", owner)
	case owner != "" && strings.Contains(compact, owner) && pc.r.NameNoPersonName != "contains" && compact != owner:
		c.add(ruleNameIndivOwnName, nf, "owner", owner)
	}
	if word := containsAny(compact, r.IndividualForbidden); word != "" {
		c.add(ruleNameIndivWord, nf, "word", word)
	}
	if word := containsAny(compact, r.IndividualCommerce); word != "" {
		c.add(ruleNameIndivCommerce, nf, "word", word)
	} else if word := containsAny(compact, r.IndividualHeuristic); word != "" {
		c.add(ruleNameIndivHeur, nf, "word", word)
	}
	if word := containsAny(compact, r.PlaceNames); word != "" && word != lead {
		switch {
		case pc.r.PlaceNameBlock:
			c.addProv(pc, "place_name_block", ruleNamePlaceProvince, nf, "word", word)
		case pc.r.PlaceNameWarn:
			c.addProv(pc, "place_name_warn", ruleNamePlaceOrg, nf, "word", word)
		default:
			c.add(ruleNameIndivPlace, nf, "word", word)
		}
	}
}

// isDomainOf reports whether a website name is a domain name: one of the
// website's domains (or under one), or a host name ending in a known TLD.
// "官网2.0" ends in ".0", a version number, not a domain.
func (c *ctx) isDomainOf(name string, domains []string) bool {
	n := NormalizeDomain(name)
	if n == "" {
		return false
	}
	for _, d := range domains {
		if dn := NormalizeDomain(d); dn != "" && (dn == n || strings.HasSuffix(n, "."+dn)) {
			return true
		}
	}
	labels := strings.Split(n, ".")
	tld := labels[len(labels)-1]
	if u, err := idna.Registration.ToUnicode(tld); err == nil {
		tld = u
	}
	return len(labels) > 1 && c.data.TLDs[strings.ToLower(tld)]
}

func (c *ctx) checkWebsiteDomains(app *backend.Application, w *backend.Website, f string, pc provCtx, seen map[string]string) int {
	pr := pc.r
	count := 0
	var infos []domainInfo
	n, _ := c.data.Nature(app.Entity.Nature)
	nationalBody := n != nil && n.NationalBody
	for j, d := range w.Domains {
		df := join(f, "domains", j)
		if strings.TrimSpace(d) == "" {
			c.add(ruleRequired, df)
			continue
		}
		count++
		info := c.checkDomain(d, df)
		if !info.ok {
			continue
		}
		infos = append(infos, info)
		key := info.registrable
		if first, dup := seen[key]; dup {
			c.add(ruleDomainDuplicate, df, "domain", d, "first", first)
		} else {
			seen[key] = df
		}
		disputed := contains(pr.DisputedTLDs, info.tld)
		forbidden := contains(pr.ForbiddenTLDs, info.tld) ||
			pr.ForbidCcTLD && !disputed && isASCII(info.tld) && len(info.tld) == 2 && info.tld != "cn"
		switch {
		case forbidden:
			flag := "forbidden_tlds"
			if !contains(pr.ForbiddenTLDs, info.tld) {
				flag = "forbid_cctld"
			}
			c.addProv(pc, flag, ruleDomainProvTLD, df, "tld", info.tld)
		case disputed:
			c.addProv(pc, "disputed_tlds", ruleDomainTLDDisputed, df, "tld", info.tld)
		}
		if len(pr.DomainLabelForbidden) > 0 && !nationalBody {
			name := strings.TrimSuffix(info.unicode, info.tld)
			if word := containsAny(name, pr.DomainLabelForbidden); word != "" {
				c.addProv(pc, "domain_label_forbidden", ruleDomainLabelWord, df, "word", word)
			}
		}
	}
	if count == 0 {
		c.add(ruleRequired, f+".domains")
		return 0
	}
	max, section := c.data.Limits.DomainsPerWebsiteMax, ""
	if pr.MaxDomainsPerSite > 0 && pr.MaxDomainsPerSite < max {
		max, section = pr.MaxDomainsPerSite, pc.section("max_domains_per_site")
	}
	if pr.MaxDomainsPerSiteFirst > 0 && effectiveType(app) == backend.TypeFirst && pr.MaxDomainsPerSiteFirst < max {
		max, section = pr.MaxDomainsPerSiteFirst, pc.section("max_domains_per_site_first")
	}
	if pr.OneSiteOneDomainNew && newSite(effectiveType(app)) && max > 1 {
		max, section = 1, pc.section("one_site_one_domain_new")
	}
	switch {
	case count > max:
		c.addAt(section, ruleDomainsPerSite, f+".domains", "max", max, "count", count)
	case count > c.data.Limits.DomainsPerWebsiteStrict:
		c.add(ruleDomainsStrict, f+".domains", "count", count)
	}
	if count > 1 && pr.MultiDomainRemark != "" && !strings.Contains(w.Remark, pr.MultiDomainRemark) {
		c.addProv(pc, "multi_domain_remark", ruleRemarkSameSite, f+".remark", "statement", pr.MultiDomainRemark)
	}

	urls := 0
	for j, u := range w.HomeURLs {
		if strings.TrimSpace(u) == "" {
			continue
		}
		urls++
		host := strings.TrimSpace(u)
		if !strings.Contains(host, "://") {
			host = "http://" + host
		}
		pu, err := url.Parse(host)
		ok := err == nil && pu.Hostname() != ""
		if ok {
			h := NormalizeDomain(pu.Hostname())
			ok = false
			for _, in := range infos {
				if h != "" && (h == in.ascii || strings.HasSuffix(h, "."+in.registrable) || h == in.registrable) {
					ok = true
				}
			}
		}
		if !ok {
			c.add(ruleHomeURLDomain, join(f, "homeUrls", j), "url", strings.TrimSpace(u))
		}
	}
	switch {
	case pr.HomeURL == "one" && urls > 1:
		c.addProv(pc, "home_url", ruleHomeURLCount, f+".homeUrls", "want", 1, "count", urls)
	case pr.HomeURL == "per_domain" && urls > 0 && urls != count:
		c.addProv(pc, "home_url", ruleHomeURLCount, f+".homeUrls", "want", count, "count", urls)
	}
	return count
}

func labelOf(list []assets.Label, key string) (assets.Label, bool) {
	for _, l := range list {
		if l.Key == key {
			return l, true
		}
	}
	return assets.Label{}, false
}

// placeholderRemarks are what clerks type to get past a required remark; they
// describe nothing ("详细说明网站开办后的内容/用途" is what the bureaus ask).
var placeholderRemarks = map[string]bool{"无": true, "暂无": true, "没有": true, "空": true, "略": true, "-": true, "/": true, "—": true, "无备注": true, "N/A": true, "NA": true, "NONE": true, "NULL": true, "其他": true, "其它": true, "个人网站": true}

// describingRemark is the remark when it can describe the website's content,
// "" when it is empty or a placeholder.
func describingRemark(s string) string {
	s = strings.TrimSpace(s)
	if placeholderRemarks[strings.ToUpper(strings.TrimRight(s, "。.！!"))] {
		return ""
	}
	return s
}

func (c *ctx) checkWebsiteOptions(w *backend.Website, f string, individual bool, pc provCtx) {
	pr := pc.r
	remark := describingRemark(w.Remark)
	if len(w.ServiceContent) == 0 {
		c.add(ruleRequired, f+".serviceContent")
	}
	blog := false
	for j, s := range w.ServiceContent {
		l, ok := labelOf(c.data.ServiceContent, s)
		switch {
		case !ok:
			c.add(ruleServiceUnknown, join(f, "serviceContent", j), "value", s)
		case l.NeedsRemark && remark == "" && pr.OtherNeedsRemark:
			c.addProv(pc, "other_needs_remark", ruleServiceOtherProv, f+".remark")
		case l.NeedsRemark && remark == "":
			c.add(ruleServiceOther, f+".remark")
		}
		if s == "blog" {
			blog = true
		}
	}
	if individual && pr.Blog == "forbidden" && blog {
		c.addProv(pc, "blog", ruleServiceBlogNo, f+".serviceContent")
	}
	if individual && pr.Blog == "required" && !blog && len(w.ServiceContent) > 0 {
		c.addProv(pc, "blog", ruleServiceBlogReq, f+".serviceContent")
	}
	if len(w.Languages) == 0 {
		c.add(ruleRequired, f+".languages")
	}
	for j, s := range w.Languages {
		if _, ok := labelOf(c.data.Languages, s); !ok {
			c.add(ruleLanguageUnknown, join(f, "languages", j), "value", s)
		}
	}
	ipNeeded := true
	if cs := strings.TrimSpace(w.CloudService); cs != "" {
		found := false
		for _, s := range c.data.CloudServices {
			if s.Key == cs {
				found, ipNeeded = true, s.IP
			}
		}
		if !found {
			c.add(ruleCloudUnknown, f+".cloudService", "value", cs)
		}
	}
	if ip := strings.TrimSpace(w.IP); ip != "" && ipNeeded {
		parsed := net.ParseIP(ip)
		switch {
		case parsed == nil:
			c.add(ruleIPFormat, f+".ip")
		case parsed.IsPrivate() || parsed.IsLoopback() || parsed.IsUnspecified() || parsed.IsLinkLocalUnicast() || parsed.IsMulticast() ||
			parsed.To4() != nil && parsed.To4()[0] == 100 && parsed.To4()[1]&0xc0 == 64 || !parsed.IsGlobalUnicast():
			c.add(ruleIPPrivate, f+".ip", "ip", ip)
		case parsed.To4() == nil:
			// The guide asks for a server with a public IP (公网IP), not for
			// IPv4: a public IPv6 address is one, but the console may want IPv4.
			c.add(ruleIPv6, f+".ip", "ip", ip)
		}
	}
	if individual {
		rf := f + ".remark"
		switch {
		case pr.RemarkContent && remark == "":
			c.addProv(pc, "remark_content", ruleRemarkRequired, rf)
		case pr.RemarkMinLen > 0 && len([]rune(remark)) < pr.RemarkMinLen:
			c.addProv(pc, "remark_min_len", ruleRemarkTooShort, rf, "min", pr.RemarkMinLen, "length", len([]rune(remark)))
		}
		if pr.RemarkStatement && !strings.Contains(remark, personalStatementKey) {
			c.addProv(pc, "remark_statement", ruleRemarkStatement, rf, "statement", PersonalStatement)
		}
	}
}

// PersonalStatement is the fixed statement some provinces want in an
// individual's website remark (各省管局要求: 山东, 内蒙古, 广西).
const PersonalStatement = "本网站是个人网站，不含有企业、单位等非个人网站的信息，若在核实中发现网站中含有企业、单位等信息，本人愿接受以虚假信息进行备案，注销网站，并将主体和域名加入黑名单的处罚。"

const personalStatementKey = "本网站是个人网站"

func (c *ctx) checkPreApprovals(w *backend.Website, f string, nature *assets.Nature, pc provCtx) {
	individual := nature != nil && nature.Individual
	pf := f + ".preApprovals"
	switch {
	case len(w.PreApprovals) == 0 && !w.NoPreApproval:
		c.add(rulePreUnanswered, pf)
	case len(w.PreApprovals) > 0 && w.NoPreApproval:
		c.add(rulePreConflict, pf)
	}
	chosen := map[string]bool{}
	for j, pa := range w.PreApprovals {
		kf := join(pf, j)
		var kind *assets.PreApprovalKind
		for k := range c.data.PreApprovals {
			if c.data.PreApprovals[k].Key == pa.Kind {
				kind = &c.data.PreApprovals[k]
			}
		}
		if kind == nil {
			c.add(rulePreKindUnknown, kf+".kind", "value", pa.Kind)
			continue
		}
		chosen[pa.Kind] = true
		if individual {
			c.add(rulePreIndividual, kf+".kind", "labelZh", kind.Zh, "labelEn", kind.En)
			continue
		}
		if strings.TrimSpace(pa.Number) == "" {
			c.add(rulePreNumber, kf+".number", "labelZh", kind.Zh, "labelEn", kind.En)
		}
		c.add(rulePreDocument, kf, "labelZh", kind.Zh, "labelEn", kind.En)
	}
	for _, kind := range c.data.PreApprovals {
		if chosen[kind.Key] {
			continue
		}
		word := containsAny(w.Name, kind.Keywords)
		inName := word != ""
		if !inName {
			// A remark that says what the site does NOT offer ("无论坛、评论等交互功能")
			// is what reviewers ask for, not a sign of the content.
			if word = mentionsAny(w.Remark, kind.Keywords); word != "" {
				c.add(rulePreRemarkKeyword, f+".remark", "word", word, "labelZh", kind.Zh, "labelEn", kind.En)
			}
			continue
		}
		naming := containsAny(w.Name, kind.NameKeywords)
		switch {
		case individual:
			c.add(rulePreIndivKeyword, f+".name", "word", word, "labelZh", kind.Zh, "labelEn", kind.En)
		case naming != "" && pc.r.PreapprovalNameBlock:
			word = naming
			c.addProv(pc, "preapproval_name_block", rulePreKeywordProv, f+".name", "word", word, "labelZh", kind.Zh, "labelEn", kind.En)
		case inName && pc.r.BBSNeedsApproval && kind.Key == "bbs":
			c.addProv(pc, "bbs_needs_approval", rulePreKeywordProv, f+".name", "word", word, "labelZh", kind.Zh, "labelEn", kind.En)
		default:
			c.add(rulePreKeyword, f+".name", "word", word, "labelZh", kind.Zh, "labelEn", kind.En)
		}
	}
}

func (c *ctx) checkWebsitePerson(app *backend.Application, w *backend.Website, f string, individual bool, pc provCtx) {
	e := &app.Entity
	pf := f + ".person"
	if w.SameAsEntity {
		return
	}
	c.checkPerson(&w.Person, pf, true, individual, pc, w.Remark, addressProvinceKey(e.Address, e.Province))
	samePerson := normalizeID(w.Person.IDNumber) == normalizeID(e.Person.IDNumber) && strings.TrimSpace(w.Person.Name) == strings.TrimSpace(e.Person.Name)
	if individual {
		if !samePerson {
			c.add(ruleWebPersonIndiv, pf+".name")
		}
		return
	}
	if !pc.ok {
		return
	}
	rep := strings.TrimSpace(e.LegalRep)
	entityIsRep := strings.TrimSpace(e.Person.Name) == rep
	if pc.r.WebsitePersonEqualsEntity && !entityIsRep && rep != "" && !samePerson {
		c.addProv(pc, "website_person_equals_entity", ruleWebPersonEqual, pf+".name")
	} else if pc.r.WebsitePersonAuthLetter && rep != "" && strings.TrimSpace(w.Person.Name) != rep {
		c.addProv(pc, "website_person_auth_letter", ruleWebPersonAuth, pf+".name")
	}
}
