#!/usr/bin/env bash
# An IPv6-only network: a private namespace (hearth-v6) joined to the host by a veth pair that carries only
# unique-local IPv6 addresses, fd80::1 on the host end and fd80::2 inside; no IPv4 address at all, so a browser
# in it can reach the host, and pair with the relay, over IPv6 only.
#   ipv6-network.sh up     create it (idempotent)
#   ipv6-network.sh down   remove it (idempotent)
# Needs root and iproute2 (netns.sh check says whether this machine can).
set -euo pipefail

NS="${HEARTH_E2E_V6_NETNS:-hearth-v6}"
HOST_IF="${NS}-h"
NS_IF="${NS}-n"
HOST_IP="${HEARTH_E2E_V6_HOST_IP:-fd80::1}"
NS_IP="${HEARTH_E2E_V6_IP:-fd80::2}"

has_ns() { [ -e "/run/netns/$NS" ]; }

cmd_up() {
  has_ns || ip netns add "$NS"
  if ! ip link show "$HOST_IF" >/dev/null 2>&1; then
    ip -n "$NS" link del "$NS_IF" 2>/dev/null || true
    ip link add "$HOST_IF" type veth peer name "$NS_IF"
  fi
  if ip link show "$NS_IF" >/dev/null 2>&1; then ip link set "$NS_IF" netns "$NS"; fi
  # IPv6 on even if the host defaults to off for new interfaces; nodad: usable at once, nobody else is on the link.
  sysctl -qw "net.ipv6.conf.$HOST_IF.disable_ipv6=0"
  ip netns exec "$NS" sysctl -qw "net.ipv6.conf.$NS_IF.disable_ipv6=0" "net.ipv6.conf.lo.disable_ipv6=0"
  [[ "$(ip -6 addr show dev "$HOST_IF")" == *"inet6 $HOST_IP/"* ]] || ip -6 addr add "$HOST_IP/64" dev "$HOST_IF" nodad
  [[ "$(ip -n "$NS" -6 addr show dev "$NS_IF")" == *"inet6 $NS_IP/"* ]] || ip -n "$NS" -6 addr add "$NS_IP/64" dev "$NS_IF" nodad
  ip link set "$HOST_IF" up
  ip -n "$NS" link set "$NS_IF" up
  ip -n "$NS" link set lo up
  # A default route, so that the browser sees a network with an IPv6 way out (it probes one to pick its address).
  ip -n "$NS" -6 route replace default via "$HOST_IP" dev "$NS_IF"
  if [[ "$(ip -n "$NS" -4 addr show dev "$NS_IF")" == *inet* ]]; then
    echo "ipv6-network.sh: $NS_IF has an IPv4 address; this network must be IPv6-only" >&2
    exit 1
  fi
}

cmd_down() {
  ip link del "$HOST_IF" 2>/dev/null || true   # removes both ends
  if has_ns; then ip netns del "$NS"; fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
