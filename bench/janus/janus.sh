#!/usr/bin/env bash
# Debian's Janus (VideoRoom plugin, plain HTTP API) for `./hearth bench load --compare janus`, in a private network
# namespace: libnice never uses loopback, so Janus gets a veth pair, 10.81.0.1 on the host (where the load generator
# binds its sockets) and 10.81.0.2 in the namespace, and only that interface for ICE.
#   janus.sh up DIR   create the namespace, write Janus' configuration into DIR, start Janus; prints its pid
#   janus.sh down     stop the Janus started by `up` and remove the namespace (idempotent)
# Needs root (network namespaces) and the janus package (installed here when missing, on Debian as root).
set -euo pipefail

NS=hearth-janus
HOST_IF="${NS}-h"
NS_IF="${NS}-n"
HOST_IP=10.81.0.1
NS_IP=10.81.0.2
PORT=8088
LIB=/usr/lib/x86_64-linux-gnu/janus
PID_FILE=/run/hearth-janus.pid

die() { printf 'janus.sh: %s\n' "$*" >&2; exit 1; }

cmd_up() {
  local dir="$1"
  [ "$(id -u)" -eq 0 ] || die "network namespaces need root"
  if ! command -v janus >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends janus >/dev/null
  fi
  [ -d "$LIB/plugins" ] || LIB="$(dirname "$(dpkg -L janus | grep -m1 '/janus/plugins/libjanus_videoroom.so$')")/.."
  [ -e "/run/netns/$NS" ] || ip netns add "$NS"
  if ! ip link show "$HOST_IF" >/dev/null 2>&1; then
    ip -n "$NS" link del "$NS_IF" 2>/dev/null || true
    ip link add "$HOST_IF" type veth peer name "$NS_IF"
  fi
  if ip link show "$NS_IF" >/dev/null 2>&1; then ip link set "$NS_IF" netns "$NS"; fi
  [[ "$(ip addr show dev "$HOST_IF")" == *"inet $HOST_IP/"* ]] || ip addr add "$HOST_IP/24" dev "$HOST_IF"
  [[ "$(ip -n "$NS" addr show dev "$NS_IF")" == *"inet $NS_IP/"* ]] || ip -n "$NS" addr add "$NS_IP/24" dev "$NS_IF"
  ip link set "$HOST_IF" up
  ip -n "$NS" link set "$NS_IF" up
  ip -n "$NS" link set lo up

  mkdir -p "$dir"
  # Only the VideoRoom plugin and the HTTP transport are loaded; no event handlers or loggers.
  local plugins transports
  plugins=$(cd "$LIB/plugins" && ls libjanus_*.so | grep -v videoroom | paste -sd, -)
  transports=$(cd "$LIB/transports" && ls libjanus_*.so | grep -v '_http' | paste -sd, -)
  cat >"$dir/janus.jcfg" <<CFG
general: {
  configs_folder = "$dir"
  plugins_folder = "$LIB/plugins"
  transports_folder = "$LIB/transports"
  events_folder = "$LIB/events"
  loggers_folder = "$LIB/loggers"
  debug_level = 3
}
media: {
  rtp_port_range = "20000-40000"
}
nat: {
  nice_debug = false
  ice_enforce_list = "$NS_IF"
}
plugins: {
  disable = "$plugins"
}
transports: {
  disable = "$transports"
}
events: {
  broadcast = false
}
CFG
  cat >"$dir/janus.transport.http.jcfg" <<CFG
general: {
  json = "plain"
  base_path = "/janus"
  http = true
  port = $PORT
  ip = "$NS_IP"
  https = false
}
admin: {
  admin_http = false
}
CFG
  printf 'general: {\n}\n' >"$dir/janus.plugin.videoroom.jcfg"
  ip netns exec "$NS" janus -N -F "$dir" -C "$dir/janus.jcfg" -L "$dir/janus.log" >/dev/null 2>&1 &
  local pid=$!
  echo "$pid" >"$PID_FILE"
  for _ in $(seq 1 100); do
    if curl -fsS "http://$NS_IP:$PORT/janus/info" >/dev/null 2>&1; then
      echo "$pid"
      return
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  tail -n 30 "$dir/janus.log" >&2 || true
  die "Janus did not answer on http://$NS_IP:$PORT/janus/info"
}

cmd_down() {
  if [ -f "$PID_FILE" ]; then
    local pid
    pid=$(cat "$PID_FILE")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$PID_FILE"
  fi
  ip link del "$HOST_IF" 2>/dev/null || true
  if [ -e "/run/netns/$NS" ]; then ip netns del "$NS"; fi
}

case "${1:-}" in
  up) [ $# -eq 2 ] || die "usage: $0 up DIR"; cmd_up "$2" ;;
  down) cmd_down ;;
  *) echo "usage: $0 up DIR | down" >&2; exit 2 ;;
esac
