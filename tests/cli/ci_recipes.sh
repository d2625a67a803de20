#!/usr/bin/env bash
# docs/ci.md is runnable: every `tadqiq` command in its recipes (shell blocks, the GitHub
# Actions workflow, the GitLab job, the pre-commit config) is run in a temporary git
# repository with an origin, and must be a valid command (exit 0 or 1, never 2) that writes
# what it names; the pre-commit hook, installed as written, rejects a commit that brings a
# contradiction and lets a clean one through.
source "$(dirname "$0")/lib.bash"
DOC="$SRC/docs/ci.md"
mkdir -p "$WORK/bin"
ln -s "$TADQIQ" "$WORK/bin/tadqiq"
export PATH="$WORK/bin:$PATH"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
git config --global --get init.defaultBranch >/dev/null 2>&1 || export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=init.defaultBranch GIT_CONFIG_VALUE_0=main

PY=$(python_with yaml) || { echo "FAIL: no python3 with the yaml module (make deps installs python3-yaml)"; exit 1; }
# The commands, in the page's order, with CI variables set to the base branch `main`.
"$PY" - "$DOC" > "$WORK/commands.txt" <<'PY' || { echo "FAIL: cannot read the recipes"; exit 1; }
import re, sys, yaml
text = open(sys.argv[1], encoding='utf-8').read()
out = []
def take(cmd):
    cmd = cmd.strip()
    cmd = re.sub(r'^exec\s+', '', cmd)
    if cmd.startswith('tadqiq '):
        cmd = cmd.replace('${{ github.base_ref }}', 'main').replace('$CI_DEFAULT_BRANCH', 'main')
        assert '${{' not in cmd, cmd
        out.append(cmd)
def walk(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ('run', 'script', 'before_script', 'entry') and isinstance(v, (str, list)):
                for s in ([v] if isinstance(v, str) else v):
                    for line in str(s).splitlines():
                        take(line)
            else:
                walk(v)
    elif isinstance(node, list):
        for v in node:
            walk(v)
for lang, body in re.findall(r'```(\w*)\n(.*?)```', text, re.S):
    if lang == 'yaml':
        walk(yaml.safe_load(body))
    elif lang in ('sh', 'console', ''):
        for line in body.splitlines():
            take(re.sub(r'\s+#.*$', '', line))
kinds = ' '.join(out)
for need in ('--format sarif', '--format github', '--changed=HEAD', 'baseline -o', '--baseline', '--format json', '--format html'):
    assert need in kinds, need
print('\n'.join(out))
PY
echo "ci_recipes: $(wc -l < "$WORK/commands.txt") commands from docs/ci.md"

# The article repository: an origin with main, and a change on a branch.
ORIGIN="$WORK/origin.git"
R="$WORK/site"
git init -q --bare "$ORIGIN"
git init -q "$R" && cd "$R" || exit 1
git checkout -q -b main
mkdir -p content/2024
article() { printf -- '---\ndate: %s\n---\nوبلغت حصيلة الشهداء في غزة %s شهيد منذ بدء الحرب.\n' "$2" "$3" > "$1"; }
article content/2024/march.md 2024-03-01 30,000
article content/2024/april.md 2024-04-01 31,000
"$TADQIQ" init >/dev/null
git add -A && git commit -qm init && git remote add origin "$ORIGIN" && git push -q origin main
git checkout -q -b change
article content/2024/may.md 2024-05-01 20,000   # a regression: the gate must see it
git add -A && git commit -qm may

while IFS= read -r cmd; do
  bash -c "$cmd" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  if [ "$rc" = 0 ] || [ "$rc" = 1 ]; then pass; else fail "docs/ci.md: \`$cmd\` exits $rc"; sed 's/^/    /' "$WORK/err" | head -5; fi
  out=$(sed -nE 's/.*-o ([^ ]+).*/\1/p' <<<"$cmd")
  if [ -n "$out" ]; then [ -s "$out" ] && pass || fail "docs/ci.md: \`$cmd\` writes $out"; fi
  case "$cmd" in
    *--format\ github*--changed*)
      [ "$rc" = 1 ] && pass || fail "the GitHub gate fails on the branch's regression"
      expect_grep '^::error file=content/2024/may.md,line=4' "$WORK/out" "the GitHub gate annotates the changed article" ;;
    *--changed=\"origin/main\"|*--changed=origin/main)
      [ "$rc" = 1 ] && pass || fail "\`$cmd\` fails on the branch's regression" ;;
  esac
done < "$WORK/commands.txt"
json_check "$R/tadqiq.sarif" "d['version'] == '2.1.0' and any(r['ruleId'] == 'quantity' for r in d['runs'][0]['results'])" "the workflow's SARIF has the findings"

# The pre-commit hook, installed as docs/ci.md writes it.
python3 - "$DOC" > "$R/.git/hooks/pre-commit" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
section = text[text.index('## pre-commit hook'):]
print(re.search(r'```sh\n(.*?)```', section, re.S).group(1), end='')
PY
chmod +x "$R/.git/hooks/pre-commit"
git checkout -q main
article content/2024/june.md 2024-06-01 10,000   # falls from 31,000: an error
git add content/2024/june.md
if git commit -qm june >"$WORK/out" 2>&1; then fail "the pre-commit hook rejects a regression"; else pass; fi
expect_grep 'error: .*june.md reports 10,000 .*\[quantity/regression\]' "$WORK/out" "the hook says why"
article content/2024/june.md 2024-06-01 36,000   # rises: an update, not an error
git add content/2024/june.md
if git commit -qm june >"$WORK/out" 2>&1; then pass; else fail "the pre-commit hook lets a clean article through"; sed 's/^/    /' "$WORK/out" | head -5; fi
finish
