#!/usr/bin/env bash
# Playwright's "executablePath" for a Chromium on an IPv6-only network: Debian's chromium inside the namespace
# ipv6-network.sh made (hearth-v6). Playwright drives it over the inherited pipe, as for chromium-in-netns.sh.
set -euo pipefail
exec ip netns exec "${HEARTH_E2E_V6_NETNS:-hearth-v6}" /usr/bin/chromium "$@"
