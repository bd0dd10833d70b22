#!/usr/bin/python3
"""A Hearth member built on GStreamer's webrtcbin (libnice ICE, OpenSSL DTLS with its default RSA certificate).

It speaks docs/protocol.md as the Java test peer (CallPeer) does: `join` with the invite, a first name and the
agreement version, waits for `admitted`, publishes a VP8 camera (videotestsrc) and an Opus microphone
(audiotestsrc) on one webrtcbin (`publish` / `publish-answer`), answers every `subscribe-offer` of the relay on a
second webrtcbin (`subscribe-answer`), decodes what it receives and pings every 20 s.

stdout carries one JSON object per line, for the test to read:
  {"type":"lobby","participantId":...}      knocked; a facilitator may now admit it
  {"type":"admitted","participantId":...}
  {"type":"stats",...}                       every --stats-interval seconds: decoded video frames and audio
                                             buffers per remote participant (the msid stream id), what was sent,
                                             RTP packets received and lost (all inbound streams), connection
                                             states, the key algorithm of the DTLS certificates
  {"type":"error","message":...}             then exit status 1: anything that stops the call is an error
Diagnostics go to stderr. Run with Debian's /usr/bin/python3 (python3-gst-1.0, gir1.2-gst-plugins-bad-1.0,
python3-websockets).
"""
import argparse
import asyncio
import json
import subprocess
import sys
import threading
import time

try:
    import gi

    gi.require_version("Gst", "1.0")
    gi.require_version("GstSdp", "1.0")
    gi.require_version("GstWebRTC", "1.0")
    from gi.repository import Gst, GstSdp, GstWebRTC

    import websockets
except (ImportError, ValueError) as missing:
    sys.stdout.write(json.dumps({"type": "error", "message": "%s: install Debian python3-gst-1.0,"
                                 " gir1.2-gst-plugins-bad-1.0, python3-websockets, gstreamer1.0-plugins-bad and"
                                 " gstreamer1.0-nice, and run with /usr/bin/python3" % missing}) + "\n")
    sys.exit(1)

PING_INTERVAL = 20
REQUIRED_ELEMENTS = ("webrtcbin", "nicesrc", "nicesink", "dtlssrtpenc", "srtpenc", "vp8enc", "vp8dec", "rtpvp8pay",
                     "rtpvp8depay", "opusenc", "opusdec", "rtpopuspay", "rtpopusdepay", "videotestsrc", "audiotestsrc")
REPLY_WAIT = 10

PUBLISH_PIPELINE = """
webrtcbin name=pub bundle-policy=max-bundle
audiotestsrc is-live=true wave=sine freq=440 ! audio/x-raw,rate=48000,channels=1 ! audioconvert ! audioresample
  ! queue ! opusenc bitrate=32000 ! rtpopuspay pt=111
  ! application/x-rtp,media=audio,encoding-name=OPUS,payload=111,clock-rate=48000,encoding-params=(string)2
  ! pub.
videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=20/1 ! videoconvert ! queue
  ! vp8enc name=venc deadline=1 target-bitrate=300000 keyframe-max-dist=40 cpu-used=8 threads=1
  ! rtpvp8pay pt=96 picture-id-mode=15-bit
  ! application/x-rtp,media=video,encoding-name=VP8,payload=96,clock-rate=90000,rtcp-fb-nack-pli=true
  ! pub.
"""


class PeerFailure(Exception):
    """Anything that ends the call: reported as one error line and exit status 1."""


def emit(line):
    sys.stdout.write(json.dumps(line, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def log(text):
    sys.stderr.write("gst-peer: " + text + "\n")
    sys.stderr.flush()


def streams_by_mid(sdp):
    """The msid stream id (the remote participant id, docs/protocol.md) of every m-section, by its mid."""
    streams = {}
    mid = None
    stream = None

    def flush():
        if mid is not None and stream is not None:
            streams[mid] = stream

    for line in sdp.splitlines():
        if line.startswith("m="):
            flush()
            mid, stream = None, None
        elif line.startswith("a=mid:"):
            mid = line[len("a=mid:"):].strip()
        elif line.startswith("a=msid:"):
            stream = line[len("a=msid:"):].split(" ")[0].strip()
        elif line.startswith("a=ssrc:") and " msid:" in line and stream is None:
            stream = line.split(" msid:", 1)[1].split(" ")[0].strip()
    flush()
    return streams


def certificate_algorithm(pem):
    """The public key algorithm of a PEM certificate ('rsaEncryption', 'id-ecPublicKey'), never the PEM itself."""
    if not pem:
        return None
    try:
        text = subprocess.run(["openssl", "x509", "-noout", "-text"], input=pem.encode(), capture_output=True,
                              timeout=10, check=True).stdout.decode()
    except (OSError, subprocess.SubprocessError):
        return "unreadable"
    for line in text.splitlines():
        if "Public Key Algorithm:" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


async def run_promise(emitter):
    """Runs a webrtcbin action that answers through a GstPromise and returns the reply structure."""
    promise = Gst.Promise.new()
    emitter(promise)
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(None, promise.wait)
    if result != Gst.PromiseResult.REPLIED:
        raise PeerFailure("webrtcbin promise ended with " + str(result))
    reply = promise.get_reply()
    if reply is not None and reply.has_field("error"):
        raise PeerFailure("webrtcbin: " + str(reply.get_value("error")))
    return reply


def description(kind, text):
    result, message = GstSdp.SDPMessage.new_from_text(text)
    if result != GstSdp.SDPResult.OK:
        raise PeerFailure("unparsable SDP from the relay: " + str(result))
    return GstWebRTC.WebRTCSessionDescription.new(kind, message)


class Counters:
    """Buffers counted by pad probes on GStreamer's streaming threads, read by the stats task."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = {}
        self.sent = {"video": 0, "audio": 0}

    def receive(self, stream, kind):
        with self.lock:
            self.received.setdefault(stream, {"video": 0, "audio": 0})[kind] += 1

    def send(self, kind):
        with self.lock:
            self.sent[kind] += 1

    def snapshot(self):
        with self.lock:
            return {k: dict(v) for k, v in self.received.items()}, dict(self.sent)


class Peer:
    def __init__(self, args):
        self.args = args
        self.counters = Counters()
        self.socket = None
        self.next_id = 1
        self.replies = {}
        self.offers = asyncio.Queue()
        self.failure = None
        self.participant_id = None
        self.stream_by_mid = {}
        self.admitted = asyncio.Event()
        self.started = time.monotonic()
        self.publish = Gst.parse_launch(PUBLISH_PIPELINE)
        self.pub = self.publish.get_by_name("pub")
        self.subscribe = Gst.Pipeline.new("subscribe")
        self.sub = Gst.ElementFactory.make("webrtcbin", "sub")
        self.sub.set_property("bundle-policy", GstWebRTC.WebRTCBundlePolicy.MAX_BUNDLE)
        self.subscribe.add(self.sub)
        self.sub.connect("pad-added", self.on_remote_pad)
        for transceiver in self.transceivers(self.pub):
            transceiver.set_property("direction", GstWebRTC.WebRTCRTPTransceiverDirection.SENDONLY)
        self.count_pad(self.publish.get_by_name("venc").get_static_pad("src"), lambda: self.counters.send("video"))
        self.count_pad(self.pub_audio_encoder().get_static_pad("src"), lambda: self.counters.send("audio"))

    def pub_audio_encoder(self):
        for element in self.publish.iterate_elements():
            if element.get_factory().get_name() == "opusenc":
                return element
        raise PeerFailure("no opus encoder in the publish pipeline")

    @staticmethod
    def transceivers(webrtc):
        """The transceivers behind webrtcbin's pads (asking by index logs an ERROR past the last one)."""
        found = []
        for pad in list(webrtc.sinkpads) + list(webrtc.srcpads):
            transceiver = pad.get_property("transceiver")
            if transceiver is not None and transceiver not in found:
                found.append(transceiver)
        return found

    @staticmethod
    def count_pad(pad, count):
        def probe(_pad, info):
            count()
            return Gst.PadProbeReturn.OK

        pad.add_probe(Gst.PadProbeType.BUFFER, probe)

    def fail(self, message):
        if self.failure is None:
            self.failure = message

    # ---- receiving: one decode branch per remote track ------------------------------------------------------

    def on_remote_pad(self, _webrtc, pad):
        if pad.get_direction() != Gst.PadDirection.SRC:
            return
        transceiver = pad.get_property("transceiver")
        mid = transceiver.get_property("mid") if transceiver is not None else None
        stream = self.stream_by_mid.get(mid, "mid:" + str(mid))
        caps = pad.get_current_caps()
        encoding = caps.get_structure(0).get_string("encoding-name") if caps else None
        if encoding == "VP8":
            kind, chain = "video", ["rtpvp8depay", "vp8dec"]
        elif encoding == "OPUS":
            kind, chain = "audio", ["rtpopusdepay", "opusdec"]
        else:
            self.fail("a remote track with encoding " + str(encoding) + " (mid " + str(mid) + ")")
            return
        log("remote %s track, mid %s" % (kind, mid))
        elements = [Gst.ElementFactory.make("queue")] + [Gst.ElementFactory.make(name) for name in chain]
        if kind == "video":
            elements[1].set_property("request-keyframe", True)
            elements[1].set_property("wait-for-keyframe", True)
        sink = Gst.ElementFactory.make("fakesink")
        sink.set_property("sync", False)
        sink.set_property("async", False)
        elements.append(sink)
        for element in elements:
            self.subscribe.add(element)
        for upstream, downstream in zip(elements, elements[1:]):
            upstream.link(downstream)
        for element in elements:
            element.sync_state_with_parent()
        self.count_pad(sink.get_static_pad("sink"), lambda: self.counters.receive(stream, kind))
        if pad.link(elements[0].get_static_pad("sink")) != Gst.PadLinkReturn.OK:
            self.fail("could not link the remote %s track" % kind)

    # ---- signaling --------------------------------------------------------------------------------------

    async def send(self, message_type, **fields):
        request_id = str(self.next_id)
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.replies[request_id] = future
        await self.socket.send(json.dumps(dict(type=message_type, id=request_id, **fields)))
        return future

    async def request(self, message_type, expected, **fields):
        future = await self.send(message_type, **fields)
        try:
            reply = await asyncio.wait_for(future, REPLY_WAIT)
        except asyncio.TimeoutError:
            raise PeerFailure("no reply to '%s' within %d s" % (message_type, REPLY_WAIT))
        if reply.get("type") != expected:
            raise PeerFailure("'%s' answered with %s %s" % (message_type, reply.get("type"), reply.get("code", "")))
        return reply

    async def read(self):
        try:
            async for text in self.socket:
                message = json.loads(text)
                kind = message.get("type")
                request_id = message.get("id")
                if kind == "subscribe-offer":
                    await self.offers.put(message["sdp"])
                elif request_id is not None and str(request_id) in self.replies:
                    future = self.replies.pop(str(request_id))
                    if not future.done():
                        future.set_result(message)
                elif kind == "admitted":
                    self.participant_id = message["you"]["participantId"]
                    self.admitted.set()
                elif kind in ("denied", "removed", "session-ended"):
                    raise PeerFailure("the server sent '%s'" % kind)
                elif kind == "error":
                    raise PeerFailure("server error %s" % message.get("code"))
        except websockets.ConnectionClosed as closed:
            raise PeerFailure("the signaling socket closed (%s %s)" % (closed.code, closed.reason))
        raise PeerFailure("the signaling socket closed")

    async def ping(self):
        while True:
            await asyncio.sleep(PING_INTERVAL)
            await self.request("ping", "pong")

    # ---- negotiation ------------------------------------------------------------------------------------

    async def start_publishing(self):
        self.publish.set_state(Gst.State.PLAYING)
        # webrtcbin writes a track's SSRC (and with it the relay's way to route it) into the offer only once
        # the payloader's caps reached it.
        deadline = time.monotonic() + REPLY_WAIT
        while not all(pad.get_current_caps() is not None for pad in self.pub.sinkpads):
            if time.monotonic() > deadline:
                raise PeerFailure("the encoders did not start within %d s" % REPLY_WAIT)
            await asyncio.sleep(0.05)
        reply = await run_promise(lambda p: self.pub.emit("create-offer", None, p))
        offer = reply.get_value("offer")
        await run_promise(lambda p: self.pub.emit("set-local-description", offer, p))
        answer = await self.request("publish", "publish-answer", sdp=offer.sdp.as_text())
        await run_promise(lambda p: self.pub.emit(
            "set-remote-description", description(GstWebRTC.WebRTCSDPType.ANSWER, answer["sdp"]), p))
        log("published")

    async def answer_offers(self):
        self.subscribe.set_state(Gst.State.PLAYING)
        while True:
            sdp = await self.offers.get()
            self.stream_by_mid.update(streams_by_mid(sdp))
            await run_promise(lambda p: self.sub.emit(
                "set-remote-description", description(GstWebRTC.WebRTCSDPType.OFFER, sdp), p))
            reply = await run_promise(lambda p: self.sub.emit("create-answer", None, p))
            answer = reply.get_value("answer")
            await run_promise(lambda p: self.sub.emit("set-local-description", answer, p))
            await self.request("subscribe-answer", "ok", sdp=answer.sdp.as_text())
            log("answered a subscribe-offer with %d remote tracks" % len(streams_by_mid(sdp)))

    # ---- watching -----------------------------------------------------------------------------------------

    def check_buses(self):
        for name, pipeline in (("publish", self.publish), ("subscribe", self.subscribe)):
            bus = pipeline.get_bus()
            while True:
                message = bus.pop_filtered(Gst.MessageType.ERROR | Gst.MessageType.EOS)
                if message is None:
                    break
                if message.type == Gst.MessageType.ERROR:
                    error, debug = message.parse_error()
                    raise PeerFailure("%s pipeline error from %s: %s (%s)"
                                      % (name, message.src.get_name(), error.message, debug))
                raise PeerFailure("%s pipeline ended (EOS)" % name)
        for name, webrtc in (("publish", self.pub), ("subscribe", self.sub)):
            state = webrtc.get_property("connection-state")
            if state == GstWebRTC.WebRTCPeerConnectionState.FAILED:
                raise PeerFailure("the %s connection failed (ice %s)"
                                  % (name, webrtc.get_property("ice-connection-state").value_nick))
        if self.failure is not None:
            raise PeerFailure(self.failure)

    def certificates(self):
        """Key algorithm of the local DTLS certificate of each connection, once its DTLS transport exists."""
        found = {}
        for name, webrtc in (("publish", self.pub), ("subscribe", self.sub)):
            for transceiver in self.transceivers(webrtc):
                role = transceiver.get_property("sender") or transceiver.get_property("receiver")
                transport = role.get_property("transport") if role is not None else None
                if transport is not None and transport.get_property("state") == GstWebRTC.WebRTCDTLSTransportState.CONNECTED:
                    found[name] = certificate_algorithm(transport.get_property("certificate"))
                    break
        return found

    async def inbound_packets(self):
        """Packets received and lost over every inbound RTP stream of the subscribe connection (webrtcbin's stats)."""
        totals = {"packetsReceived": 0, "packetsLost": 0}
        if self.sub.get_property("connection-state") != GstWebRTC.WebRTCPeerConnectionState.CONNECTED:
            return totals
        reply = await run_promise(lambda p: self.sub.emit("get-stats", None, p))

        def add(_field, value, _data):
            if isinstance(value, Gst.Structure) and value.has_field("type"):
                kind = value.get_value("type")
                if kind == GstWebRTC.WebRTCStatsType.INBOUND_RTP:
                    for name, total in (("packets-received", "packetsReceived"), ("packets-lost", "packetsLost")):
                        if value.has_field(name):
                            totals[total] += int(value.get_value(name))
            return True

        if reply is not None:
            reply.foreach(add, None)
        return totals

    async def watch(self):
        next_stats = time.monotonic()
        algorithms = {}
        while True:
            self.check_buses()
            if time.monotonic() >= next_stats:
                next_stats += self.args.stats_interval
                if len(algorithms) < 2:
                    algorithms.update(self.certificates())
                received, sent = self.counters.snapshot()
                emit({"type": "stats", "elapsed": round(time.monotonic() - self.started, 1),
                      "participantId": self.participant_id, "received": received, "sent": sent,
                      "publish": self.pub.get_property("connection-state").value_nick,
                      "subscribe": self.sub.get_property("connection-state").value_nick,
                      "publishIce": self.pub.get_property("ice-connection-state").value_nick,
                      "subscribeIce": self.sub.get_property("ice-connection-state").value_nick,
                      "inbound": await self.inbound_packets(), "certificates": algorithms})
            if time.monotonic() - self.started > self.args.max_seconds:
                raise PeerFailure("still running after --max-seconds %d: the test never ended the call"
                                  % self.args.max_seconds)
            await asyncio.sleep(0.2)

    async def run(self):
        host = self.args.url.split("//", 1)[1].split("/", 1)[0]
        origin = ("https://" if self.args.url.startswith("wss:") else "http://") + host
        async with websockets.connect(self.args.url, origin=origin, ping_interval=None,
                                      open_timeout=REPLY_WAIT) as socket:
            self.socket = socket
            tasks = [asyncio.create_task(self.read()), asyncio.create_task(self.watch())]
            try:
                lobby = await self.request("join", "lobby", invite=self.args.invite,
                                           firstName=self.args.first_name,
                                           agreementVersion=self.args.agreement_version)
                emit({"type": "lobby", "participantId": lobby["participantId"]})
                tasks.append(asyncio.create_task(self.ping()))
                tasks.append(asyncio.create_task(self.answer_offers()))
                await self.until(self.admitted.wait(), tasks, self.args.admit_wait, "admitted")
                emit({"type": "admitted", "participantId": self.participant_id})
                await self.until(self.start_publishing(), tasks, REPLY_WAIT * 2, "published")
                done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
                for task in done:
                    task.result()
                raise PeerFailure("the peer stopped")
            finally:
                for task in tasks:
                    task.cancel()

    @staticmethod
    async def until(awaitable, tasks, seconds, what):
        """Awaits one step while the background tasks keep running; their failure ends the wait first."""
        step = asyncio.ensure_future(awaitable)
        done, _ = await asyncio.wait(tasks + [step], timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not step:
                task.result()
                raise PeerFailure("a background task ended before " + what)
        if step not in done:
            step.cancel()
            raise PeerFailure("not %s within %d s" % (what, seconds))
        return step.result()

    def stop(self):
        self.publish.set_state(Gst.State.NULL)
        self.subscribe.set_state(Gst.State.NULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True, help="the signaling WebSocket, ws://host:port/ws")
    parser.add_argument("--invite", required=True)
    parser.add_argument("--first-name", required=True)
    parser.add_argument("--agreement-version", type=int, required=True)
    parser.add_argument("--stats-interval", type=float, default=2.0)
    parser.add_argument("--admit-wait", type=int, default=30)
    parser.add_argument("--max-seconds", type=int, default=300)
    args = parser.parse_args()
    Gst.init(None)
    missing = [name for name in REQUIRED_ELEMENTS if Gst.ElementFactory.find(name) is None]
    if missing:
        emit({"type": "error", "message": "GStreamer elements missing: %s (Debian gstreamer1.0-plugins-base,"
                                          " -good, -bad and gstreamer1.0-nice)" % ", ".join(missing)})
        sys.exit(1)
    peer = Peer(args)
    try:
        asyncio.run(peer.run())
    except PeerFailure as failure:
        emit({"type": "error", "message": str(failure)})
        sys.exit(1)
    except (OSError, websockets.WebSocketException) as failure:
        emit({"type": "error", "message": "signaling: " + repr(failure)})
        sys.exit(1)
    finally:
        peer.stop()


if __name__ == "__main__":
    main()
