#!/usr/bin/env bash
# The slow, thorough reliability run (CI runs a faster default of the same tests):
#   200 SIGKILLs instead of 50, 10x the hypothesis examples, two-seat runs on 5 seeds.
# Usage: scripts/reliability.sh            (about 3-4 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
FOCUSGROUP_CRASH_KILLS=200 FOCUSGROUP_CRASH_SEED="${SEED:-$RANDOM}" \
  HYPOTHESIS_PROFILE=thorough "$PY" -m pytest tests/reliability -q -p no:cacheprovider
for seed in 1000 2000 3000 4000 5000; do
  FOCUSGROUP_SEAT_SEED=$seed "$PY" -m pytest tests/reliability/test_two_seats.py -q \
    -p no:cacheprovider -k mixed
done
