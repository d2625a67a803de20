#!/usr/bin/env bash
# The seed corpus against fixtures/seeds/expected-findings.json (hand-written from the articles;
# format in fixtures/README.md): every `must` finding present and classed as listed, no
# `must_not` finding, and no warning or error the list does not contain.
source "$(dirname "$0")/lib.bash"
SEEDS="$SRC/fixtures/seeds"

"$TADQIQ" check "$SEEDS" --format json --fail-on never -o "$WORK/report.json" 2>"$WORK/err"
rc=$?
if [ "$rc" != 0 ]; then
  fail "tadqiq check exited $rc"; sed 's/^/    /' "$WORK/err" | head -20
else
  pass
fi

if python3 - "$SRC/tests/fixtures" "$SEEDS/expected-findings.json" "$WORK/report.json" <<'PY'; then pass; else fail "seeds vs expected-findings.json (entries above)"; fi
import json, sys
sys.path.insert(0, sys.argv[1])
import expect
expected = json.load(open(sys.argv[2], encoding='utf-8'))
report = json.load(open(sys.argv[3], encoding='utf-8'))
assert len(report['articles']) == 5 and not report['errors'], 'five seed articles, no input error'
# The expectations themselves must be able to fail: every entry names a kind.
for group in ('must', 'may', 'must_not'):
    for e in expected[group]:
        assert e.get('finding', {}).get('kind'), f'{group} entry {e.get("id")} has no kind'
findings = report['findings']
problems = expect.hold(expected, findings)
for p in problems:
    print('    ' + p)
n_must = len(expected['must'])
print(f"seeds: {n_must - sum(p.startswith('missing') for p in problems)}/{n_must} must-finds, "
      f"{len(findings)} findings, {len(problems)} problems")
sys.exit(1 if problems else 0)
PY
# The comparison itself can fail: with the title conflict dropped and a made-up quantity
# contradiction added, the same expectations must report both.
if python3 - "$SRC/tests/fixtures" "$SEEDS/expected-findings.json" "$WORK/report.json" <<'PY'; then pass; else fail "expected-findings.json does not catch a missing or an extra finding"; fi
import copy, json, sys
sys.path.insert(0, sys.argv[1])
import expect
expected = json.load(open(sys.argv[2], encoding='utf-8'))
findings = json.load(open(sys.argv[3], encoding='utf-8'))['findings']
mutated = [f for f in findings if f['kind'] != 'title']
fake = copy.deepcopy(next(f for f in findings if f['kind'] == 'quantity'))
fake.update({'class': 'contradiction', 'severity': 'error'})
problems = expect.hold(expected, mutated + [fake])
assert any(p.startswith('missing (must): netanyahu-deputy-pm') for p in problems), problems
assert any('no-quantity-conflict' in p for p in problems), problems
assert any(p.startswith('unlisted warning/error') for p in problems), problems
PY
finish
