#!/usr/bin/env bash
# The CI gate: tadqiq.yaml (discovery, precedence), init, baselines, --changed with git.
source "$(dirname "$0")/lib.bash"
export TADQIQ_CACHE_STATS=1
REPO="$WORK/repo"
mkdir -p "$REPO/content/2024" "$REPO/content/drafts" "$REPO/sub/deeper"
cat > "$REPO/content/2024/march.md" <<'MD'
---
date: 2024-03-01
---
وبلغت حصيلة الشهداء في غزة 30,000 شهيد منذ بدء الحرب.
MD
cat > "$REPO/content/2024/april.md" <<'MD'
---
date: 2024-04-01
---
وبلغت حصيلة الشهداء في غزة 25,000 شهيد منذ بدء الحرب.
MD
cat > "$REPO/content/drafts/may.md" <<'MD'
---
date: 2024-05-01
---
وبلغت حصيلة الشهداء في غزة 10,000 شهيد منذ بدء الحرب.
MD

# init writes a commented starter config, and refuses to overwrite it.
cd "$REPO"
expect_exit 0 "init" -- "$TADQIQ" init
expect_grep '^include:' "$REPO/tadqiq.yaml" "starter config has include"
expect_grep '^# ' "$REPO/tadqiq.yaml" "starter config is commented"
expect_exit 2 "init does not overwrite" -- "$TADQIQ" init
expect_exit 0 "init --force" -- "$TADQIQ" init --force

# The starter config: include content, exclude drafts. Found from a subfolder upward.
cd "$REPO/sub/deeper"
"$TADQIQ" check --format json --fail-on never -o "$WORK/r1.json"
json_check "$WORK/r1.json" "len(d['articles']) == 2" "include from the config, drafts excluded"
json_check "$WORK/r1.json" "[f['class'] for f in d['findings']] == ['regression']" "the regression is found"
json_check "$WORK/r1.json" "sorted(a['path'] for a in d['articles']) == ['../../content/2024/april.md', '../../content/2024/march.md']" "included paths are reported relative to the working directory"
if [ -d "$REPO/.tadqiq-cache" ]; then pass; else fail "cache_dir is relative to the config"; fi
expect_exit 1 "fail_on from the config (error)" -- "$TADQIQ" check

# Precedence: the command line over the config over the defaults.
cat >> "$REPO/tadqiq.yaml" <<'YAML'
checks:
  quantity:
    severity:
      regression: warning
YAML
sed -i 's/^fail_on: error/fail_on: warning/' "$REPO/tadqiq.yaml"
expect_exit 1 "config: regression is a warning and fail_on warning" -- "$TADQIQ" check
expect_grep 'warning: .*regression' "$WORK/out" "severity override from the config"
expect_exit 0 "--fail-on on the command line wins over the config" -- "$TADQIQ" check --fail-on error
mkdir -p "$WORK/cli-rules"
printf 'checks:\n  quantity:\n    severity:\n      regression: info\n' > "$WORK/cli-rules/checks.yaml"
expect_exit 0 "--rules on the command line wins over the config's checks" -- "$TADQIQ" check --rules "$WORK/cli-rules"
expect_grep 'info: .*regression' "$WORK/out" "command-line rules applied last"
expect_exit 2 "--no-config: no include, so no paths" -- "$TADQIQ" check --no-config
printf 'include: [content]\nfail_on: sometimes\n' > "$WORK/bad.yaml"
expect_exit 2 "invalid config value" -- "$TADQIQ" check --config "$WORK/bad.yaml"
expect_grep 'bad.yaml:2:[0-9]+: expected error, warning, info or never' "$WORK/err" "config errors as file:line:column"
printf 'includes: [content]\n' > "$WORK/typo.yaml"
expect_exit 2 "unknown config setting" -- "$TADQIQ" check --config "$WORK/typo.yaml"
expect_grep 'unknown setting "includes"' "$WORK/err" "names the unknown setting"

# Rules folders from the config (relative to its folder): layered under the config's `checks`,
# which are under command-line --rules (built-in → config rules/knowledge → config checks → --rules).
cp "$REPO/tadqiq.yaml" "$WORK/saved.yaml"
mkdir -p "$REPO/extra-rules" "$REPO/kb"
printf 'checks:\n  quantity:\n    severity:\n      regression: info\n' > "$REPO/extra-rules/checks.yaml"
printf 'rules: [extra-rules]\n' >> "$REPO/tadqiq.yaml"
expect_exit 1 "config checks over config rules folders" -- "$TADQIQ" check
expect_grep 'warning: .*regression' "$WORK/out" "the config's checks win over its rules folder"
sed -i '/^checks:/,/^      regression: warning/d' "$REPO/tadqiq.yaml"
expect_exit 0 "a config rules folder applies" -- "$TADQIQ" check
expect_grep 'info: .*regression' "$WORK/out" "the rules folder's severity"
printf 'knowledge: [no-such-kb]\n' >> "$REPO/tadqiq.yaml"
expect_exit 2 "a missing knowledge folder is an error" -- "$TADQIQ" check
expect_grep 'tadqiq.yaml:[0-9]+:[0-9]+: folder not found: .*no-such-kb' "$WORK/err" "names the folder"
cp "$WORK/saved.yaml" "$REPO/tadqiq.yaml"

# Baselines: record, then only new findings are reported and fail the run.
cd "$REPO"
sed -i 's/^fail_on: warning/fail_on: error/; /^checks:/,$d' "$REPO/tadqiq.yaml"
expect_exit 0 "baseline" -- "$TADQIQ" baseline -o "$REPO/.tadqiq-baseline.json"
json_check "$REPO/.tadqiq-baseline.json" "d['schema'] == 'tadqiq.baseline/1' and len(d['findings']) == 1" "baseline file"
expect_exit 0 "the baselined finding no longer fails" -- "$TADQIQ" check --baseline "$REPO/.tadqiq-baseline.json"
expect_grep '1 in the baseline' "$WORK/out" "baselined findings are counted"
cp "$REPO/content/drafts/may.md" "$REPO/content/2024/may.md"
expect_exit 1 "a new finding fails" -- "$TADQIQ" check --baseline "$REPO/.tadqiq-baseline.json" --format json
json_check "$WORK/out" "len(d['findings']) == 1 and '10,000' in d['findings'][0]['message'] and d['summary']['baselined'] == 1" "only the new finding is reported"
printf 'baseline: .tadqiq-baseline.json\n' >> "$REPO/tadqiq.yaml"
expect_exit 1 "baseline from the config" -- "$TADQIQ" check --format json
json_check "$WORK/out" "d['summary']['baselined'] == 1" "the config's baseline is used"
rm "$REPO/content/2024/may.md"
expect_exit 2 "unreadable baseline" -- "$TADQIQ" check --baseline "$REPO/tadqiq.yaml"

# --changed: only findings involving files changed since REV (git).
cd "$REPO"
git init -q . && git add -A && git -c user.email=t@t -c user.name=t commit -qm init
expect_exit 0 "nothing changed" -- "$TADQIQ" check --no-config content --changed
expect_no_grep 'regression' "$WORK/out" "no finding without a changed article"
cp "$REPO/content/drafts/may.md" "$REPO/content/2024/may.md"
expect_exit 1 "an untracked new article" -- "$TADQIQ" check --no-config content --changed --format json
json_check "$WORK/out" "len(d['findings']) == 1 and any(e['file'].endswith('2024/may.md') for e in d['findings'][0]['evidence'])" "only the finding involving the new article"
git add -A && git -c user.email=t@t -c user.name=t commit -qm may
expect_exit 1 "--changed=HEAD~1 sees the committed change" -- "$TADQIQ" check --no-config content --changed=HEAD~1 --format json
json_check "$WORK/out" "len(d['findings']) == 1" "committed change since HEAD~1"
expect_exit 2 "unknown revision" -- "$TADQIQ" check --no-config content --changed=no-such-rev
expect_grep 'no-such-rev' "$WORK/err" "names the revision"
cd "$WORK"
expect_exit 2 "outside a git work tree" -- "$TADQIQ" check --no-config "$REPO/content" --changed

# Standard input as JSONL.
printf '{"id":"x","date":"2024-01-01","text":"قتل 12 شخصا في غارة على رفح."}\n' | "$TADQIQ" extract --no-config --stdin-format jsonl - > "$WORK/s.json"
json_check "$WORK/s.json" "d[0]['article']['id'] == 'x' and d[0]['article']['format'] == 'jsonl'" "--stdin-format jsonl"
finish
