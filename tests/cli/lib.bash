# Shared helpers for the CLI tests (sourced). Each test script gets: $1 = tadqiq binary,
# $2 = source dir. A failed expectation prints why and exits 1 at the end of the script.
set -uo pipefail
TADQIQ="$(realpath "$1")"
SRC="$(realpath "$2")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1  # caches and stray outputs stay in the temporary folder
export NO_COLOR=1
FAILURES=0
PASSES=0

fail() { echo "FAIL: $*"; FAILURES=$((FAILURES + 1)); }
pass() { PASSES=$((PASSES + 1)); }

# expect_exit CODE DESCRIPTION -- COMMAND...
expect_exit() {
  local want="$1" what="$2"; shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    fail "$what: exit $got, expected $want"; sed 's/^/    stderr: /' "$WORK/err" | head -20
  else pass; fi
}

# expect_grep PATTERN FILE DESCRIPTION
expect_grep() {
  if grep -qE -- "$1" "$2"; then pass; else fail "$3: no /$1/ in $(basename "$2")"; sed 's/^/    /' "$2" | head -20; fi
}
expect_no_grep() {
  if grep -qE -- "$1" "$2"; then fail "$3: unexpected /$1/ in $(basename "$2")"; sed 's/^/    /' "$2" | head -20; else pass; fi
}

# json_check FILE PYTHON_EXPR DESCRIPTION — the expression sees the parsed JSON as `d`.
json_check() {
  if python3 -c "import json,sys; d=json.load(open(sys.argv[1],encoding='utf-8')); sys.exit(0 if ($2) else 1)" "$1" 2>"$WORK/pyerr"; then
    pass
  else
    fail "$3"; head -5 "$WORK/pyerr" | sed 's/^/    /'
  fi
}

# python_with MODULE... — prints a python3 (the one on PATH, else Debian's /usr/bin/python3)
# that imports every MODULE; nothing (status 1) when none does.
python_with() {
  local p imports
  imports=$(printf 'import %s;' "$@")
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null && "$p" -c "$imports" 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

finish() {
  echo "$(basename "$0" .sh): $PASSES passed, $FAILURES failed"
  [ "$FAILURES" -eq 0 ]
}
