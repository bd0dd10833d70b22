#!/usr/bin/env bash
# A private network namespace for browsers that never pair with loopback candidates (Firefox): a veth pair
# joins it to the host, so the server listens on the host side and the browser reaches it as if over a LAN.
#   netns.sh up       create it (idempotent: whatever part exists is kept)
#   netns.sh down     remove it (idempotent)
#   netns.sh check    exit 0 when this machine can create namespaces (root, iproute2), 1 with the reason
# Needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN) and iproute2. Only addresses of this namespace pair are used.
set -euo pipefail

NS="${HEARTH_NETNS:-hearth-ff}"
HOST_IF="${NS}-h"          # interface names: at most 15 characters
NS_IF="${NS}-n"
HOST_IP="${HEARTH_NETNS_HOST_IP:-10.77.0.1}"
NS_IP="${HEARTH_NETNS_IP:-10.77.0.2}"
PREFIX=24

has_ns() { [ -e "/run/netns/$NS" ]; }

cmd_check() {
  [ "$(id -u)" -eq 0 ] || { echo "not root (network namespaces need CAP_SYS_ADMIN)"; return 1; }
  command -v ip >/dev/null || { echo "ip (iproute2) is missing"; return 1; }
  # Can the kernel/sandbox actually make one? Try with a throw-away name.
  local probe="hearth-probe-$$"
  if ! ip netns add "$probe" 2>/dev/null; then echo "ip netns add is refused here (no namespace capability)"; return 1; fi
  ip netns del "$probe" 2>/dev/null || true
}

cmd_up() {
  has_ns || ip netns add "$NS"
  if ! ip link show "$HOST_IF" >/dev/null 2>&1; then
    # A half-made pair (the namespace end left over) is removed first.
    ip -n "$NS" link del "$NS_IF" 2>/dev/null || true
    ip link add "$HOST_IF" type veth peer name "$NS_IF"
  fi
  if ip link show "$NS_IF" >/dev/null 2>&1; then ip link set "$NS_IF" netns "$NS"; fi
  # Read whole, then match: with pipefail, grep -q closing the pipe early would fail `ip` with SIGPIPE.
  [[ "$(ip addr show dev "$HOST_IF")" == *"inet $HOST_IP/"* ]] || ip addr add "$HOST_IP/$PREFIX" dev "$HOST_IF"
  [[ "$(ip -n "$NS" addr show dev "$NS_IF")" == *"inet $NS_IP/"* ]] || ip -n "$NS" addr add "$NS_IP/$PREFIX" dev "$NS_IF"
  ip link set "$HOST_IF" up
  ip -n "$NS" link set "$NS_IF" up
  # Firefox's remote agent (WebDriver BiDi) listens on the namespace's own loopback.
  ip -n "$NS" link set lo up
}

cmd_down() {
  ip link del "$HOST_IF" 2>/dev/null || true   # removes both ends
  if has_ns; then ip netns del "$NS"; fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  check) cmd_check ;;
  *) echo "usage: $0 up|down|check" >&2; exit 2 ;;
esac
