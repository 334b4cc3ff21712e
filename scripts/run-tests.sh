#!/usr/bin/env bash
# Run the test suite against one database; pytest's "no tests collected" (exit 5) is a failure.
set -uo pipefail
label=$1; shift
echo "== tests on $label =="
.venv/bin/pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "pytest collected no tests on $label: that is a failure" >&2
  exit 1
fi
exit $rc
