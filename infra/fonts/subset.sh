#!/usr/bin/env bash
# Remakes the fonts the invoice PDFs embed (src/FinOps.Infrastructure/Documents/Fonts) from Debian's DejaVu Sans.
# Two cuts per weight: "Core" (Latin-1, Latin Extended-A, dashes, quotes, €) is what nearly every invoice needs and
# keeps PDFs small; "Extended" adds Latin Extended-B/Additional, Greek and Cyrillic and is embedded only when a
# document uses one of those characters. Needs: apt-get install fonts-dejavu-core python3-fonttools.
set -euo pipefail
src=/usr/share/fonts/truetype/dejavu
out="$(cd "$(dirname "$0")/../.." && pwd)/src/FinOps.Infrastructure/Documents/Fonts"
core="U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-203A,U+20AC,U+2122,U+2212,U+25A1,U+FFFD"
extended="U+0020-007E,U+00A0-024F,U+0370-03FF,U+1F00-1FFF,U+0400-052F,U+1E00-1EFF,U+2010-2027,U+2030-203A,U+20A0-20BF,U+2122,U+2212,U+25A1,U+FFFD"
subset() { /usr/bin/python3 -m fontTools.subset "$src/$1" --unicodes="$2" --output-file="$out/$3"; }
subset DejaVuSans.ttf "$core" DejaVuSans-Core.ttf
subset DejaVuSans-Bold.ttf "$core" DejaVuSans-Bold-Core.ttf
subset DejaVuSans.ttf "$extended" DejaVuSans-Extended.ttf
subset DejaVuSans-Bold.ttf "$extended" DejaVuSans-Bold-Extended.ttf
cp /usr/share/doc/fonts-dejavu-core/copyright "$out/LICENSE-DejaVu.txt"
