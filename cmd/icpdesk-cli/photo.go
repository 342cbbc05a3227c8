package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"io"
	"os"
	"strings"

	"icpdesk/assets"
	"icpdesk/backend"
	"icpdesk/backend/photo"
)

func init() {
	commands["export"] = command{
		usage: "export photo [--watermark] [--auto-crop] <slot> <in> <out.jpg>   (slots: " + strings.Join(photoSlotKeys(), ", ") + ")" + exportUsage(),
		run:   runExport,
	}
}

// runExport dispatches "export <what>": photos here, other kinds registered
// in exportKinds by their own files.
func runExport(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if k, ok := exportKinds[args[0]]; ok {
			return k.run(args[1:], stdout, stderr)
		}
	}
	if len(args) == 0 || args[0] != "photo" {
		fmt.Fprintln(stderr, "icpdesk-cli export: usage: export photo [--watermark] [--auto-crop] <slot> <in> <out.jpg>")
		return 2
	}
	return exportPhoto(args[1:], stdout, stderr)
}

// checkPhoto implements "check photo [--auto-crop] <slot> <file>": one JSON
// finding per line; exit 0 nothing blocks, 1 something blocks, 2 unusable file.
func checkPhoto(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check photo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	auto := fs.Bool("auto-crop", false, "straighten and crop to the detected document first")
	pos, code := parsePhotoArgs(fs, args, 2, stderr, "check photo [--auto-crop] <slot> <file>")
	if code != 0 {
		return code
	}
	s, o, code := loadPhoto(pos[0], pos[1], stderr, "check photo", *auto)
	if code != 0 {
		return code
	}
	img, corners, code := adjusted(o, s, *auto, stderr, "check photo")
	if code != 0 {
		return code
	}
	findings := photo.Check(img, s, photo.CheckOptions{Field: "photos." + s.Key, Corners: corners})
	return printFindings(stdout, findings)
}

func exportPhoto(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export photo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	auto := fs.Bool("auto-crop", false, "straighten and crop to the detected document first")
	mark := fs.Bool("watermark", false, "add the watermark "+photo.WatermarkText)
	pos, code := parsePhotoArgs(fs, args, 3, stderr, "export photo [--watermark] [--auto-crop] <slot> <in> <out.jpg>")
	if code != 0 {
		return code
	}
	s, o, code := loadPhoto(pos[0], pos[1], stderr, "export photo", *auto)
	if code != 0 {
		return code
	}
	adj, sg := autoAdjust(o, s, *auto)
	p, err := photo.Process(o.Image, adj, sg, s, photo.ProcessOptions{Field: "photos." + s.Key, Watermark: *mark})
	if err != nil {
		return fail(stderr, "export photo", err)
	}
	if p.Data != nil {
		if err := writeFile(pos[2], p.Data); err != nil {
			fmt.Fprintf(stderr, "icpdesk-cli export photo: cannot write %s: %v\n", pos[2], err)
			return 2
		}
	}
	findings := p.Findings
	return printFindings(stdout, findings)
}

// parsePhotoArgs accepts flags anywhere and wants exactly n positional arguments.
func parsePhotoArgs(fs *flag.FlagSet, args []string, n int, stderr io.Writer, usage string) ([]string, int) {
	var flags, pos []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flags = append(flags, a)
		} else {
			pos = append(pos, a)
		}
	}
	if err := fs.Parse(flags); err != nil || len(pos) != n {
		fmt.Fprintf(stderr, "icpdesk-cli: usage: %s\n", usage)
		return nil, 2
	}
	return pos, 0
}

// loadPhoto decodes the photo for the slot; suggest says a crop suggestion
// follows (the analysis copy is then made while decoding).
func loadPhoto(slotKey, path string, stderr io.Writer, cmd string, suggest bool) (assets.PhotoSlot, *photo.Original, int) {
	s, ok := assets.PhotoSlotByKey(slotKey)
	if !ok {
		fmt.Fprintf(stderr, "icpdesk-cli %s: unknown slot %q (slots: %s)\n", cmd, slotKey, strings.Join(photoSlotKeys(), ", "))
		return s, nil, 2
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "icpdesk-cli %s: cannot read %s: %v\n", cmd, path, err)
		return s, nil, 2
	}
	defer f.Close()
	var opts []photo.DecodeOption
	if suggest && photo.SuggestsCrop(s) {
		opts = append(opts, photo.ForSuggestion)
	}
	o, err := photo.Decode(f, photo.DefaultLimits(), opts...)
	if err != nil {
		return s, nil, fail(stderr, cmd, err)
	}
	return s, o, 0
}

// autoAdjust is the adjustment the app applies on import: with auto, the
// detected document straightened to its four corners when the detector is
// confident; otherwise the upright original as it is.
func autoAdjust(o *photo.Original, s assets.PhotoSlot, auto bool) (photo.Adjust, photo.Suggestion) {
	var adj photo.Adjust
	var sg photo.Suggestion
	if auto {
		if sg = o.SuggestCrop(s); sg.Found && sg.Auto {
			adj.Corners = &sg.Corners
		}
	}
	return adj, sg
}

// adjusted renders the adjustment at the slot's export size in one pass;
// corners are the document's in the result when the suggestion gives them.
func adjusted(o *photo.Original, s assets.PhotoSlot, auto bool, stderr io.Writer, cmd string) (image.Image, *[4]photo.Point, int) {
	adj, sg := autoAdjust(o, s, auto)
	img, err := photo.RenderForExport(o.Image, adj, s.ExportMaxLongEdge)
	if err != nil {
		return nil, nil, fail(stderr, cmd, err)
	}
	return img, photo.DocumentIn(o.Image.Bounds(), adj, sg, s.ExportMaxLongEdge), 0
}

// hints are one-line English fixes for the coded import errors.
var hints = map[string]string{
	"photo.heic":             "HEIC photo: export it as JPEG (iPhone: Settings > Camera > Formats > Most Compatible, or share it as JPEG)",
	"photo.avif":             "AVIF image: save it as JPEG",
	"photo.jxl":              "JPEG XL image: save it as ordinary JPEG",
	"photo.gif":              "GIF image: save it as JPEG",
	"photo.pdf":              "PDF document: export the page as a JPEG image",
	"photo.psd":              "Photoshop file: export it as JPEG (and do not edit filing photos)",
	"photo.svg":              "vector drawing: photograph or scan the original document",
	"photo.raw":              "camera RAW file: export it as JPEG",
	"photo.empty":            "the file is empty",
	backend.ECodeTooLarge:    "the image is too large: take the photo at a normal resolution (≤ 50 megapixels) or resize it",
	backend.ECodeCorrupt:     "the file is damaged or incomplete: copy it again from the phone",
	backend.ECodeUnsupported: "not an image ICP Desk reads: use JPEG or PNG",
}

func fail(stderr io.Writer, cmd string, err error) int {
	e := backend.AsError(err)
	p, _ := json.Marshal(e.Params)
	h := hints[e.Code]
	if h == "" {
		h = err.Error()
	}
	fmt.Fprintf(stderr, "icpdesk-cli %s: %s: %s %s\n", cmd, e.Code, h, p)
	return 2
}

func printFindings(stdout io.Writer, fs []backend.Finding) int {
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, f := range fs {
		_ = enc.Encode(f)
	}
	if backend.Blocking(fs) {
		return 1
	}
	return 0
}

func photoSlotKeys() []string {
	d, err := assets.Photos()
	if err != nil {
		return nil
	}
	var k []string
	for _, s := range d.Slots {
		k = append(k, s.Key)
	}
	return k
}
