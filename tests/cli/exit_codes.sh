#!/usr/bin/env bash
# Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error or no readable article.
source "$(dirname "$0")/lib.bash"
Q="$SRC/tests/fixtures/checks/quantity"

expect_exit 0 "--help" -- "$TADQIQ" --help
expect_exit 0 "--version" -- "$TADQIQ" --version
expect_grep '^tadqiq [0-9]' "$WORK/out" "--version prints the version"
expect_exit 2 "no subcommand" -- "$TADQIQ"
expect_exit 2 "unknown subcommand" -- "$TADQIQ" frobnicate x
expect_exit 2 "unknown flag" -- "$TADQIQ" check --no-such-flag "$Q/regression/articles"
expect_exit 2 "bad --fail-on" -- "$TADQIQ" check --fail-on sometimes "$Q/regression/articles"
expect_exit 2 "missing paths" -- "$TADQIQ" check
expect_exit 2 "only unreadable input" -- "$TADQIQ" check "$WORK/does-not-exist.md"
expect_grep 'does-not-exist.md' "$WORK/err" "the unreadable file is named"

# A regression is an error: exit 1 by default, 0 with --fail-on never.
expect_exit 1 "error finding, default --fail-on" -- "$TADQIQ" check "$Q/regression/articles"
expect_exit 0 "error finding, --fail-on never" -- "$TADQIQ" check --fail-on never "$Q/regression/articles"
# An update is info: exit 0 by default and with warning, 1 with --fail-on info.
expect_exit 0 "info finding, default" -- "$TADQIQ" check "$Q/update_across_dates/articles"
expect_exit 0 "info finding, --fail-on warning" -- "$TADQIQ" check --fail-on warning "$Q/update_across_dates/articles"
expect_exit 1 "info finding, --fail-on info" -- "$TADQIQ" check --fail-on info "$Q/update_across_dates/articles"
# An undated disagreement is a warning.
expect_exit 0 "warning finding, default" -- "$TADQIQ" check "$Q/undated/articles"
expect_exit 1 "warning finding, --fail-on warning" -- "$TADQIQ" check --fail-on warning "$Q/undated/articles"
# Clean input.
expect_exit 0 "no findings" -- "$TADQIQ" check --fail-on info "$Q/agreeing_bounds/articles"
# extract succeeds on readable input.
expect_exit 0 "extract" -- "$TADQIQ" extract "$Q/regression/articles"
finish
