#!/bin/sh
# Rebuild public/fonts/myanmar-name.woff: the six glyphs of "မြန်မာ" (the language link's name for Burmese) from
# @fontsource/noto-sans-myanmar, with its shaping tables, so Thai and English pages draw the word without the 46 KB
# Burmese font and without any font service (issue 18). Needs fontTools (`pip install fonttools`). The font is under
# the SIL Open Font License; the name table (with the licence) is kept.
set -e
python3 -m fontTools.subset node_modules/@fontsource/noto-sans-myanmar/files/noto-sans-myanmar-myanmar-400-normal.woff \
  --text="မြန်မာ" --layout-features='*' --name-IDs='*' --notdef-outline --flavor=woff \
  --output-file=public/fonts/myanmar-name.woff
