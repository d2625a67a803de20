#!/usr/bin/env bash
# Precision and recall per kind of finding over the multi-article cases of
# tests/fixtures/checks/ and tests/fixtures/suite/ (hand-written expectations), held to the
# floors in tests/fixtures/suite/floors.json. See tests/fixtures/README.md.
source "$(dirname "$0")/lib.bash"
if python3 "$SRC/tests/fixtures/precision_recall.py" "$TADQIQ" "$SRC/tests/fixtures" \
    --floors "$SRC/tests/fixtures/suite/floors.json"; then
  pass
else
  fail "precision or recall below the floors (table above)"
fi
# The scorer can fail: a floor above what any run reaches must be reported.
mkdir -p "$WORK/fx/suite/quantity"
cp -r "$SRC/tests/fixtures/suite/quantity/bound_contradiction" "$WORK/fx/suite/quantity/"
echo '{"quantity": {"precision": 1.0, "recall": 1.01}}' >"$WORK/floors.json"
if python3 "$SRC/tests/fixtures/precision_recall.py" "$TADQIQ" "$WORK/fx" --floors "$WORK/floors.json" \
    >"$WORK/out" 2>&1; then
  fail "an unreachable floor passed"
else
  expect_grep 'BELOW FLOOR quantity' "$WORK/out" "an unreachable floor is reported"
fi
finish
