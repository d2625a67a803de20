#!/usr/bin/env bash
# The HTML report in headless Chromium (Debian's chromium, driven by playwright-core over the
# DevTools protocol): the seed report renders with no console error and no request leaving the
# page, the three mission discrepancies are shown, filters work without reload, timelines are
# drawn; the Arabic interface reads right to left; in pre-publication mode the draft comes
# first; the XSS fixture (tests/fixtures/xss/) runs no script. Full-page screenshots are
# written to BUILD/report.png, BUILD/report-ar.png, BUILD/report-draft.png and
# BUILD/report-xss.png.
# Usage: report.sh TADQIQ_BINARY SOURCE_DIR [BUILD_DIR]
# playwright-core is installed with `npm ci` from tests/browser/package-lock.json into
# BUILD/browser-tools (once per lock file); it downloads no browser. `make deps` installs
# chromium and node: a missing one is a failure, not a skip (set TADQIQ_SKIP_BROWSER=1 to skip
# on a machine without them; CTest counts exit 77 as skipped).
set -uo pipefail
TADQIQ="$(realpath "$1")"
SRC="$(realpath "$2")"
BUILD="$(realpath "${3:-$(dirname "$TADQIQ")}")"
if [ -n "${TADQIQ_SKIP_BROWSER:-}" ]; then echo "SKIP: TADQIQ_SKIP_BROWSER is set"; exit 77; fi
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "FAIL: the browser test needs chromium, node and npm (make deps installs them)"
  exit 1
fi
TOOLS="$BUILD/browser-tools"
LOCK="$SRC/tests/browser/package-lock.json"
if ! cmp -s "$LOCK" "$TOOLS/package-lock.json" || [ ! -f "$TOOLS/node_modules/playwright-core/package.json" ]; then
  rm -rf "$TOOLS" && mkdir -p "$TOOLS"
  cp "$SRC/tests/browser/package.json" "$LOCK" "$TOOLS/"
  if ! (cd "$TOOLS" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts) >"$TOOLS/npm.log" 2>&1; then
    echo "FAIL: npm ci of tests/browser/package-lock.json failed (see $TOOLS/npm.log)"
    cat "$TOOLS/npm.log"
    rm -f "$TOOLS/package-lock.json"
    exit 1
  fi
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Relative paths in the report, as a user would run it from the repository.
cd "$SRC" || exit 1
export NO_COLOR=1
"$TADQIQ" check fixtures/seeds --format html -o "$WORK/seeds.html" --fail-on never --no-cache || exit 1
"$TADQIQ" check fixtures/seeds --format html --lang ar -o "$WORK/seeds-ar.html" --fail-on never --no-cache || exit 1
"$TADQIQ" check tests/fixtures/draft/new-toll.md --against fixtures/seeds --format html -o "$WORK/draft.html" --fail-on never --no-cache || exit 1
"$TADQIQ" check tests/fixtures/xss/articles --format html -o "$WORK/xss.html" --fail-on never --no-cache || exit 1
NODE_PATH="$TOOLS/node_modules" node "$SRC/tests/browser/report_test.cjs" "$CHROMIUM" "$WORK" "$BUILD"
