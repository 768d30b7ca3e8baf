#!/usr/bin/env bash
# Scores `reckon extract --jsonl` on the dronestream dev set (or another gold file given as $1) with the shared scorer.
# Usage: scripts/eval.sh [GOLD.jsonl] [--misses N]
set -euo pipefail
cd "$(dirname "$0")/.."
gold="${1:-../shared/eval/dronestream-dev.jsonl}"
shift || true
npm run build --silent
node ../shared/eval/score.mjs --gold "$gold" --cmd "node dist/cli/main.js extract --jsonl" "$@"
