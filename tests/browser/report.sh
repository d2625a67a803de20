#!/usr/bin/env bash
# The HTML report in headless Chromium (Debian's chromium, driven by playwright-core over the
# DevTools protocol): the seed report renders with no console error and no request leaving the
# page, filters work without reload, timelines are drawn; the Arabic interface reads right to
# left; the XSS fixture (tests/fixtures/xss/) runs no script. Full-page screenshots are written
# to BUILD/report.png, BUILD/report-ar.png and BUILD/report-xss.png.
# Usage: report.sh TADQIQ_BINARY SOURCE_DIR [BUILD_DIR]
# Exit 77 (counted as skipped by CTest) only when chromium or node is missing; `make deps`
# installs both. playwright-core is installed once with npm into BUILD/browser-tools.
set -uo pipefail
TADQIQ="$(realpath "$1")"
SRC="$(realpath "$2")"
BUILD="$(realpath "${3:-$(dirname "$TADQIQ")}")"
PLAYWRIGHT_VERSION=1.65.1
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1; then
  echo "SKIP: the browser test needs chromium and node (make deps installs them)"
  exit 77
fi
TOOLS="$BUILD/browser-tools"
if [ ! -f "$TOOLS/node_modules/playwright-core/package.json" ] ||
   ! grep -q "\"version\": \"$PLAYWRIGHT_VERSION\"" "$TOOLS/node_modules/playwright-core/package.json"; then
  mkdir -p "$TOOLS"
  if ! npm install --silent --no-audit --no-fund --no-save --prefix "$TOOLS" "playwright-core@$PLAYWRIGHT_VERSION" >"$TOOLS/npm.log" 2>&1; then
    echo "FAIL: cannot install playwright-core $PLAYWRIGHT_VERSION with npm (see $TOOLS/npm.log)"
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
"$TADQIQ" check tests/fixtures/xss/articles --format html -o "$WORK/xss.html" --fail-on never --no-cache || exit 1
NODE_PATH="$TOOLS/node_modules" node "$SRC/tests/browser/report_test.cjs" "$CHROMIUM" "$WORK" "$BUILD"
