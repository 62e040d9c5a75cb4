# SPDX-License-Identifier: MIT
# The recipes of docs/ci.md, run as written: docs/ci.md shows examples/ci/*
# byte for byte, and the commands of each recipe pass on a clean cluster, fail
# on one with errors, and pass again once those errors are in a baseline.
# The steps that install zvmc are skipped: the zvmc under test is on PATH.
. tests/lib.sh

zdir=$(cd "$(dirname "$ZVMC")" && pwd)
PATH=$zdir:$PATH
[ "$(command -v zvmc)" = "$zdir/zvmc" ] || [ "$(basename "$ZVMC")" = zvmc ] ||
    { echo "the binary under test must be called zvmc"; exit 77; }
unset -f zvmc   # from here on `zvmc` is the binary the recipes call
ZVMC=$zdir/zvmc # and the hook's $ZVMC, when set, too
clean=$PWD/examples/ltics1/SYSTEM.CONFIG
broken=$PWD/examples/ltics1/SYSTEM.CONFIG.printed

# 1. docs/ci.md holds each recipe after a <!-- recipe: FILE --> marker.
for f in examples/ci/pre-commit examples/ci/gitlab-ci.yml examples/ci/github-workflow.yml; do
    awk -v m="<!-- recipe: $f -->" '$0 == m { found = 1; next }
        found == 1 && /^```/ { found = 2; next } found == 2 && /^```$/ { exit } found == 2' docs/ci.md > "$TMP/shown"
    cmp -s "$TMP/shown" "$f" || fail "docs/ci.md does not show $f as it is"
done

# run_case NAME WANT CONFIG [BASELINE] -- RUNNER: copy CONFIG to SYSTEM.CONFIG
# in a fresh directory, run RUNNER there, compare its exit status.
run_case() {
    name=$1 want=$2 config=$3 base=$4; shift 5
    rm -rf "$TMP/job" && mkdir -p "$TMP/job" && cp "$config" "$TMP/job/SYSTEM.CONFIG"
    [ -n "$base" ] && cp "$base" "$TMP/job/.zvmc-baseline"
    (cd "$TMP/job" && "$@") > "$TMP/job.log" 2>&1
    got=$?
    [ "$got" -eq "$want" ] || { fail "$name: exit $got, want $want"; sed 's/^/  | /' "$TMP/job.log" | tail -15; }
}
# The baseline of the broken cluster, under the name the jobs check it by (a
# finding's fingerprint holds its file's base name).
mkdir -p "$TMP/b" && cp "$broken" "$TMP/b/SYSTEM.CONFIG"
(cd "$TMP/b" && zvmc check --write-baseline "$TMP/baseline" SYSTEM.CONFIG) 2>/dev/null || fail "writing the baseline"

# 2. GitLab: the job's variables and script lines, as one shell script (GitLab
# stops at the first failing line, as sh -e does).
awk '/^  [a-z_]+:/ { sect = $1 } /^[a-z]/ { sect = "" }
     sect == "variables:" && /^    [A-Z_]+: / { v = $0; sub(/^ +/, "", v); n = v; sub(/:.*/, "", n);
         sub(/^[^:]*: */, "", v); gsub(/"/, "", v); print "export " n "=\"" v "\"" }
     sect == "script:" && /^    - / { sub(/^    - /, ""); print }' examples/ci/gitlab-ci.yml > "$TMP/gitlab.sh"
grep -q 'zvmc check' "$TMP/gitlab.sh" || fail "no zvmc check in the GitLab script"
run_case "GitLab, clean" 0 "$clean" "" -- sh -e "$TMP/gitlab.sh"
grep -q '"summary":{"errors":0' "$TMP/job/zvmc.json" 2>/dev/null || fail "GitLab: zvmc.json of the clean run"
run_case "GitLab, errors" 1 "$broken" "" -- sh -e "$TMP/gitlab.sh"
grep -q '"summary":{"errors":7' "$TMP/job/zvmc.json" 2>/dev/null || fail "GitLab: zvmc.json of the failing run"
grep -q 'no ISFC link' "$TMP/job.log" || fail "GitLab: the findings are not in the job log"
run_case "GitLab, errors in the baseline" 0 "$broken" "$TMP/baseline" -- sh -e "$TMP/gitlab.sh"

# 3. GitHub Actions: the job's env and the run blocks of its steps but the
# install step, under bash -e as Actions runs them; then the SARIF file the
# upload step names must be there.
if command -v bash >/dev/null; then
    awk '/^    env:$/ { env = 1; next } env && /^      [A-Z_]+: / { v = $0; sub(/^ +/, "", v); n = v; sub(/:.*/, "", n);
             sub(/^[^:]*: */, "", v); print "export " n "=\"" v "\""; next } { env = 0 }
         run && /^          / { if (name != "Install zvmc") print substr($0, 11); next } { run = 0 }
         /^      - / { name = "" } /^ +(- )?name: / { name = $0; sub(/^ +(- )?name: /, "", name) }
         /^        run: \|$/ { run = 1 }' examples/ci/github-workflow.yml > "$TMP/github.sh"
    grep -q 'zvmc check' "$TMP/github.sh" || fail "no zvmc check in the GitHub workflow"
    grep -q 'git clone' "$TMP/github.sh" && fail "the GitHub install step was not skipped"
    sarif=$(sed -n 's/^ *sarif_file: *//p' examples/ci/github-workflow.yml)
    run_case "GitHub, clean" 0 "$clean" "" -- bash -e -o pipefail "$TMP/github.sh"
    run_case "GitHub, errors" 1 "$broken" "" -- bash -e -o pipefail "$TMP/github.sh"
    grep -q '"version":"2.1.0"' "$TMP/job/$sarif" 2>/dev/null && grep -q '"ruleId":"ssi-islink-mesh"' "$TMP/job/$sarif" ||
        fail "GitHub: $sarif is not the SARIF of the findings"
    run_case "GitHub, errors in the baseline" 0 "$broken" "$TMP/baseline" -- bash -e -o pipefail "$TMP/github.sh"
fi

# 4. The pre-commit hook in a real repository: it checks what is staged.
if command -v git >/dev/null; then
    repo=$TMP/repo
    git init -q "$repo" && cp examples/ci/pre-commit "$repo/.git/hooks/pre-commit" || fail "git init"
    g() { git -C "$repo" -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@"; }
    commit() { # WANT MESSAGE
        g commit -q -m "$2" > "$TMP/commit.log" 2>&1
        got=$?
        if [ "$1" = ok ] && [ $got -ne 0 ]; then fail "pre-commit refused: $2"; sed 's/^/  | /' "$TMP/commit.log" | tail -8; fi
        if [ "$1" = refused ] && [ $got -eq 0 ]; then fail "pre-commit let through: $2"; fi
    }
    printf 'notes\n' > "$repo/README"; g add README
    commit ok "no zvmc files staged"
    cp "$clean" "$repo/SYSTEM.CONFIG"; g add SYSTEM.CONFIG
    commit ok "a clean SYSTEM CONFIG"
    cp "$broken" "$repo/SYSTEM.CONFIG"; g add SYSTEM.CONFIG
    commit refused "a SYSTEM CONFIG with errors"
    grep -q 'no ISFC link' "$TMP/commit.log" || fail "pre-commit: the findings are not shown"
    grep -q 'commit refused' "$TMP/commit.log" || fail "pre-commit: says nothing on refusal"
    # The staged version counts, not the working tree.
    { cat "$clean"; printf '/* edited */\n'; } > "$repo/SYSTEM.CONFIG"
    commit refused "errors staged, working tree clean"
    g add SYSTEM.CONFIG
    cp "$broken" "$repo/SYSTEM.CONFIG"
    commit ok "clean staged, working tree with errors"
    # Known errors in a committed baseline pass; a new error does not.
    cp "$broken" "$repo/SYSTEM.CONFIG"
    (cd "$repo" && zvmc check --write-baseline .zvmc-baseline SYSTEM.CONFIG) 2>/dev/null
    g add SYSTEM.CONFIG .zvmc-baseline
    commit ok "errors recorded in the baseline"
    { printf 'CP_Owned 1 ARES\n'; cat "$broken"; } > "$repo/SYSTEM.CONFIG"; g add SYSTEM.CONFIG
    commit refused "a new error beside the baseline"
fi
finish
