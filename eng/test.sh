#!/usr/bin/env bash
# Runs every test in the repo against real Redis, PostgreSQL and Chromium, then prints one line:
# "N passed, N failed, N skipped", summed over every test project. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source eng/prerequisites.sh
ensure_packages redis-server:redis-server initdb:postgresql chromium:chromium

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build Platform.sln -c Release -nologo -clp:ErrorsOnly
status=0
# One project at a time, each with its own TRX file: integration suites start real servers and
# whole app models, which is more than two cores should run at once. A hung test is killed and reported.
projects=0
for project in tests/*/*.Tests.csproj; do
  projects=$((projects + 1))
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results" --blame-hang-timeout 10m || status=1
done

# Sum the counters of every TRX file, so a project that ran nothing still shows.
passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  num() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(num total); executed=$(num executed); p=$(num passed); f=$(num failed)
  e=$(num error); t=$(num timeout); a=$(num aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
[ "$files" -eq "$projects" ] || { echo "only $files of $projects test projects wrote results" >&2; status=1; }
[ "$status" -eq 0 ] && [ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
