/**
 * Runs inside the test namespace (firefox-in-netns.sh): starts Debian's firefox-esr with the arguments Puppeteer
 * gave, and because Firefox's remote agent only ever listens on loopback, which in a namespace is the
 * namespace's own, forwards the same port on the namespace's veth address to it and tells Puppeteer that
 * address instead. Everything else Firefox prints passes through. Puppeteer ends the whole process group.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';

const FIREFOX = process.env.HEARTH_E2E_FIREFOX || '/usr/bin/firefox-esr';
const NS_IP = process.env.HEARTH_NETNS_IP || '10.77.0.2';
const LISTENING = /^WebDriver BiDi listening on ws:\/\/(127\.0\.0\.1|localhost|\[::1\]):(\d+)$/;

const firefox = spawn(FIREFOX, process.argv.slice(2), { stdio: ['ignore', 'inherit', 'pipe'] });
firefox.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => firefox.kill(signal));

/**
 * The remote agent refuses a handshake whose Host header is not loopback (remote.allowHosts did not widen that
 * in ESR 153), so the first request's Host is rewritten to the address the agent listens on; the rest of the
 * connection, WebSocket frames, passes unchanged.
 */
function forwardHandshake(client, agent, port) {
  let head = Buffer.alloc(0);
  const onData = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    client.off('data', onData);
    const request = head.subarray(0, end).toString('latin1').replace(/^Host:.*$/im, `Host: 127.0.0.1:${port}`);
    agent.write(Buffer.concat([Buffer.from(request, 'latin1'), head.subarray(end)]));
    client.pipe(agent);
  };
  client.on('data', onData);
}

readline.createInterface({ input: firefox.stderr }).on('line', (line) => {
  const match = LISTENING.exec(line);
  if (!match) {
    process.stderr.write(`${line}\n`);
    return;
  }
  const port = Number(match[2]);
  const bridge = net.createServer((client) => {
    const agent = net.connect(port, '127.0.0.1');
    forwardHandshake(client, agent, port);
    agent.pipe(client);
    const end = () => { client.destroy(); agent.destroy(); };
    client.on('error', end);
    agent.on('error', end);
    client.on('close', end);
    agent.on('close', end);
  });
  bridge.listen(port, NS_IP, () => process.stderr.write(`WebDriver BiDi listening on ws://${NS_IP}:${port}\n`));
});
