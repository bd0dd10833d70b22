#!/usr/bin/env bash
# Browser end-to-end tests: starts the built server on free ports with a throw-away data directory, runs
# web-client/e2e/*.test.mjs in Debian Chromium, and always stops the server. Builds nothing itself:
# run `mvn -DskipTests package` first (./hearth test does). On failure, screenshots, browser console logs
# and getStats dumps are in web-client/target/e2e/, the server log in web-client/target/e2e/server.log.
set -euo pipefail

WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$WEB/.." && pwd)"
JAR="$ROOT/signaling-server/target/hearth-server.jar"
OUT="$WEB/target/e2e"

[ -f "$JAR" ] || { echo "e2e: $JAR is missing; build it first with: mvn -B -DskipTests package" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "e2e: Debian's chromium is missing (apt-get install chromium)" >&2; exit 1; }
[ -d "$WEB/node_modules/playwright-core" ] || { echo "e2e: run npm ci in web-client first (web-client/test.sh does)" >&2; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT"
DATA_DIR="$(mktemp -d -t hearth-e2e-XXXXXX)"
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

# Free ports, asked of the kernel: one TCP for HTTP, one UDP for media.
read -r HTTP_PORT MEDIA_PORT < <(node -e '
const net = require("node:net"), dgram = require("node:dgram");
const tcp = net.createServer().listen(0, "127.0.0.1", () => {
  const udp = dgram.createSocket("udp4");
  udp.bind(0, "127.0.0.1", () => {
    console.log(tcp.address().port, udp.address().port);
    tcp.close(); udp.close();
  });
});')
ADMIN_PASSWORD="e2e-$(node -e 'console.log(require("node:crypto").randomBytes(18).toString("base64url"))')"

HEARTH_DATA_DIR="$DATA_DIR" HEARTH_HTTP_PORT="$HTTP_PORT" HEARTH_MEDIA_PORT="$MEDIA_PORT" HEARTH_MEDIA_TCP_PORT=0 \
HEARTH_PUBLIC_IP=127.0.0.1 HEARTH_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
HEARTH_KNOCKS_PER_MINUTE=1000 \
  java ${HEARTH_JAVA_OPTS:-} -jar "$JAR" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!

BASE_URL="http://localhost:$HTTP_PORT"
for i in $(seq 1 120); do
  if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$BASE_URL/healthz"; then
    break
  fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "e2e: the server stopped during start-up; its log:" >&2
    tail -n 40 "$OUT/server.log" >&2
    exit 1
  fi
  if [ "$i" -eq 120 ]; then echo "e2e: the server did not become healthy within 60 s" >&2; tail -n 40 "$OUT/server.log" >&2; exit 1; fi
  sleep 0.5
done
echo "e2e: server up at $BASE_URL (media UDP port $MEDIA_PORT)"

set +e
HEARTH_E2E_URL="$BASE_URL" HEARTH_E2E_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  node --test --test-concurrency=1 "$WEB/e2e/"
STATUS=$?
set -e
if [ "$STATUS" -ne 0 ]; then
  echo "e2e: FAILED; screenshots, console logs and WebRTC stats are in $OUT" >&2
fi
exit "$STATUS"
