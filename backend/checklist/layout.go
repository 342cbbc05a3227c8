package checklist

import (
	"fmt"
	"math"
	"strings"
)

// Form text. Section and row wording follows shared/domain/checklist.md §5;
// the exact wording of Tencent's templates is unconfirmed.
const (
	titleText        = "网站备案信息真实性核验单"
	contTitleText    = "网站备案信息真实性核验单（续页）"
	sec1Title        = "一、网站主办者基本信息"
	sec1Note         = "（由网站主办者填写）"
	sec2Title        = "二、网站备案信息核验内容"
	sec2Note         = "（由接入服务单位核验人填写，网站主办者请勿填写或勾选）"
	sec3Title        = "三、网站备案信息核验承诺"
	ownerPromiseHead = "网站主办者承诺"
	ownerPromise     = "本单位（本人）承诺：所提交的网站备案信息及核验材料真实、准确、完整；已知悉并遵守国家互联网信息服务管理有关规定；网站备案信息发生变更时，将及时办理变更手续。"
	isPromiseHead    = "接入服务单位承诺"
	isPromise        = "本单位已按照工业和信息化部网站备案信息真实性核验工作要求，对网站主办者及网站负责人进行当面核验，核验结果真实有效，并妥善保存核验记录。"
	signOwner        = "网站负责人签字："
	signVerifier     = "核验人签字："
	sealOwner        = "单位盖章："
	sealIS           = "接入服务单位盖章："
	fingerprintLabel = "手印："
	noSealText       = "（个人备案无需盖章）"
	dateText         = "日期：　　　　年　　　月　　　日"
	handCopyTitle    = "网站负责人手写抄录承诺内容（黑色墨水，正楷书写，请勿打印）："
	watermarkText    = "草稿 — 未提交"
	yesNo            = "□是　　□否"
)

var variantSubtitle = map[Variant]string{
	GuangdongOrg:        "（广东省单位）",
	GuangdongIndividual: "（广东省个人）",
}

type checkRow struct {
	item, answer string // answer "" = item spans the item and answer columns
}

type checkGroup struct {
	category string
	rows     []checkRow
}

var checkGroups = []checkGroup{
	{"主体信息核验内容", []checkRow{
		{"核验网站主办者、网站负责人证件资质：", ""},
		{"单位证件资质：□工商营业执照　□组织机构代码证　□事业单位法人证书　□社会团体法人证书　□军队代号　□其他______", ""},
		{"个人证件资质：□身份证　□护照　□台胞证　□军官证　□户口簿　□其他______", ""},
		{"证件号码、证件名称报备信息是否正确", yesNo},
	}},
	{"联系方式核验内容", []checkRow{
		{"网站负责人手机号码报备信息是否正确", yesNo},
		{"网站负责人座机号码报备信息是否正确", yesNo},
		{"网站负责人电子邮箱、通信地址报备信息是否正确", yesNo},
	}},
	{"网站信息核验内容", []checkRow{
		{"网站名称报备信息是否规范", yesNo},
		{"网站域名报备信息是否正确", yesNo},
		{"是否涉及前置审批或专项审批", yesNo},
		{"前置审批或专项审批文件是否齐全", "□是　□否　□不涉及"},
		{"网站服务内容（项目）报备信息是否正确", yesNo},
	}},
	{"接入信息核验内容", []checkRow{
		{"接入服务提供者名称、接入方式、服务器放置地点、网站IP地址报备信息是否正确", yesNo},
		{"网站负责人照片", "□已采集"},
	}},
}

// Sizes (pt) and rules (mm).
const (
	titleSize  = 18.0
	headSize   = 11.5
	bodySize   = 10.0
	smallSize  = 8.5
	padX       = 2.0
	padYNormal = 1.4
	lineThin   = 0.3
	lineOuter  = 0.5
	labelW     = 36.0
	catW       = 24.0
	answerW    = 50.0
	headerFill = 232
	labelFill  = 246
	dashGray   = 110
)

// layout draws one form into d, from a fresh page.
type layout struct {
	d       *document
	fd      formData
	body    float64 // body text size
	rowMinH float64
	compact bool    // Guangdong individual: leave room for the hand-copy area on page one
	padY    float64 // vertical cell padding
}

func layoutForm(d *document, fd formData) {
	first := len(d.pages)
	d.addPage()
	l := &layout{d: d, fd: fd, body: bodySize, rowMinH: 7.6, padY: padYNormal}
	if fd.variant == GuangdongIndividual {
		l.body, l.rowMinH, l.compact, l.padY = 9, 6, true, 0.8
	}
	l.title()
	l.section1()
	l.section2()
	l.section3()
	if fd.variant == GuangdongIndividual {
		l.handCopyArea()
	}
	l.finish(first)
}

func (l *layout) newPage() {
	d := l.d
	d.addPage()
	w := d.width(contTitleText, 12)
	d.text((pageW-w)/2, d.y, 12, contTitleText, 0, true)
	d.y += lineHeight(12) + 2
}

// ensure starts a new page unless h mm still fit on this one.
func (l *layout) ensure(h float64) {
	if l.d.remaining() < h {
		l.newPage()
	}
}

func (l *layout) title() {
	d := l.d
	w := d.width(titleText, titleSize)
	d.text((pageW-w)/2, d.y, titleSize, titleText, 0, true)
	d.y += lineHeight(titleSize)
	if sub := variantSubtitle[l.fd.variant]; sub != "" {
		w := d.width(sub, 11)
		d.text((pageW-w)/2, d.y, 11, sub, 0, false)
		d.y += lineHeight(11)
	}
	d.y += 2
}

// sectionHeader draws a section's title bar, on a new page unless keep mm of
// the section's first content fit below it.
func (l *layout) sectionHeader(title, note string, keep float64) {
	d := l.d
	h := lineHeight(headSize) + 2*l.padY
	l.ensure(h + keep)
	d.rect(marginX, d.y, contW, h, lineOuter, headerFill, false)
	d.text(marginX+padX, d.y+l.padY, headSize, title, 0, true)
	if note != "" {
		tw := d.width(title, headSize)
		d.text(marginX+padX+tw+2, d.y+l.padY+(lineHeight(headSize)-lineHeight(smallSize))/2, smallSize, note, 60, false)
	}
	d.y += h
}

func (l *layout) lines(x, top float64, lines []string, size float64, gray int) {
	for i, s := range lines {
		l.d.text(x, top+float64(i)*lineHeight(size), size, s, gray, false)
	}
}

// infoRow draws a label/value row; a value too tall for the page continues on
// the next one with the label marked （续）.
func (l *layout) infoRow(label, value string, minH float64) {
	d := l.d
	lh := lineHeight(l.body)
	valueW := contW - labelW
	vals := d.wrap(value, valueW-2*padX, l.body)
	labs := d.wrap(label, labelW-2*padX, l.body)
	for {
		n := max(len(vals), len(labs))
		h := max(float64(n)*lh+2*l.padY, minH)
		if h <= d.remaining() {
			l.drawInfoRow(labs, vals, h)
			return
		}
		fit := int(math.Floor((d.remaining() - 2*l.padY) / lh))
		if fit < 2 || fit < len(labs) {
			l.newPage()
			continue
		}
		h = float64(fit)*lh + 2*l.padY
		l.drawInfoRow(labs, vals[:min(fit, len(vals))], h)
		vals = vals[min(fit, len(vals)):]
		l.newPage()
		labs = d.wrap(label+"（续）", labelW-2*padX, l.body)
		minH = l.rowMinH
	}
}

func (l *layout) drawInfoRow(labs, vals []string, h float64) {
	d := l.d
	d.rect(marginX, d.y, labelW, h, lineThin, labelFill, false)
	d.rect(marginX+labelW, d.y, contW-labelW, h, lineThin, -1, false)
	lh := lineHeight(l.body)
	top := d.y + (h-float64(len(labs))*lh)/2
	l.lines(marginX+padX, top, labs, l.body, 0)
	vtop := d.y + l.padY
	if len(vals) == 1 {
		vtop = d.y + (h-lh)/2
	}
	l.lines(marginX+labelW+padX, vtop, vals, l.body, 0)
	d.y += h
}

func (l *layout) section1() {
	fd := l.fd
	l.sectionHeader(sec1Title, sec1Note, l.rowMinH)
	minH, domH := l.rowMinH, l.rowMinH
	if fd.blank { // room for handwriting
		minH, domH = 9.5, 13
		if l.compact {
			minH, domH = 7, 8.5
		}
	}
	l.infoRow("网站主办者名称", fd.entityName, minH)
	l.infoRow("网站负责人姓名", fd.personName, minH)
	l.infoRow("网站名称", fd.websiteName, minH)
	l.infoRow("网站域名", strings.Join(fd.domains, "；"), domH)
}

func (l *layout) section2() {
	d := l.d
	if l.fd.blank && !l.compact { // pays for the taller handwriting rows above
		defer func(p, m float64) { l.padY, l.rowMinH = p, m }(l.padY, l.rowMinH)
		l.padY, l.rowMinH = 1.0, 6.6
	}
	l.sectionHeader(sec2Title, sec2Note, 3*l.rowMinH)
	lh := lineHeight(l.body)
	itemW := contW - catW - answerW
	for _, g := range checkGroups {
		type row struct {
			lines []string
			ans   []string
			span  bool
			h     float64
		}
		var rows []row
		total := 0.0
		for _, r := range g.rows {
			var rw row
			if r.answer == "" {
				rw.span = true
				rw.lines = d.wrap(r.item, itemW+answerW-2*padX, l.body)
			} else {
				rw.lines = d.wrap(r.item, itemW-2*padX, l.body)
				rw.ans = d.wrap(r.answer, answerW-2*padX, l.body)
			}
			rw.h = max(float64(max(len(rw.lines), len(rw.ans)))*lh+2*l.padY, l.rowMinH)
			total += rw.h
			rows = append(rows, rw)
		}
		l.ensure(total)
		y0 := d.y
		d.rect(marginX, y0, catW, total, lineThin, labelFill, false)
		cat := d.wrap(g.category, catW-2*padX, l.body)
		l.lines(marginX+padX, y0+(total-float64(len(cat))*lh)/2, cat, l.body, 0)
		x := marginX + catW
		for _, r := range rows {
			if r.span {
				d.rect(x, d.y, itemW+answerW, r.h, lineThin, -1, false)
				l.lines(x+padX, d.y+(r.h-float64(len(r.lines))*lh)/2, r.lines, l.body, 0)
			} else {
				d.rect(x, d.y, itemW, r.h, lineThin, -1, false)
				d.rect(x+itemW, d.y, answerW, r.h, lineThin, -1, false)
				l.lines(x+padX, d.y+(r.h-float64(len(r.lines))*lh)/2, r.lines, l.body, 0)
				l.lines(x+itemW+padX, d.y+(r.h-float64(len(r.ans))*lh)/2, r.ans, l.body, 0)
			}
			d.y += r.h
		}
	}
}

// signBlock draws a signature/seal/date area in a column; it returns its height.
// Every box is dashed and empty: ink, seal and fingerprint are added by hand.
func (l *layout) signBlock(x, y, w float64, sign, seal string, fingerprint, noSeal bool, remark string, drawH float64) float64 {
	d := l.d
	capH := lineHeight(smallSize)
	sigW, sigH := 46.0, 17.0
	maxR := 14.0
	if l.compact {
		sigH, maxR = 14, 10.5
	}
	right := x + padX + sigW + 3
	rightW := x + w - padX - right
	h := capH + sigH
	if remark != "" {
		h += lineHeight(9) + 1
	}
	sealR := min(rightW/2, maxR)
	if seal != "" {
		h = max(h, capH+2*sealR+1)
	}
	if fingerprint {
		h = max(h, capH+20)
	}
	h += 2 + lineHeight(l.body) + 1
	if drawH <= 0 {
		return h
	}
	h = drawH // align the date lines of both columns
	d.text(x+padX, y, smallSize, sign, 0, false)
	d.rect(x+padX, y+capH, sigW, sigH, lineThin, -1, true)
	if remark != "" {
		d.text(x+padX, y+capH+sigH+1, 9, remark, 0, false)
	}
	switch {
	case fingerprint:
		d.text(right, y, smallSize, fingerprintLabel, 0, false)
		d.rect(right, y+capH, 20, 20, lineThin, -1, true)
	case seal != "":
		d.text(right, y, smallSize, seal, 0, false)
		d.circle(right+rightW/2, y+capH+sealR+0.5, sealR, lineThin, true)
	case noSeal:
		d.text(right, y+capH+sigH/2-capH/2, smallSize, noSealText, 90, false)
	}
	d.text(x+padX, y+h-lineHeight(l.body)-1, l.body, dateText, 0, false)
	return h
}

func (l *layout) section3() {
	d := l.d
	fd := l.fd
	colW := contW / 2
	textSize := l.body - 0.5
	left := d.wrap(ownerPromise, colW-2*padX, textSize)
	right := d.wrap(isPromise, colW-2*padX, textSize)
	headH := lineHeight(l.body) + 1
	textH := float64(max(len(left), len(right))) * lineHeight(textSize)
	ownerSeal := sealOwner
	if fd.individual {
		ownerSeal = ""
	}
	sb1 := l.signBlock(0, 0, colW, signOwner, ownerSeal, fd.fingerprint, fd.individual, fd.selfEmployed, 0)
	sb2 := l.signBlock(0, 0, colW, signVerifier, sealIS, false, false, "", 0)
	h := l.padY + headH + textH + 3 + max(sb1, sb2) + l.padY
	l.sectionHeader(sec3Title, "", h)
	l.ensure(h)
	y := d.y
	d.rect(marginX, y, colW, h, lineThin, -1, false)
	d.rect(marginX+colW, y, colW, h, lineThin, -1, false)
	for i, c := range []struct {
		head  string
		lines []string
	}{{ownerPromiseHead, left}, {isPromiseHead, right}} {
		x := marginX + float64(i)*colW
		hw := d.width(c.head, l.body)
		d.text(x+(colW-hw)/2, y+l.padY, l.body, c.head, 0, true)
		l.lines(x+padX, y+l.padY+headH, c.lines, textSize, 0)
	}
	sy := y + l.padY + headH + textH + 3
	l.signBlock(marginX, sy, colW, signOwner, ownerSeal, fd.fingerprint, fd.individual, fd.selfEmployed, max(sb1, sb2))
	l.signBlock(marginX+colW, sy, colW, signVerifier, sealIS, false, false, "", max(sb1, sb2))
	d.y += h
	d.rect(marginX, y, contW, h, lineOuter, -1, false)
}

// handCopyArea leaves ruled lines for the Guangdong individual statement,
// which must be handwritten: its text is never printed.
func (l *layout) handCopyArea() {
	d := l.d
	const spacing, minLines = 7.5, 5
	capH := lineHeight(l.body) + 2*l.padY
	l.ensure(capH + minLines*spacing + 2)
	n := max(minLines, min(7, int((d.remaining()-capH-2)/spacing)))
	h := capH + float64(n)*spacing + 2
	y := d.y
	d.rect(marginX, y, contW, h, lineOuter, -1, false)
	d.text(marginX+padX, y+l.padY, l.body, handCopyTitle, 0, true)
	for i := 1; i <= n; i++ {
		ly := y + capH + float64(i)*spacing
		d.line(marginX+padX+2, ly, marginX+contW-padX-2, ly, 0.2, false)
	}
	d.y += h
}

// finish adds the watermark and, for forms of several pages, page numbers.
func (l *layout) finish(first int) {
	d := l.d
	n := len(d.pages) - first
	for i := first; i < len(d.pages); i++ {
		d.cur = i
		if n > 1 {
			s := fmt.Sprintf("第 %d 页，共 %d 页", i-first+1, n)
			w := d.width(s, smallSize)
			d.text((pageW-w)/2, pageH-marginB+3, smallSize, s, 80, false)
		}
		if d.opts.Draft {
			d.emit(op{kind: opWatermark, x: pageW / 2, y: pageH / 2, w: d.width(watermarkText, 60), text: watermarkText, size: 60, gray: 150})
		}
	}
	d.cur = len(d.pages) - 1
}
