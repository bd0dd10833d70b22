#!/usr/bin/env bash
# The network of a clinic or hotel that lets no UDP out: a namespace (netns.sh, hearth-nu, 10.79.0.2) whose
# nftables firewall drops every UDP datagram in and out, with a default route to the host so that the host's
# own addresses (the Hearth server and its TURN server) are reachable over TCP.
#   restricted-network.sh up|down
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export HEARTH_NETNS="${HEARTH_E2E_RESTRICTED_NETNS:-hearth-nu}"
export HEARTH_NETNS_HOST_IP="${HEARTH_E2E_RESTRICTED_HOST_IP:-10.79.0.1}"
export HEARTH_NETNS_IP="${HEARTH_E2E_RESTRICTED_IP:-10.79.0.2}"

case "${1:-}" in
  up)
    "$HERE/netns.sh" up
    ip -n "$HEARTH_NETNS" route replace default via "$HEARTH_NETNS_HOST_IP"
    ip netns exec "$HEARTH_NETNS" nft -f - <<'NFT'
table inet hearth_no_udp
delete table inet hearth_no_udp
table inet hearth_no_udp {
  chain outbound { type filter hook output priority 0; policy accept; meta l4proto udp counter drop; }
  chain inbound { type filter hook input priority 0; policy accept; meta l4proto udp counter drop; }
}
NFT
    ;;
  down) "$HERE/netns.sh" down ;;
  counters) ip netns exec "$HEARTH_NETNS" nft list table inet hearth_no_udp ;;
  *) echo "usage: $0 up|down|counters" >&2; exit 2 ;;
esac
