#!/usr/bin/env bash
# The HTML report's markup (the browser test, tests/browser/report.sh, renders it): one
# self-contained page, interface language and direction, article text escaped (the XSS
# fixture), timelines for dated series, and in pre-publication mode the draft first.
source "$(dirname "$0")/lib.bash"

cd "$SRC"
"$TADQIQ" check fixtures/seeds --no-cache --format html -o "$WORK/seeds.html" --fail-on never
"$TADQIQ" check fixtures/seeds --no-cache --format html --lang ar -o "$WORK/seeds-ar.html" --fail-on never
"$TADQIQ" check tests/fixtures/xss/articles --no-cache --format html -o "$WORK/xss.html" --fail-on never
# check and compare of JSONL sheets draw the series from the groups as the streamed comparison
# reads them; compare of a JSON array from standard input draws them from the sheets in memory:
# the pages must be the same.
"$TADQIQ" extract fixtures/seeds --no-cache --format json -o "$WORK/seeds-sheets.json"
"$TADQIQ" extract fixtures/seeds --no-cache --format jsonl -o "$WORK/seeds-sheets.jsonl"
"$TADQIQ" compare --format html --fail-on never - < "$WORK/seeds-sheets.json" > "$WORK/seeds-mem.html"
"$TADQIQ" compare --format html --fail-on never "$WORK/seeds-sheets.jsonl" > "$WORK/seeds-stream.html"
cmp -s "$WORK/seeds.html" "$WORK/seeds-mem.html" && pass || fail "check's HTML (streamed series) differs from compare's of sheets in memory"
cmp -s "$WORK/seeds-stream.html" "$WORK/seeds-mem.html" && pass || fail "compare's HTML of JSONL sheets differs from that of a JSON array"
grep -q 'id="series-' "$WORK/seeds-mem.html" && pass || fail "the seed report should draw series"
cd "$WORK"
H="$WORK/seeds.html"
expect_grep '^<html lang="en" dir="ltr">$' "$H" "English interface, left to right"
expect_grep '^<html lang="ar" dir="rtl">$' "$WORK/seeds-ar.html" "--lang ar: Arabic interface, right to left"
expect_grep '<h1>تقرير تدقيق التناقضات</h1>' "$WORK/seeds-ar.html" "--lang ar: Arabic strings"
expect_grep "Content-Security-Policy\" content=\"default-src 'none'" "$H" "a CSP that allows no request"
# Self-contained: no external resource, no link or source outside the page.
expect_no_grep '(src|href)="(https?:)?//' "$H" "no external resource"
expect_no_grep '<link |@import|url\(' "$H" "no stylesheet or font loaded"
expect_grep '<blockquote class="sentence" lang="ar" dir="rtl">' "$H" "evidence sentences are right to left"
# The seed corpus's findings and timelines.
python3 - "$H" > "$WORK/py.out" 2>&1 <<'PY' && pass || { fail "seed report content"; sed 's/^/    /' "$WORK/py.out" | head; }
import re, sys
h = open(sys.argv[1], encoding='utf-8').read()
findings = re.findall(r'<details class="finding [^"]*" id="f-[^"]+" data-severity="(\w+)" data-kind="(\w+)"', h)
assert findings, 'no finding'
kinds = {k for _, k in findings}
assert {'quantity', 'ordinal', 'title'} <= kinds, kinds
timelines = re.findall(r'<figure class="series[^"]*" id="series-\d+">\s*<figcaption>.*?<code dir="ltr">([^<]+)</code>', h)
assert 'killed/gaza/cumulative' in timelines, timelines
assert any('/visit@' in t for t in timelines), timelines
assert h.count('<svg class="timeline"') == len(timelines)
assert len(re.findall(r'<g class="pt', h)) >= 2 * len(timelines)
assert h.index('id="summary"') < h.index('id="findings"') < h.index('id="timelines"')
assert 'id="drafts"' not in h
print(len(findings), 'findings,', len(timelines), 'timelines')
PY

# Article text is escaped everywhere: titles, sources, sentences, and mustache tags in input.
X="$WORK/xss.html"
n_scripts=$(grep -o '<script' "$X" | wc -l)
if [ "$n_scripts" = 2 ]; then pass; else fail "only the report's two script blocks ($n_scripts)"; fi
expect_no_grep '<script>alert|<img |<iframe |<svg onload|onerror=alert\(1\)>' "$X" "no payload as markup"
expect_grep '&lt;script&gt;alert\(1\)&lt;/script&gt;' "$X" "<script> in a sentence as text"
expect_grep '&lt;/script&gt;&lt;script&gt;window.__xss = 1&lt;/script&gt;' "$X" "a title closing the script as text"
expect_grep '&lt;img src=x onerror=alert\(1\)&gt;' "$X" "an attribute breakout as text"
expect_grep '\{\{title\}\} \{\{\{script\}\}\}' "$X" "mustache tags in input are not expanded"
expect_no_grep 'window.__xss = 1</script>' "$X" "no closing of the summary block"

# Pre-publication: the draft's section, findings and evidence come first.
mkdir -p "$WORK/archive" "$WORK/drafts"
printf -- '---\ntitle: archive one\ndate: 2024-03-01\n---\nوبلغت حصيلة الشهداء في غزة 30,000 شهيد منذ بدء الحرب.\n' > "$WORK/archive/a.md"
printf -- '---\ntitle: archive two\ndate: 2024-03-02\n---\nوبلغت حصيلة الشهداء في غزة 30,100 شهيد منذ بدء الحرب.\n' > "$WORK/archive/b.md"
printf -- '---\ntitle: the draft\ndate: 2024-04-01\n---\nوبلغت حصيلة الشهداء في غزة 25,000 شهيد منذ بدء الحرب.\n' > "$WORK/drafts/draft.md"
"$TADQIQ" check "$WORK/drafts/draft.md" --against "$WORK/archive" --no-cache --format html -o "$WORK/draft.html" --fail-on never
python3 - "$WORK/draft.html" > "$WORK/py.out" 2>&1 <<'PY' && pass || { fail "pre-publication: the draft first"; sed 's/^/    /' "$WORK/py.out" | head; }
import re, sys
h = open(sys.argv[1], encoding='utf-8').read()
# The drafts section opens the page, naming the draft and its findings.
assert h.index('<section id="drafts">') < h.index('<section id="summary">')
drafts = h[h.index('<section id="drafts">'):h.index('<section id="summary">')]
assert 'drafts/draft.md' in drafts and 'archive/' not in drafts, drafts
assert re.search(r"<td class=\"n\">[1-9][0-9]* <a href=\"#f-quantity-", drafts), drafts
# Every finding involves the draft and shows the draft's evidence first, tagged.
findings = re.findall(r'<details class="finding.*?</details>', h, re.S)
assert findings
for f in findings:
    assert 'data-draft="1"' in f
    locs = re.findall(r'<figure class="ev( draft)?">.*?<code class="loc" dir="ltr">([^<]+)</code>', f, re.S)
    assert locs[0][0] == ' draft' and 'draft.md' in locs[0][1], locs
    assert all(not d for d, _ in locs[1:]), locs
# The articles table lists the draft first.
arts = h[h.index('<section id="articles">'):]
rows = re.findall(r'<tr( class="draft")?><td>.*?<code dir="ltr">([^<]+)</code>', arts)
assert rows[0][0] and rows[0][1].endswith('draft.md') and not any(d for d, _ in rows[1:]), rows
# Its timeline comes first and marks the draft's point.
assert re.search(r'<g class="pt[^"]* draft">', h)
print(len(findings), 'findings')
PY
finish
