#!/usr/bin/env bash
# ctest driver: starts the bundled Admin API server on loopback (HTTPS, its own test CA), runs
# one example scenario against it and checks the output and exit codes.
#   run_example.sh SCENARIO SERVER_EXE EXAMPLE_EXE [CERTCTL_EXE]
# Scenarios: tour quick_start expiry_monitor callbacks_and_futures cancel_with_timer
#            project_pages certctl_smoke certctl_rotate certctl_apply_kill
# The examples read OPENAI_ADMIN_KEY/OPENAI_BASE_URL; those without a --ca-file option trust the
# server through OpenSSL's SSL_CERT_FILE. CERTCTL_EXE, when given, seeds certificates.
set -euo pipefail
scenario=$1 server=$2 exe=$3 certctl=${4:-}
work=$(mktemp -d)
pid=
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

fail() { echo "FAIL ($scenario): $*" >&2; exit 1; }
# make_ca FILE CN DAYS: a self-signed CA with SKI/AKI (OpenSSL's v3_ca defaults)
make_ca() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" \
        -subj "/CN=$2" -days "$3" -addext "basicConstraints=critical,CA:TRUE" -out "$1" 2>/dev/null
}
# expect CODE CMD...: runs CMD, output to $work/out and $work/err, and checks its exit code
expect() {
    local want=$1 got=0
    shift
    "$@" >"$work/out" 2>"$work/err" || got=$?
    [[ $got == "$want" ]] || { cat "$work/out" "$work/err" >&2; fail "exit $got, expected $want: ${*:2}"; }
}
seed() { # seed N: uploads N certificates with certctl
    for i in $(seq "$1"); do
        "$certctl" --ca-file "$work/server-ca.pem" upload "$work/ca.pem" --name "seed $i" >/dev/null
    done
}

make_ca "$work/ca.pem" "example test CA" 365
"$server" --admin-key sk-admin-example --port 0 --port-file "$work/port" --ca-out "$work/server-ca.pem" --verbose \
    >/dev/null 2>"$work/server.log" &
pid=$!
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
[[ -s "$work/port" ]] || fail "server did not start"
export OPENAI_ADMIN_KEY=sk-admin-example OPENAI_BASE_URL="https://127.0.0.1:$(cat "$work/port")/v1"

case $scenario in
tour)
    "$exe" --pem "$work/ca.pem" --ca-file "$work/server-ca.pem" | tee "$work/out"
    for step in "1. upload" "2. get" "3. modify" "4. activate" "5. list" "6. activate" "7. list" \
                "8. deactivate" "9. deactivate" "10. delete" "tour complete"; do
        grep -q "$step" "$work/out" || fail "missing step: $step"
    done
    ;;
quick_start)
    SSL_CERT_FILE="$work/server-ca.pem" "$exe" "$work/ca.pem" proj_quick 2>&1 | tee "$work/out"
    grep -q "holds .* bytes of PEM" "$work/out" || fail "no upload/get"
    grep -q "edge CA 2027 (active)" "$work/out" || fail "no active certificate listed"
    # Any failure exits 1 with the error on stderr: an API error, TLS, the client's
    # constructor, an unreadable file; a usage error exits 2.
    SSL_CERT_FILE="$work/server-ca.pem" OPENAI_ADMIN_KEY=sk-admin-wrong expect 1 "$exe" "$work/ca.pem" proj_quick
    grep -q "failed: .*401" "$work/err" || fail "no 401 reported: $(cat "$work/err")"
    expect 1 "$exe" "$work/ca.pem" proj_quick # the server's CA is not trusted
    grep -q "failed: .*certificate verify failed" "$work/err" || fail "no TLS error reported: $(cat "$work/err")"
    SSL_CERT_FILE="$work/server-ca.pem" OPENAI_ADMIN_KEY= expect 1 "$exe" "$work/ca.pem" proj_quick
    grep -q "failed: .*admin key" "$work/err" || fail "no missing-key error reported: $(cat "$work/err")"
    SSL_CERT_FILE="$work/server-ca.pem" expect 1 "$exe" "$work/missing.pem" proj_quick
    grep -q "failed: cannot read" "$work/err" || fail "no unreadable-file error: $(cat "$work/err")"
    expect 2 "$exe" "$work/ca.pem"
    ;;
expiry_monitor)
    make_ca "$work/soon.pem" "soon to expire" 10
    seed 2
    "$certctl" --ca-file "$work/server-ca.pem" upload "$work/soon.pem" --name "expires soon" >/dev/null
    SSL_CERT_FILE="$work/server-ca.pem" "$exe" --interval-seconds 1 --rounds 2 --warn-days 30 2>&1 | tee "$work/out"
    [[ $(grep -Ec 'WARNING certificate cert_.* \(expires soon\) expires in (9|10) days' "$work/out") == 2 ]] ||
        fail "expected one warning per round"
    grep -q "round 2: 3 certificates checked, 1 expire within 30 days" "$work/out" || fail "no second round"
    ;;
callbacks_and_futures)
    SSL_CERT_FILE="$work/server-ca.pem" "$exe" "$work/ca.pem" | tee "$work/out"
    for line in "future: uploaded cert_" "callback: cert_.* active=1" "callback: cert_.* active=0" \
                "get failed as expected: not_found" "future: deleted cert_"; do
        grep -q "$line" "$work/out" || fail "missing: $line"
    done
    ;;
cancel_with_timer)
    seed 3
    for ms in 1 5000; do # a timer that (nearly) always wins, and one that (nearly) never does
        SSL_CERT_FILE="$work/server-ca.pem" "$exe" --timeout-ms "$ms" | tee "$work/out"
        grep -Eq "^winner: the (call \(3 certificates|timer)" "$work/out" || fail "no winner"
        grep -q "client still usable: 1 certificate" "$work/out" || fail "client unusable after the race"
    done
    ;;
project_pages)
    seed 5
    ids=$("$certctl" --json --ca-file "$work/server-ca.pem" list --all | grep -o '"id":"cert_[^"]*"' | cut -d'"' -f4)
    # shellcheck disable=SC2086 # one argument per id
    "$certctl" --ca-file "$work/server-ca.pem" activate $(echo "$ids" | head -2) --project proj_pages >/dev/null
    SSL_CERT_FILE="$work/server-ca.pem" "$exe" proj_pages 2 | tee "$work/out"
    grep -q "^page 3: 1 certificates, has_more=false" "$work/out" || fail "expected 3 pages"
    grep -q "5 certificates in 3 pages, 2 active in proj_pages" "$work/out" || fail "wrong totals"
    ;;
certctl_smoke)
    c=("$exe" --ca-file "$work/server-ca.pem")
    make_ca "$work/soon.pem" "soon to expire" 10
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/leaf.key" \
        -subj "/CN=leaf" -days 30 -addext "basicConstraints=critical,CA:FALSE" -out "$work/leaf.pem" 2>/dev/null
    expect 0 "${c[@]}" --json upload "$work/ca.pem" --name "smoke CA"
    id=$(grep -o '"id":"cert_[^"]*"' "$work/out" | cut -d'"' -f4)
    [[ -n "$id" ]] || fail "no id from upload"
    expect 0 "${c[@]}" list
    grep -q "^ID  *NAME  *ACTIVE  *VALID FROM  *EXPIRES  *DAYS LEFT" "$work/out" || fail "no table header"
    grep -q "$id  *smoke CA  *no " "$work/out" || fail "uploaded certificate not listed"
    expect 0 "${c[@]}" get "$id" --content
    grep -q "BEGIN CERTIFICATE" "$work/out" || fail "no PEM with --content"
    expect 0 "${c[@]}" rename "$id" "smoke CA renamed"
    expect 0 "${c[@]}" activate "$id"
    expect 0 "${c[@]}" expiring
    expect 0 "${c[@]}" upload - --name soon <"$work/soon.pem"
    expect 3 "${c[@]}" expiring --within 30
    grep -q "soon" "$work/out" || fail "expiring does not name the certificate"
    expect 1 "${c[@]}" get cert_does_not_exist
    grep -q "status:     404" "$work/err" || fail "no status on stderr"
    grep -q "request id: req_" "$work/err" || fail "no request id on stderr"
    expect 2 "${c[@]}" frobnicate
    expect 2 "${c[@]}" list --limit 0
    expect 5 "${c[@]}" upload "$work/leaf.pem"
    grep -q "CA:TRUE" "$work/err" || fail "no reason for the local check"
    expect 4 "$exe" --ca-file "$work/server-ca.pem" --base-url https://127.0.0.1:1/v1 --max-retries 0 list
    expect 4 "$exe" --base-url "$OPENAI_BASE_URL" --max-retries 0 list # server CA not trusted
    OPENAI_ADMIN_KEY=sk-admin-wrong expect 1 "${c[@]}" list
    grep -q "sk-admin-wrong" "$work/out" "$work/err" && fail "the admin key was printed"
    expect 0 "${c[@]}" deactivate "$id"
    expect 0 "${c[@]}" delete "$id"
    ;;
certctl_rotate)
    c=("$exe" --ca-file "$work/server-ca.pem")
    make_ca "$work/new.pem" "next CA" 730
    expect 0 "${c[@]}" --json upload "$work/ca.pem" --name "current CA"
    old=$(grep -o '"id":"cert_[^"]*"' "$work/out" | cut -d'"' -f4)
    expect 0 "${c[@]}" activate "$old"
    expect 0 "${c[@]}" rotate --old "$old" --new "$work/new.pem" --name "next CA"
    cat "$work/out"
    grep -q "^rotated: $old replaced by cert_" "$work/out" || fail "no rotation summary"
    expect 1 "${c[@]}" get "$old"
    expect 0 "${c[@]}" --json list
    [[ $(grep -c '"active":true' "$work/out") == 1 ]] || fail "expected exactly the new CA active"
    grep -q '"name":"next CA"' "$work/out" || fail "new CA not listed"
    ;;
certctl_apply_kill)
    # certctl apply killed (SIGKILL) after each step it reports, then rerun: it must converge on
    # the file with no duplicate upload and no delete the server refuses.
    c=("$exe" --ca-file "$work/server-ca.pem")
    make_ca "$work/b.pem" "CA b" 365
    make_ca "$work/c.pem" "CA c" 365
    cat >"$work/before.json" <<'JSON'
{ "projects": ["proj_1", "proj_2"], "prune": true,
  "certificates": [ {"name": "A", "pem_file": "ca.pem", "active": {"organization": true}},
                    {"name": "B", "pem_file": "b.pem", "active": {"projects": ["proj_1", "proj_2"]}} ] }
JSON
    cat >"$work/after.json" <<'JSON'
{ "projects": ["proj_1", "proj_2"], "prune": true,
  "certificates": [ {"name": "A renamed", "pem_file": "ca.pem", "active": {"organization": true, "projects": ["proj_2"]}},
                    {"name": "C", "pem_file": "c.pem", "active": {"organization": true, "projects": ["proj_1"]}} ] }
JSON
    steps=0
    for k in 1 2 3 4 5 6 7 8 9 10; do
        expect 0 "${c[@]}" apply "$work/before.json"
        uploads_before=$(grep -c "POST /v1/organization/certificates ->" "$work/server.log" || true)
        # Its output comes through a FIFO, read line by line: the kill follows the k-th "done"
        # line at once (polling the file let a fast build finish every step first; certctl runs
        # niced, so that on a busy machine the reader is scheduled first). Whether it
        # was killed or finished is its exit status, not its output.
        rm -f "$work/fifo" "$work/kill.out"
        mkfifo "$work/fifo"
        nice -n 19 "${c[@]}" apply "$work/after.json" >"$work/fifo" 2>&1 & # the reader comes first
        apid=$!
        done_lines=0
        while IFS= read -r line; do
            printf '%s\n' "$line" >>"$work/kill.out"
            [[ $line == "done "* ]] && done_lines=$((done_lines + 1))
            if ((done_lines >= k)); then
                kill -9 "$apid" 2>/dev/null || true
                break
            fi
        done <"$work/fifo"
        status=0
        wait "$apid" 2>/dev/null || status=$?
        if [[ $status == 0 ]]; then steps=$k; break; fi
        [[ $status == 137 ]] || { cat "$work/kill.out" >&2; fail "apply exited with $status before the kill at step $k"; }
        expect 0 "${c[@]}" apply "$work/after.json"
        expect 0 "${c[@]}" plan "$work/after.json"
        grep -q "^no changes" "$work/out" || fail "not converged after a kill at step $k"
        uploads=$(( $(grep -c "POST /v1/organization/certificates ->" "$work/server.log") - uploads_before ))
        [[ $uploads == 1 ]] || fail "kill at step $k: $uploads uploads of C, expected 1"
        expect 0 "${c[@]}" --json list
        [[ $(grep -c '"id"' "$work/out") == 2 ]] || fail "kill at step $k: not exactly 2 certificates"
        grep -q '"name":"A renamed".*"active":true' "$work/out" || fail "kill at step $k: A not renamed/active"
        echo "killed after step $k: converged on rerun"
    done
    [[ $steps -ge 2 ]] || fail "apply finished on its own at step $steps; no kill happened mid-way"
    grep -q -- "-> 409" "$work/server.log" && fail "the server refused a delete (409)"
    ;;
*)
    fail "unknown scenario"
    ;;
esac
echo "PASS ($scenario)"
