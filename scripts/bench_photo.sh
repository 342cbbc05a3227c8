#!/usr/bin/env bash
# Photo pipeline: ICP Desk (Go) vs libvips vs ImageMagick on one
# 12-megapixel JPEG, in the same run (the tools take turns, run by run, so a
# change of load hits them alike). Prints wall time and peak RSS per tool,
# the machine's load before and after, then the Go benchmarks per stage,
# drop-to-checked-preview and the detection corpus.
# Needs: go, /usr/bin/time, libvips-tools (vips, vipsthumbnail), imagemagick.
#   apt-get install -y libvips-tools imagemagick time
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for t in vips vipsthumbnail /usr/bin/convert /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "missing $t (see the header of this script)" >&2; exit 2; }
done

go build -o "$tmp/icpdesk-cli" ./cmd/icpdesk-cli
# A card on a table with noise, 4000×3000, like a phone photo (~2–3 MB).
/usr/bin/convert -size 4000x3000 xc:'#323c37' -fill '#e4e8ec' -draw 'rectangle 700,600 3300,2240' \
  -fill '#1e1e23' -draw 'rectangle 900,800 2200,880' -draw 'rectangle 900,1000 2000,1080' \
  -fill '#dcaa87' -draw 'ellipse 2700,1400 280,420 0,360' -attenuate 0.4 +noise Gaussian -quality 92 "$tmp/in.jpg"
ls -l "$tmp/in.jpg" | awk '{print "input: 4000x3000 JPEG, " $5 " bytes"}'

# name, command: all decode the full JPEG, crop the card (with margin), resize to
# 2400 px long edge and encode JPEG. ICP Desk also runs the document detection,
# the perspective warp (straight into the 2400 px output, one pass), every
# check and the fit-to-2-MB quality search.
declare -a names cmds
names+=("icpdesk (decode+detect+warp+checks+export)")
cmds+=("$tmp/icpdesk-cli export photo --auto-crop person_id_front $tmp/in.jpg $tmp/out-icpdesk.jpg")
names+=("vips crop+resize (full decode)")
cmds+=("vips extract_area $tmp/in.jpg $tmp/crop.v 622 551 2756 1738 && vips resize $tmp/crop.v $tmp/out-vips.jpg[Q=90,strip] 0.8708")
names+=("vipsthumbnail (shrink-on-load)")
cmds+=("vipsthumbnail $tmp/in.jpg --size 2400 -o $tmp/out-thumb.jpg[Q=90,strip]")
names+=("convert crop+resize")
cmds+=("/usr/bin/convert $tmp/in.jpg -crop 2756x1738+622+551 -resize 2400x2400 -strip -quality 90 $tmp/out-im.jpg")

echo "machine: $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A times rss cpus
for r in $(seq "$RUNS"); do
  for i in "${!names[@]}"; do
    /usr/bin/time -v -o "$tmp/time.txt" bash -c "${cmds[$i]}" >/dev/null 2>"$tmp/err.txt" || { cat "$tmp/err.txt" >&2; }
    s=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); print (n==3)?a[1]*3600+a[2]*60+a[3]:a[1]*60+a[2]}' "$tmp/time.txt")
    m=$(awk -F': ' '/Maximum resident set size/{print int($2/1024)}' "$tmp/time.txt")
    c=$(awk -F': ' '/User time|System time/{t+=$2} END{print t}' "$tmp/time.txt")
    times[$i]="${times[$i]:-} $s"
    cpus[$i]="${cpus[$i]:-} $c"
    (( m > ${rss[$i]:-0} )) && rss[$i]=$m
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Wall time suffers most from a shared, loaded machine; CPU time (user+sys,
# all threads) is the steadier figure for comparing the tools' work.
printf '%-48s %10s %10s %10s %12s\n' tool "median s" "min s" "cpu s" "peak RSS MB"
for i in "${!names[@]}"; do
  sorted=$(printf '%s\n' ${times[$i]} | sort -n)
  med=$(echo "$sorted" | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  mn=$(echo "$sorted" | head -1)
  cpu=$(printf '%s\n' ${cpus[$i]} | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  printf '%-48s %10s %10s %10s %12s\n' "${names[$i]}" "$med" "$mn" "$cpu" "${rss[$i]}"
done
ls -l "$tmp"/out-*.jpg | awk '{print "output " $9 ": " $5 " bytes"}' | sed "s|$tmp/||"
echo "Go benchmarks (per stage, drop-to-checked-preview, detection corpus):"
go test -run XXX -bench 'Pipeline12MP|Stages12MP|DropToCheckedPreview' -benchtime 3x ./backend/photo/ | grep -E '^Benchmark'
go test -run XXX -bench 'CorpusDetection' -benchtime 1x ./backend/photo/ | grep -E '^Benchmark'
