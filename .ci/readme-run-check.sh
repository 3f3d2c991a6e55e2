#!/usr/bin/env bash
# Runs the README's run command exactly as the README writes it (the first ```bash block under
# "## Run it"), in the background, twice on the same checkout, as a newcomer would:
#   - waits for readiness, then checks that / is the shop page, /api/v1/sales answers JSON and
#     /admin/ leads to the console's sign-in page;
#   - fails on any ERROR line in the run's output (CWWKZ0013E "two applications", [ERROR], ...);
#   - stops it with ./mvnw liberty:stop and waits for the command to end, then runs it again.
# Call it on a clean clone before anything else builds, so the first run is a newcomer's first run.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=${README_CHECK_BASE_URL:-http://localhost:9080}
READY_SECONDS=${README_CHECK_READY_SECONDS:-600}
LOGS=${README_CHECK_LOGS:-target/readme-run-check}

run_command=$(awk '/^## Run it/{s=1} s&&/^```bash/{c=1;next} c&&/^```/{exit} c{print}' README.md)
if [ -z "$run_command" ]; then
    echo "readme-run-check: README.md has no \`\`\`bash block under '## Run it'" >&2
    exit 1
fi
echo "readme-run-check: README's run command: $run_command"

fail() {
    echo "readme-run-check: FAILED: $*" >&2
    exit 1
}

# Fetches $1 (following redirects) into $2; prints "status content-type".
fetch() {
    curl -sS -L --max-time 20 -o "$2" -w '%{http_code} %{content_type}' "$BASE$1" || echo "000 -"
}

check_urls() {
    local dir=$1 out
    out=$(fetch / "$dir/home.html")
    [[ $out == 200\ text/html* ]] || fail "/ answered '$out', not the shop page"
    grep -q '<h1>Flash sales</h1>' "$dir/home.html" || fail "/ is not the shop page (see $dir/home.html)"

    out=$(fetch /api/v1/sales "$dir/sales.json")
    [[ $out == 200\ application/json* ]] || fail "/api/v1/sales answered '$out', not JSON"
    head -c1 "$dir/sales.json" | grep -q '\[' || fail "/api/v1/sales is not a JSON array (see $dir/sales.json)"

    out=$(fetch /admin/ "$dir/admin.html")
    [[ $out == 200\ text/html* ]] || fail "/admin/ answered '$out'"
    grep -q 'Sign in to the admin console' "$dir/admin.html" || fail "/admin/ is not the sign-in page (see $dir/admin.html)"
    echo "readme-run-check: / is the shop, /api/v1/sales is JSON, /admin/ is the sign-in page"
}

one_run() {
    local n=$1 pid deadline
    local dir="$LOGS/run-$n"
    mkdir -p "$dir"
    echo "readme-run-check: run $n (log: $dir/run.log)"
    # Exactly as written, in its own process group so it can be ended with everything it started.
    setsid bash -c "$run_command" >"$dir/run.log" 2>&1 </dev/null &
    pid=$!
    deadline=$((SECONDS + READY_SECONDS))
    until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/health/ready" || true)" = 200 ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -40 "$dir/run.log" >&2
            fail "run $n: the run command ended before the service was ready"
        fi
        if [ $SECONDS -ge $deadline ]; then
            kill -- -"$pid" 2>/dev/null || true
            tail -40 "$dir/run.log" >&2
            fail "run $n: not ready within ${READY_SECONDS}s"
        fi
        sleep 2
    done
    echo "readme-run-check: run $n ready after ${SECONDS}s of the check"
    local status=0
    (check_urls "$dir") || status=$?
    # ERROR lines: Maven's [ERROR] and Liberty's message codes ending in E (CWWKZ0013E, ...).
    if grep -nE '\[ERROR|\bERROR\b|[A-Z]{4}[0-9]{4}E:' "$dir/run.log" >"$dir/errors.txt"; then
        cat "$dir/errors.txt" >&2
        status=1
        echo "readme-run-check: run $n logged ERROR lines" >&2
    fi
    ./mvnw -B -ntp -q liberty:stop >"$dir/stop.log" 2>&1 || true
    deadline=$((SECONDS + 120))
    while kill -0 "$pid" 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then
            kill -- -"$pid" 2>/dev/null || true
            fail "run $n: the run command did not end after liberty:stop"
        fi
        sleep 1
    done
    [ $status -eq 0 ] || fail "run $n (see $dir)"
}

one_run 1
one_run 2
echo "readme-run-check: passed (two runs of '$run_command')"
