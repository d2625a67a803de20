#!/usr/bin/env bash
# SARIF 2.1.0 (--format sarif): valid against the OASIS schema (tests/data/sarif/, JSON Schema
# draft-04, validated with python3-jsonschema from `make deps`), rules with their doc text,
# code-point columns, related locations for the other side of a conflict, suppressions and
# input errors; and the GitHub workflow-command annotations (--format github).
source "$(dirname "$0")/lib.bash"
SCHEMA="$SRC/tests/data/sarif/sarif-schema-2.1.0.json"

PY=$(python_with jsonschema)
if [ -z "$PY" ]; then
  echo "FAIL: no python3 with the jsonschema module (make deps installs python3-jsonschema)"
  exit 1
fi

# validate FILE DESCRIPTION — the SARIF file against the schema.
validate() {
  if "$PY" - "$SCHEMA" "$1" >"$WORK/verr" 2>&1 <<'PY'; then pass; else fail "$2: not valid SARIF 2.1.0"; head -20 "$WORK/verr" | sed 's/^/    /'; fi
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding='utf-8'))
doc = json.load(open(sys.argv[2], encoding='utf-8'))
v = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
for e in errors[:10]:
    print('/'.join(map(str, e.absolute_path)) + ': ' + e.message)
sys.exit(1 if errors else 0)
PY
}

# The seeds, with relative paths as in a repository (what GitHub code scanning maps).
cd "$SRC"
"$TADQIQ" check fixtures/seeds --no-cache --format sarif -o "$WORK/seeds.sarif" --fail-on never
"$TADQIQ" check fixtures/seeds --no-cache --format json -o "$WORK/seeds.json" --fail-on never
cd "$WORK"
validate "$WORK/seeds.sarif" "seeds"

# The validator is live: a broken document is rejected.
"$PY" -c "
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
d['runs'][0]['results'][0]['level'] = 'fatal'
d['runs'][0]['columnKind'] = 'bytes'
json.dump(d, open(sys.argv[2], 'w', encoding='utf-8'))
" "$WORK/seeds.sarif" "$WORK/broken.sarif"
if "$PY" - "$SCHEMA" "$WORK/broken.sarif" >/dev/null 2>&1 <<'PY'; then fail "the schema check rejects a bad level"; else pass; fi
import json, sys, jsonschema
jsonschema.Draft4Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))
PY

S="$WORK/seeds.sarif"
json_check "$S" "d['version'] == '2.1.0' and len(d['runs']) == 1 and d['runs'][0]['columnKind'] == 'unicodeCodePoints'" "one run, columns in Unicode code points"
json_check "$S" "d['runs'][0]['tool']['driver']['name'] == 'tadqiq'" "the tool is tadqiq"
# Rules: one per check, unique ids, each with its doc text (short, full, help).
json_check "$S" "(lambda rs: len({r['id'] for r in rs}) == len(rs) and {'quantity', 'ordinal', 'title'} <= {r['id'] for r in rs} and all(len(r['shortDescription']['text']) > 20 and len(r['fullDescription']['text']) > 20 and 'docs/checks/' in r['help']['text'] for r in rs))(d['runs'][0]['tool']['driver']['rules'])" "rules with their doc text"
json_check "$S" "all(d['runs'][0]['tool']['driver']['rules'][r['ruleIndex']]['id'] == r['ruleId'] for r in d['runs'][0]['results'])" "ruleIndex points at the rule"
# One result per finding, in the same order, with the finding's fingerprint.
python3 - "$S" "$WORK/seeds.json" "$SRC" > "$WORK/py.out" 2>&1 <<'PY' && pass || { fail "results match the JSON report's findings"; sed 's/^/    /' "$WORK/py.out" | head -20; }
import json, sys, os
sarif = json.load(open(sys.argv[1], encoding='utf-8'))
rep = json.load(open(sys.argv[2], encoding='utf-8'))
src = sys.argv[3]
results = sarif['runs'][0]['results']
findings = rep['findings']
assert len(results) == len(findings) > 0, (len(results), len(findings))
levels = {'error': 'error', 'warning': 'warning', 'info': 'note'}
related_seen = 0
for r, f in zip(results, findings):
    assert r['partialFingerprints']['tadqiqFindingId/v1'] == f['id']
    assert r['level'] == levels[f['severity']], (r['level'], f['severity'])
    assert r['message']['text'] == f['message']
    locs = [r['locations'][0]] + r.get('relatedLocations', [])
    assert len(locs) == len(f['evidence']), (f['id'], len(locs), len(f['evidence']))
    for loc, e in zip(locs, f['evidence']):
        pl = loc['physicalLocation']
        assert pl['artifactLocation']['uriBaseId'] == '%SRCROOT%'
        assert pl['artifactLocation']['uri'] == e['file'], (pl['artifactLocation'], e['file'])
        reg = pl['region']
        assert (reg['startLine'], reg['startColumn']) == (e['line'], e['column']), (reg, e)
        # Columns count code points: the snippet sits at startColumn of its line in the file.
        line = open(os.path.join(src, e['file']), encoding='utf-8').read().split('\n')[reg['startLine'] - 1]
        start = reg['startColumn'] - 1
        assert line[start:start + len(e['text'])] == e['text'] == reg['snippet']['text'], (line[start:start+40], e['text'])
        if reg.get('endLine') == reg['startLine']:
            assert reg['endColumn'] - reg['startColumn'] == len(e['text']), (reg, e['text'])
    for i, rel in enumerate(r.get('relatedLocations', []), 1):
        assert rel['id'] == i and rel['message']['text']
        related_seen += 1
    # The other side of a conflict is a related location in another file.
    if len(f['evidence']) > 1 and f['evidence'][0]['file'] != f['evidence'][1]['file']:
        assert r['relatedLocations'][0]['physicalLocation']['artifactLocation']['uri'] == f['evidence'][1]['file']
assert related_seen > 0
# The mission's toll update: its second side (003, more than 33,000 as of 2024-04-18).
toll = [r for r in results if r['properties']['key'] == 'killed/gaza/cumulative' and r['properties']['class'] == 'update']
assert toll, 'no toll update'
rel = toll[0]['relatedLocations'][0]
assert rel['physicalLocation']['artifactLocation']['uri'].startswith('fixtures/seeds/003_'), rel
assert '2024-04-18' in rel['message']['text'], rel
arts = sarif['runs'][0]['artifacts']
assert len(arts) == 5 and all(len(a['hashes']['sha-256']) == 64 for a in arts)
print(len(results), 'results,', related_seen, 'related locations')
PY

# Suppressed findings are results with an inSource suppression (never dropped); unreadable
# inputs are tool execution notifications; absolute paths are file: URIs. Still valid.
mkdir -p "$WORK/c"
printf -- '---\ndate: 2024-03-01\n---\nوبلغت حصيلة الشهداء في غزة 30,000 شهيد منذ بدء الحرب.\n' > "$WORK/c/march.md"
printf -- '---\ndate: 2024-04-01\n---\n<!-- tadqiq-ignore quantity -->\nوبلغت حصيلة الشهداء في غزة 25,000 شهيد منذ بدء الحرب.\n' > "$WORK/c/april.md"
printf 'not\000text' > "$WORK/c/bad.txt"
"$TADQIQ" check "$WORK/c" --no-cache --format sarif -o "$WORK/c.sarif" --fail-on never 2>/dev/null
validate "$WORK/c.sarif" "suppressions and input errors"
json_check "$WORK/c.sarif" "(lambda r: len(r) == 1 and r[0]['suppressions'][0]['kind'] == 'inSource' and r[0]['suppressions'][0]['location']['physicalLocation']['region']['startLine'] == 4)(d['runs'][0]['results'])" "a suppressed finding carries an inSource suppression at its directive"
json_check "$WORK/c.sarif" "d['runs'][0]['results'][0]['locations'][0]['physicalLocation']['artifactLocation']['uri'].startswith('file:///')" "absolute paths are file URIs"
json_check "$WORK/c.sarif" "any(n['locations'][0]['physicalLocation']['artifactLocation']['uri'].endswith('bad.txt') for n in d['runs'][0]['invocations'][0]['toolExecutionNotifications'])" "input errors are notifications"

# GitHub annotations: one workflow command per finding in force, on its first evidence.
cd "$SRC"
"$TADQIQ" check fixtures/seeds --no-cache --format github --fail-on never > "$WORK/gh.txt"
cd "$WORK"
n_force=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for f in d['findings'] if not f.get('suppressed')))" "$WORK/seeds.json")
if [ "$(wc -l < "$WORK/gh.txt")" = "$n_force" ]; then pass; else fail "one annotation per finding in force ($n_force)"; fi
expect_grep '^::notice file=fixtures/seeds/004_[0-9a-f]+\.md,line=26,col=105,endLine=26,endColumn=[0-9]+,title=quantity/update::the killed count in gaza' "$WORK/gh.txt" "the toll update as a notice on its line"
if grep -vqE '^::(error|warning|notice) file=[^:]+,line=[0-9]+(,col=[0-9]+)?(,endLine=[0-9]+(,endColumn=[0-9]+)?)?,title=[a-z_]+/[a-z_]+::' "$WORK/gh.txt"; then fail "every line is a workflow command"; grep -vE '^::' "$WORK/gh.txt" | head -3; else pass; fi
"$TADQIQ" check "$WORK/c" --no-cache --format github --fail-on never > "$WORK/gh2.txt" 2>/dev/null
if [ -s "$WORK/gh2.txt" ]; then fail "suppressed findings are not annotated"; else pass; fi
finish
