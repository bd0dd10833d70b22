#!/usr/bin/env bash
# Puppeteer's "executablePath" for Firefox in the test namespace (see netns.sh): Debian's firefox-esr, started
# inside the namespace through bidi-bridge.mjs, which makes its WebDriver BiDi port reachable from the host.
set -euo pipefail
exec ip netns exec "${HEARTH_NETNS:-hearth-ff}" node "$(dirname "${BASH_SOURCE[0]}")/bidi-bridge.mjs" "$@"
