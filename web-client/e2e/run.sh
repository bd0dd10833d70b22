#!/usr/bin/env bash
# Browser end-to-end tests, in two runs, each against the built server on free ports with a throw-away data
# directory, always stopped afterwards:
#   loopback  first-admin, session, care, staff, layers, restart: Debian Chromium on 127.0.0.1 (server advertises
#             127.0.0.1; first-admin and restart start servers of their own)
#   srtp      srtp-matrix: Chromium with RSA and ECDSA certificates against two servers on 127.0.0.1, the
#             default one (SRTP AES-GCM first) and one with HEARTH_SRTP_PROFILES=aes_cm_128_hmac_sha1_80
#             (HEARTH_E2E_CM_URL)
#   netns     firefox: Debian firefox-esr in a private network namespace (netns.sh) with Chromium on the host;
#             the server advertises the host end of the veth pair, 10.77.0.1, and pages load from it.
#             restricted-network: a Chromium member in a second namespace whose nftables firewall drops all UDP
#             (restricted-network.sh), reaching the room over TCP only: Debian's coturn (TURN over TCP, started
#             here) or the relay's ICE-TCP candidate.
#             Needs root; elsewhere these tests are reported as skipped, with the reason.
#   ipv6      ipv6-host: a Chromium member in a namespace with only IPv6 on its veth pair (ipv6-network.sh,
#             hearth-v6, host fd80::1, namespace fd80::2), a Chromium facilitator on the host; the server runs
#             with HEARTH_PUBLIC_IP=auto and pages load from http://[fd80::1]:PORT. Needs root, as above.
# HEARTH_E2E_ONLY=NAME[:PATTERN] runs one test file (first-admin, session, care, staff, layers, restart, srtp-matrix, firefox,
# restricted-network, ipv6-host), optionally only its tests
# whose names match PATTERN (node --test-name-pattern), e.g. HEARTH_E2E_ONLY=firefox:Reload.
# Builds nothing itself: run `mvn -DskipTests package` first (./hearth test does). On failure, screenshots,
# browser console logs and getStats dumps are in web-client/target/e2e/, server logs beside them.
set -euo pipefail

WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$WEB/.." && pwd)"
JAR="$ROOT/signaling-server/target/hearth-server.jar"
OUT="$WEB/target/e2e"
NETNS="$WEB/e2e/netns.sh"
NETNS_HOST_IP="${HEARTH_NETNS_HOST_IP:-10.77.0.1}"   # netns.sh reads the same variable
LOOPBACK_TESTS=(first-admin session care staff layers restart)
SRTP_TESTS=(srtp-matrix)
NETNS_TESTS=(firefox restricted-network)
RESTRICTED="$WEB/e2e/restricted-network.sh"
RESTRICTED_HOST_IP=10.79.0.1
V6_TESTS=(ipv6-host)
V6NET="$WEB/e2e/ipv6-network.sh"
V6_HOST_IP=fd80::1   # ipv6-network.sh's default

[ -f "$JAR" ] || { echo "e2e: $JAR is missing; build it first with: mvn -B -DskipTests package" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "e2e: Debian's chromium is missing (apt-get install chromium)" >&2; exit 1; }
for module in playwright-core puppeteer-core; do
  [ -d "$WEB/node_modules/$module" ] || { echo "e2e: run npm ci in web-client first (web-client/test.sh does)" >&2; exit 1; }
done

ONLY_FILE="${HEARTH_E2E_ONLY:-}"; ONLY_FILE="${ONLY_FILE%%:*}"
ONLY_PATTERN=""
[[ "${HEARTH_E2E_ONLY:-}" == *:* ]] && ONLY_PATTERN="${HEARTH_E2E_ONLY#*:}"
selected() {
  local name
  for name in "$@"; do
    if [ -z "$ONLY_FILE" ] || [ "$ONLY_FILE" = "$name" ]; then echo "$WEB/e2e/$name.test.mjs"; fi
  done
}
mapfile -t LOOPBACK_FILES < <(selected "${LOOPBACK_TESTS[@]}")
mapfile -t SRTP_FILES < <(selected "${SRTP_TESTS[@]}")
mapfile -t NETNS_FILES < <(selected "${NETNS_TESTS[@]}")
mapfile -t V6_FILES < <(selected "${V6_TESTS[@]}")
if [ $((${#LOOPBACK_FILES[@]} + ${#SRTP_FILES[@]} + ${#NETNS_FILES[@]} + ${#V6_FILES[@]})) -eq 0 ]; then
  echo "e2e: HEARTH_E2E_ONLY=$HEARTH_E2E_ONLY names no test file (${LOOPBACK_TESTS[*]} ${SRTP_TESTS[*]} ${NETNS_TESTS[*]} ${V6_TESTS[*]})" >&2
  exit 2
fi

rm -rf "$OUT"
mkdir -p "$OUT"
SERVER_PIDS=()   # a phase may run more than one server (srtp)
DATA_DIRS=()
NETNS_UP=""
V6_UP=""
# One admin password for every server of the run, so a test can sign in on any of them.
ADMIN_PASSWORD="e2e-$(node -e 'console.log(require("node:crypto").randomBytes(18).toString("base64url"))')"

# stop_server: stops every server started since the last call, removes their data directories.
stop_server() {
  local pid dir
  for pid in "${SERVER_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  for dir in "${DATA_DIRS[@]}"; do rm -rf "$dir"; done
  SERVER_PIDS=()
  DATA_DIRS=()
}
TURN_PID=""
cleanup() {
  stop_server
  if [ -n "$TURN_PID" ]; then kill "$TURN_PID" 2>/dev/null || true; fi
  if [ -n "$NETNS_UP" ]; then "$NETNS" down || true; "$RESTRICTED" down || true; fi
  if [ -n "$V6_UP" ]; then "$V6NET" down || true; fi
}

# start_turn: Debian's coturn on the restricted network's host address, TURN REST credentials under a fresh
# secret, relaying to the Hearth relay on this host; sets TURN_URLS and TURN_SECRET for the server.
start_turn() {
  command -v turnserver >/dev/null || { echo "e2e: coturn's turnserver is missing (apt-get install coturn)" >&2; exit 1; }
  local port
  port="$(node -e 'const s = require("node:net").createServer().listen(0, process.argv[1], () => {
    console.log(s.address().port); s.close(); });' "$RESTRICTED_HOST_IP")"
  TURN_SECRET="$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("hex"))')"
  turnserver -n --listening-ip="$RESTRICTED_HOST_IP" --relay-ip="$RESTRICTED_HOST_IP" --listening-port="$port" \
    --min-port=41000 --max-port=41999 --use-auth-secret --static-auth-secret="$TURN_SECRET" --realm=hearth.test \
    --no-tls --no-dtls --no-cli --fingerprint --verbose --log-file=stdout --simple-log \
    --pidfile="$OUT/turnserver.pid" --userdb="$OUT/turndb" >"$OUT/turnserver.log" 2>&1 &
  TURN_PID=$!
  TURN_URLS="turn:$RESTRICTED_HOST_IP:$port?transport=tcp"
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/$RESTRICTED_HOST_IP/$port") 2>/dev/null; then
      echo "e2e: coturn up at $TURN_URLS"
      return
    fi
    kill -0 "$TURN_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "e2e: coturn did not start; its log:" >&2
  tail -n 20 "$OUT/turnserver.log" >&2
  exit 1
}
trap cleanup EXIT

# start_server NAME PUBLIC_IP URL_HOST [SRTP_PROFILES]: sets BASE_URL; the log is $OUT/server-NAME.log.
# PUBLIC_IP may be auto (the relay advertises the host's own addresses).
start_server() {
  local name="$1" public_ip="$2" url_host="$3" srtp_profiles="${4:-}" log="$OUT/server-$1.log" pid data_dir
  data_dir="$(mktemp -d -t hearth-e2e-XXXXXX)"
  DATA_DIRS+=("$data_dir")
  # Free ports, asked of the kernel: one TCP for HTTP, one UDP for media.
  read -r HTTP_PORT MEDIA_PORT < <(node -e '
const net = require("node:net"), dgram = require("node:dgram");
const tcp = net.createServer().listen(0, "127.0.0.1", () => {
  const udp = dgram.createSocket(process.argv[1].includes(":") || process.argv[1] === "auto" ? "udp6" : "udp4");
  udp.bind(0, process.argv[1] === "auto" ? "::" : process.argv[1], () => {
    console.log(tcp.address().port, udp.address().port);
    tcp.close(); udp.close();
  });
});' "$public_ip")
  HEARTH_DATA_DIR="$data_dir" HEARTH_HTTP_PORT="$HTTP_PORT" HEARTH_MEDIA_PORT="$MEDIA_PORT" HEARTH_MEDIA_TCP_PORT=0 \
  HEARTH_PUBLIC_IP="$public_ip" HEARTH_ADMIN_PASSWORD="$ADMIN_PASSWORD" HEARTH_KNOCKS_PER_MINUTE=1000 \
  HEARTH_TURN_URLS="${TURN_URLS:-}" HEARTH_TURN_SECRET="${TURN_SECRET:-}" HEARTH_SRTP_PROFILES="$srtp_profiles" \
    java ${HEARTH_JAVA_OPTS:-} -jar "$JAR" >"$log" 2>&1 &
  pid=$!
  SERVER_PIDS+=("$pid")
  BASE_URL="http://$url_host:$HTTP_PORT"
  for i in $(seq 1 120); do
    if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$BASE_URL/healthz"; then
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "e2e: the $name server stopped during start-up; its log:" >&2
      tail -n 40 "$log" >&2
      exit 1
    fi
    if [ "$i" -eq 120 ]; then echo "e2e: the $name server did not become healthy within 60 s" >&2; tail -n 40 "$log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "e2e: $name server up at $BASE_URL (media UDP port $MEDIA_PORT, advertised $public_ip${srtp_profiles:+, SRTP $srtp_profiles})"
}

# run_tests FILE...: node's test runner, one file at a time; returns its status.
run_tests() {
  local status=0
  set +e
  HEARTH_E2E_URL="$BASE_URL" HEARTH_E2E_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    node --test --test-concurrency=1 ${ONLY_PATTERN:+--test-name-pattern="$ONLY_PATTERN"} "$@"
  status=$?
  set -e
  return "$status"
}

STATUS=0
if [ ${#LOOPBACK_FILES[@]} -gt 0 ]; then
  start_server loopback 127.0.0.1 localhost
  run_tests "${LOOPBACK_FILES[@]}" || STATUS=$?
  stop_server
fi

if [ ${#SRTP_FILES[@]} -gt 0 ]; then
  start_server srtp-cm 127.0.0.1 localhost aes_cm_128_hmac_sha1_80
  CM_URL="$BASE_URL"
  start_server srtp-default 127.0.0.1 localhost
  HEARTH_E2E_CM_URL="$CM_URL" run_tests "${SRTP_FILES[@]}" || STATUS=$?
  stop_server
fi

if [ ${#NETNS_FILES[@]} -gt 0 ]; then
  if ! reason="$("$NETNS" check 2>&1)"; then
    # Only a machine that cannot make namespaces skips; a missing browser on one that can is a failure.
    echo "e2e: SKIPPING the Firefox tests: $reason (run as root with iproute2 to include them)" >&2
    HEARTH_E2E_FIREFOX_SKIP="no network namespace: $reason" HEARTH_E2E_RESTRICTED_SKIP="no network namespace: $reason" \
      run_tests "${NETNS_FILES[@]}" || STATUS=$?
  elif [ ! -x /usr/bin/firefox-esr ]; then
    echo "e2e: Debian's firefox-esr is missing (apt-get install firefox-esr)" >&2
    STATUS=1
  else
    command -v nft >/dev/null || { echo "e2e: nftables is missing (apt-get install nftables)" >&2; exit 1; }
    NETNS_UP=1
    "$NETNS" up
    "$RESTRICTED" up
    start_turn
    start_server netns "$NETNS_HOST_IP" "$NETNS_HOST_IP"
    run_tests "${NETNS_FILES[@]}" || STATUS=$?
    stop_server
  fi
fi

if [ ${#V6_FILES[@]} -gt 0 ]; then
  if ! reason="$("$NETNS" check 2>&1)"; then
    echo "e2e: SKIPPING the IPv6 test: $reason (run as root with iproute2 to include it)" >&2
    HEARTH_E2E_V6_SKIP="no network namespace: $reason" run_tests "${V6_FILES[@]}" || STATUS=$?
  else
    V6_UP=1
    "$V6NET" up
    start_server ipv6 auto "[$V6_HOST_IP]"
    HEARTH_E2E_V6_HOST_IP="$V6_HOST_IP" run_tests "${V6_FILES[@]}" || STATUS=$?
    stop_server
    "$V6NET" down
    V6_UP=""
  fi
fi

if [ "$STATUS" -ne 0 ]; then
  echo "e2e: FAILED; screenshots, console logs and WebRTC stats are in $OUT" >&2
fi
exit "$STATUS"
