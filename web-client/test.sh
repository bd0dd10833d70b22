#!/usr/bin/env bash
# The web client's tests: node unit tests of the client logic, then the browser end-to-end run.
# Expects the server jar to be built (./hearth test builds it before calling this).
set -euo pipefail
WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$WEB"

# npm ci only when node_modules is missing or older than the lockfile.
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/puppeteer-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

node --test test/
bash e2e/run.sh
