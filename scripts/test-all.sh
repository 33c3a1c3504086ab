#!/usr/bin/env bash
# Runs every test of the project (`npm test`; README: `npm ci && npm test`):
#   1. npm run build            (contracts + ABIs + TypeScript; the e2e suite starts the built platform),
#      then npm run typecheck   (tests, scripts and console too; counted as one test)
#   2. jest: unit + integration (one run), then e2e (its own run, serially: it starts the platform
#      once in its global setup; a crash there must not lose the other suites' results)
#   3. start paths      (test/start: `npm start` on a bare machine in network namespaces, supervision,
#                        repository checks)
#   4. contract tests           (hardhat test: Solidity and node:test runners; line coverage)
#   4. contract branch coverage (forge coverage over the Solidity suites in contracts/forge; it prints
#                                line and branch coverage per contract, and each contract must reach
#                                BRANCH_COVERAGE_MIN percent of lines and of branches)
#   5. chaos (short form)       (`npm run chaos:short`: 40 orders through SIGKILLed workers, a Redis
#                                restart and a faulty chain proxy; counted as one test)
# and prints as its LAST line `N passed, N failed` with the totals of all suites. Exits non-zero
# if any test failed, a suite is missing, or a runner crashed (a crash or a missing suite is
# counted as one failure, and said so above the summary).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

results_dir="$(mktemp -d "${TMPDIR:-/tmp}/rwa-test-all.XXXXXX")"
trap 'rm -rf "$results_dir"' EXIT

passed=0
failed=0
notes=()

note() {
  notes+=("$1")
  echo "[test-all] $1" >&2
}

section() {
  printf '\n[test-all] ===== %s =====\n' "$1" >&2
}

# Files jest would run for these projects (0 when the project has none yet).
count_jest_tests() {
  NODE_OPTIONS=--experimental-vm-modules jest --listTests --selectProjects "$@" 2>/dev/null | grep -c '\.ts$' || true
}

# run_jest <label> <jest args...>: adds the results of one jest run to the totals.
run_jest() {
  local label="$1"
  shift
  local out="$results_dir/$label.json"
  NODE_OPTIONS=--experimental-vm-modules jest --ci "$@" --json --outputFile="$out"
  local rc=$?
  if [[ ! -s "$out" ]]; then
    note "jest ($label) crashed (exit $rc) without results: counted as 1 failure"
    failed=$((failed + 1))
    return
  fi
  local counts p f s
  counts="$(node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const failedTests = r.numFailedTests + r.numRuntimeErrorTestSuites;
    console.log(r.numPassedTests, failedTests, r.numPendingTests + r.numTodoTests);
  ' "$out")" || {
    note "jest ($label): unreadable results file: counted as 1 failure"
    failed=$((failed + 1))
    return
  }
  read -r p f s <<<"$counts"
  echo "[test-all] jest ($label): $p passed, $f failed, $s skipped (exit $rc)" >&2
  passed=$((passed + p))
  failed=$((failed + f))
  if ((s > 0)); then note "jest ($label): $s skipped or todo tests (not counted as passed)"; fi
  if ((rc != 0 && f == 0)); then
    note "jest ($label) exited $rc with no failed test (setup/teardown error?): counted as 1 failure"
    failed=$((failed + 1))
  fi
}

# Contract tests: hardhat prints aggregate lines "N passing (x solidity, y nodejs)" / "N failing (...)".
run_contract_tests() {
  local log="$results_dir/contracts.log"
  npm run --silent test:contracts 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local clean p f
  clean="$(sed -E 's/\x1b\[[0-9;]*m//g' "$log")"
  p="$(grep -E '^[0-9]+ passing \(' <<<"$clean" | tail -n1 | grep -oE '^[0-9]+' || true)"
  f="$(grep -E '^[0-9]+ failing \(' <<<"$clean" | tail -n1 | grep -oE '^[0-9]+' || true)"
  p="${p:-0}"
  f="${f:-0}"
  echo "[test-all] contracts: $p passed, $f failed (exit $rc)" >&2
  passed=$((passed + p))
  failed=$((failed + f))
  if ((p + f == 0 && rc == 0)); then
    note "contracts: no contract tests found: counted as 1 failure"
    failed=$((failed + 1))
  elif ((rc != 0 && f == 0)); then
    note "contracts: hardhat test exited $rc with no failing test reported (compile error or crash?): counted as 1 failure"
    failed=$((failed + 1))
  fi
}

# Branch coverage: `forge coverage` runs the Solidity suites in contracts/forge (their pass/fail counts
# are added to the totals) and prints a table of line, statement, branch and function coverage per
# contract. A contract under BRANCH_COVERAGE_MIN percent of lines or branches counts as one failure.
BRANCH_COVERAGE_MIN="${BRANCH_COVERAGE_MIN:-95}"
run_branch_coverage() {
  local log="$results_dir/branches.log"
  npm run --silent test:contracts:branches 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local clean summary p f s
  clean="$(sed -E 's/\x1b\[[0-9;]*m//g' "$log")"
  # "Ran 4 test suites in 441.67ms (726.89ms CPU time): 38 tests passed, 0 failed, 0 skipped (38 total tests)"
  summary="$(grep -E '^Ran [0-9]+ test suites? in .*: [0-9]+ tests passed, [0-9]+ failed, [0-9]+ skipped' <<<"$clean" | tail -n1)"
  if [[ -z "$summary" ]]; then
    note "forge coverage exited $rc without a test summary (compile error or crash?): counted as 1 failure"
    failed=$((failed + 1))
    return
  fi
  read -r p f s < <(sed -E 's/.*: ([0-9]+) tests passed, ([0-9]+) failed, ([0-9]+) skipped.*/\1 \2 \3/' <<<"$summary")
  echo "[test-all] forge (branch coverage suites): $p passed, $f failed, $s skipped (exit $rc)" >&2
  passed=$((passed + p))
  failed=$((failed + f))
  if ((s > 0)); then note "forge: $s skipped tests (not counted as passed)"; fi
  if ((rc != 0 && f == 0)); then
    note "forge coverage exited $rc with no failing test reported: counted as 1 failure"
    failed=$((failed + 1))
    return
  fi
  # Table rows: "| contracts/src/FundToken.sol | 100.00% (386/386) | 100.00% (525/525) | 100.00% (113/113) | ..."
  local rows below
  rows="$(grep -E '^\| contracts/src/[^|]+\.sol +\|' <<<"$clean")"
  if [[ -z "$rows" ]]; then
    note "forge coverage printed no coverage table: counted as 1 failure"
    failed=$((failed + 1))
    return
  fi
  below="$(awk -F'|' -v min="$BRANCH_COVERAGE_MIN" '{
      gsub(/ /, "", $2); line = $3 + 0; branch = $5 + 0;
      if (line < min || branch < min) printf "%s (lines %s%%, branches %s%%) ", $2, line, branch
    }' <<<"$rows")"
  if [[ -n "$below" ]]; then
    note "contract coverage below ${BRANCH_COVERAGE_MIN}%: ${below}: counted as 1 failure"
    failed=$((failed + 1))
  else
    echo "[test-all] contract line and branch coverage >= ${BRANCH_COVERAGE_MIN}% for every contract" >&2
  fi
}

section "build"
build_ok=1
if ! npm run build; then
  build_ok=0
  note "npm run build failed: counted as 1 failure"
  failed=$((failed + 1))
fi

section "typecheck"
# The build compiles apps and libs only; this also checks the tests, the scripts (run by Node's type
# stripping, which checks no type) and the console. Counted as one test.
if npm run --silent typecheck; then
  passed=$((passed + 1))
else
  note "npm run typecheck failed: counted as 1 failure"
  failed=$((failed + 1))
fi

section "jest: unit + integration"
projects=()
for project in unit integration; do
  if (($(count_jest_tests "$project") > 0)); then
    projects+=("$project")
  else
    note "no $project tests found: counted as 1 failure"
    failed=$((failed + 1))
  fi
done
if ((${#projects[@]} > 0)); then
  run_jest "unit-integration" --selectProjects "${projects[@]}"
fi

section "jest: e2e"
if (($(count_jest_tests e2e) == 0)); then
  note "no e2e tests found: counted as 1 failure"
  failed=$((failed + 1))
elif ((build_ok == 0)); then
  note "e2e not run (it needs the build): counted as 1 failure"
  failed=$((failed + 1))
else
  run_jest "e2e" --selectProjects e2e --runInBand
fi

section "jest: start paths and supervision"
# Each start-path file starts the whole platform in a network namespace (as root): minutes each, so
# they run after the e2e suite, on their own.
if (($(count_jest_tests start) == 0)); then
  note "no start tests found: counted as 1 failure"
  failed=$((failed + 1))
elif ((build_ok == 0)); then
  note "start tests not run (they need the build): counted as 1 failure"
  failed=$((failed + 1))
else
  run_jest "start" --selectProjects start
fi

section "contracts"
run_contract_tests

section "contracts: branch coverage (forge)"
run_branch_coverage

section "chaos (short)"
if ((build_ok == 0)); then
  note "chaos not run (it needs the build): counted as 1 failure"
  failed=$((failed + 1))
elif node scripts/chaos.ts --orders 40 --wallets 8 --kill-every-ms 5000 --timeout-s 240; then
  echo "[test-all] chaos (short): 1 passed" >&2
  passed=$((passed + 1))
else
  note "chaos (short) failed: counted as 1 failure"
  failed=$((failed + 1))
fi

echo >&2
if ((${#notes[@]} > 0)); then
  echo "[test-all] notes:" >&2
  for n in "${notes[@]}"; do echo "[test-all]   - $n" >&2; done
fi
echo "$passed passed, $failed failed"
if ((failed > 0)); then exit 1; fi
exit 0
