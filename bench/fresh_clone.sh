#!/usr/bin/env bash
# Time the two quick-start commands on a fresh clone, installs included:
#   - `make demo` until http://127.0.0.1:8000/login/ answers (target: within 5 minutes);
#   - `make test` to completion (target: within 20 minutes).
# Usage: bench/fresh_clone.sh [demo|test|both]   (run on an otherwise idle machine)
# COLD_CACHES=1 gives uv and npm empty caches, so every package is downloaded as on a new machine.
set -euo pipefail
what=${1:-both}
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=$(mktemp -d /tmp/sightline-fresh.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ "${COLD_CACHES:-0}" = 1 ]; then
  export UV_CACHE_DIR="$work/uv-cache" npm_config_cache="$work/npm-cache" PIP_NO_CACHE_DIR=1
fi

fresh() {
  rm -rf "$work/clone"
  git clone --quiet "$repo" "$work/clone"
}

if [ "$what" = demo ] || [ "$what" = both ]; then
  fresh
  cd "$work/clone"
  start=$(date +%s.%N)
  (make demo >"$work/demo.log" 2>&1 &)
  until curl -fsS -o /dev/null http://127.0.0.1:8000/login/ 2>/dev/null; do
    sleep 1
    if [ $(( $(date +%s) - ${start%.*} )) -gt 900 ]; then echo "demo: not serving after 15 min"; break; fi
  done
  end=$(date +%s.%N)
  printf 'make demo serving after %.0f s\n' "$(echo "$end - $start" | bc)"
  grep -E "^ *(demo\.|Username|username)" "$work/demo.log" | head -3 || true
  pkill -f "sightline runserver" || true
  sleep 1
  cd "$repo"
fi

if [ "$what" = test ] || [ "$what" = both ]; then
  fresh
  cd "$work/clone"
  start=$(date +%s.%N)
  make test >"$work/test.log" 2>&1 || { tail -30 "$work/test.log"; exit 1; }
  end=$(date +%s.%N)
  tail -1 "$work/test.log"
  printf 'make test finished after %.0f s\n' "$(echo "$end - $start" | bc)"
fi
