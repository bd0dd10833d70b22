#!/usr/bin/env bash
# Playwright's "executablePath" for a Chromium on a restricted network: Debian's chromium, started inside the
# namespace run.sh made for it (whose firewall drops all UDP). Playwright drives it over the inherited pipe,
# which `ip netns exec` passes through, so no control port is needed.
set -euo pipefail
exec ip netns exec "${HEARTH_E2E_RESTRICTED_NETNS:-hearth-nu}" /usr/bin/chromium "$@"
