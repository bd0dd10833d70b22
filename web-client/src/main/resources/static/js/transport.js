/**
 * Media over the relay (ARCHITECTURE.md §3): one RTCPeerConnection publishes this person's camera and
 * microphone (we offer, the relay answers), one receives everyone else (the relay offers whenever tracks
 * come and go, we answer). A remote track's stream id is the participant id of the person it shows.
 */

import {
  Mode, PROBE_ENCODINGS, answerAcceptsSimulcast, parametersForMode, sendEncodingChoices, supportsTemporalLayers,
  withProbedTemporalLayers, MAX_VIDEO_BITRATE,
} from './simulcast.js';
import { sampleStats } from './quality.js';

export { MAX_VIDEO_BITRATE };
const DISCONNECTED_GRACE_MS = 3000;
/** TURN credentials are renewed when this share of their lifetime has passed, well before coturn refuses them. */
const ICE_SERVERS_RENEW_AT = 0.8;

/**
 * RTCRtpSender.getCapabilities('video'), completed by asking a throwaway connection whether its sender keeps
 * L1T3 on rid encodings where VP8 lists no scalability modes (Chromium 156 lists none but encodes them). The
 * probe connection never negotiates and is closed at once.
 * @param {typeof RTCPeerConnection} [RTCPeerConnectionImpl]
 */
export function browserVideoCapabilities(RTCPeerConnectionImpl) {
  const capabilities = globalThis.RTCRtpSender?.getCapabilities?.('video') ?? null;
  if (!capabilities || supportsTemporalLayers(capabilities) || typeof RTCPeerConnectionImpl !== 'function') {
    return capabilities;
  }
  let probe = null;
  try {
    probe = new RTCPeerConnectionImpl();
    const { sender } = probe.addTransceiver('video', {
      direction: 'sendonly', sendEncodings: PROBE_ENCODINGS.map((e) => ({ ...e })),
    });
    const kept = (sender.getParameters().encodings || []).map((e) => e.scalabilityMode);
    return withProbedTemporalLayers(capabilities, kept);
  } catch {
    // A browser that refuses the probe's rids or scalability mode sends one plain encoding.
    return capabilities;
  } finally {
    try { probe?.close(); } catch { /* already closed */ }
  }
}

export class MediaLink {
  /**
   * @param {object} options
   * @param {import('./protocol.js').ProtocolClient} options.client
   * @param {MediaStream|null} options.localStream
   * @param {(participantId: string, stream: MediaStream) => void} options.onRemoteStream
   * @param {(state: string) => void} [options.onConnectionState] 'connecting' | 'connected' | 'reconnecting' | 'failed'
   * @param {(error: Error) => void} [options.onError]
   * @param {{iceServers?: RTCIceServer[], iceServersValidSeconds?: number}} [options.ice] the TURN servers
   *   and credentials of the admission reply (none when the server has no TURN configured)
   * @param {string} [options.mode] the receiving mode (simulcast.js `Mode`): what the camera sends
   * @param {() => object|null} [options.videoCapabilities] what the camera can send (browserVideoCapabilities)
   * @param {boolean} [options.singleLayer] publish one encoding only: this relay already refused simulcast in this
   *   tab. A rid offer carries no a=ssrc for video, and a relay that learned the SSRC of our earlier page by
   *   sdes:mid keeps that one on a re-publish, so after a reload it would drop our new video.
   * @param {(accepted: boolean) => void} [options.onSimulcastAnswer] whether a publish answer took the layers
   */
  constructor({ client, localStream, onRemoteStream, onConnectionState = () => {}, onError = () => {},
    ice = {}, mode = Mode.NORMAL, RTCPeerConnectionImpl = globalThis.RTCPeerConnection,
    videoCapabilities = () => browserVideoCapabilities(globalThis.RTCPeerConnection),
    singleLayer = false, onSimulcastAnswer = () => {},
    timers = { setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis) } }) {
    this.client = client;
    this.localStream = localStream;
    this.onRemoteStream = onRemoteStream;
    this.onConnectionState = onConnectionState;
    this.onError = onError;
    this.RTCPeerConnectionImpl = RTCPeerConnectionImpl;
    this.publisher = null;
    this.subscriber = null;
    this.subscribeQueue = Promise.resolve();
    this.publishQueue = Promise.resolve();
    this.trackOwners = new Map();
    this.remoteStreams = new Map();
    this.restartTimers = new Map();
    this.timers = timers;
    this.iceServers = [];
    this.renewTimer = null;
    this.closed = false;
    this.mode = mode;
    this.videoCapabilities = videoCapabilities;
    this.singleLayer = singleLayer;
    this.onSimulcastAnswer = onSimulcastAnswer;
    this.videoSender = null;
    /** Whether the relay's last publish answer accepted our simulcast layers. */
    this.simulcast = false;
    this.parametersQueue = Promise.resolve();
    this.useIceServers(ice);
  }

  /**
   * Takes fresh TURN credentials (from a resume's admission reply or a renewal) for every later ICE gathering,
   * and schedules their renewal.
   */
  useIceServers({ iceServers = [], iceServersValidSeconds } = {}) {
    this.iceServers = iceServers;
    for (const pc of [this.publisher, this.subscriber]) {
      if (pc && pc.setConfiguration) pc.setConfiguration({ ...pc.getConfiguration(), iceServers });
    }
    this.timers.clearTimeout(this.renewTimer);
    this.renewTimer = null;
    if (iceServers.length > 0 && Number.isFinite(iceServersValidSeconds)) {
      const delay = Math.max(1000, iceServersValidSeconds * 1000 * ICE_SERVERS_RENEW_AT);
      this.renewTimer = this.timers.setTimeout(() => this.renewIceServers(), delay);
    }
  }

  /**
   * An allocation on the TURN server lives only as long as the credential that made it: before it runs out,
   * fetch new credentials and restart ICE on any transport that is relayed, so it re-allocates with them.
   */
  async renewIceServers() {
    if (this.closed) return;
    try {
      const reply = await this.client.request('ice-servers');
      if (this.closed) return;
      this.useIceServers(reply);
      for (const [role, pc] of [['publish', this.publisher], ['subscribe', this.subscriber]]) {
        if (pc && await usesRelay(pc)) this.restartOne(role);
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Starts publishing (when there is anything to publish), then makes sure the others' media comes in. */
  async start() {
    if (this.localStream && this.localStream.getTracks().length > 0) {
      this.publisher = this.newConnection('publish');
      for (const track of this.localStream.getTracks()) {
        const init = { direction: 'sendonly', streams: [this.localStream] };
        if (track.kind === 'video') this.videoSender = this.addCamera(track, init)?.sender || null;
        else this.publisher.addTransceiver(track, init);
      }
      await this.publish(false);
    }
    // Nothing to ask for: the server offers the subscribe transport on admission and after every change.
  }

  /**
   * The camera as simulcast layers (simulcast.js), or whatever fewer the browser accepts: a browser that refuses
   * rids or the scalability mode throws from addTransceiver, and the next, plainer choice is tried.
   */
  addCamera(track, init) {
    let capabilities = null;
    try {
      capabilities = this.videoCapabilities();
    } catch {
      // No capabilities to read: the layers go without a scalability mode.
    }
    const all = sendEncodingChoices(capabilities);
    const choices = this.singleLayer ? all.slice(-1) : all;
    for (const [i, sendEncodings] of choices.entries()) {
      try {
        return this.publisher.addTransceiver(track, { ...init, sendEncodings });
      } catch (error) {
        if (i === choices.length - 1) throw error;
      }
    }
    return null;
  }

  /** The receiving mode changed: what the camera sends follows at once, without renegotiating. */
  setMode(mode) {
    this.mode = mode;
    return this.applySendParameters();
  }

  /**
   * Sets the camera's layers for the mode and for what the relay accepted (after every publish answer: without
   * simulcast in it the browser kept only the first encoding, the lowest layer, which must become the full picture).
   * One at a time: a browser refuses setParameters while another is under way.
   */
  applySendParameters() {
    this.parametersQueue = this.parametersQueue.then(async () => {
      const sender = this.videoSender;
      if (this.closed || !sender || typeof sender.getParameters !== 'function') return;
      const parameters = sender.getParameters();
      if (!parameters || !Array.isArray(parameters.encodings) || parameters.encodings.length === 0) return;
      await sender.setParameters(parametersForMode(parameters, this.mode));
    }).catch(() => {
      // A browser that will not change its encodings keeps sending as it was set up; the call goes on.
    });
    return this.parametersQueue;
  }

  /** (Re)negotiates the publish transport; with iceRestart after a network change. */
  publish(iceRestart) {
    this.publishQueue = this.publishQueue.then(async () => {
      if (this.closed || !this.publisher) return;
      const offer = await this.publisher.createOffer(iceRestart ? { iceRestart: true } : undefined);
      await this.publisher.setLocalDescription(offer);
      const reply = await this.client.request('publish', { sdp: this.publisher.localDescription.sdp });
      if (this.closed) return;
      await this.publisher.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
      this.simulcast = answerAcceptsSimulcast(reply.sdp);
      this.onSimulcastAnswer(this.simulcast);
      await this.applySendParameters();
    }).catch((error) => this.fail(error));
    return this.publishQueue;
  }

  /** The relay's offer for the subscribe transport: answer it, in order. */
  handleSubscribeOffer(sdp) {
    this.subscribeQueue = this.subscribeQueue.then(async () => {
      if (this.closed) return;
      if (!this.subscriber) {
        this.subscriber = this.newConnection('subscribe');
        this.subscriber.addEventListener('track', (event) => this.trackArrived(event));
      }
      await this.subscriber.setRemoteDescription({ type: 'offer', sdp });
      const answer = await this.subscriber.createAnswer();
      await this.subscriber.setLocalDescription(answer);
      await this.client.request('subscribe-answer', { sdp: this.subscriber.localDescription.sdp });
    }).catch((error) => this.fail(error));
    return this.subscribeQueue;
  }

  /**
   * After the signaling connection came back: transports whose ICE is still up keep going untouched;
   * any that dropped meanwhile (their own restart could not be signalled) restart now.
   */
  restartIceIfNeeded() {
    for (const [role, pc] of [['publish', this.publisher], ['subscribe', this.subscriber]]) {
      if (pc && !['connected', 'completed', 'new', 'checking'].includes(pc.iceConnectionState)) this.restartOne(role);
    }
  }

  remoteStream(participantId) {
    return this.remoteStreams.get(participantId) || null;
  }

  /**
   * Audio levels (0..1) by participant id: remote people from the subscribe transport, this person
   * under `selfId` from the publish transport.
   */
  async audioLevels(selfId) {
    const levels = new Map();
    if (this.subscriber) {
      const report = await this.subscriber.getStats();
      report.forEach((stat) => {
        if (stat.type === 'inbound-rtp' && stat.kind === 'audio' && typeof stat.audioLevel === 'number') {
          const owner = this.trackOwners.get(stat.trackIdentifier);
          if (owner) levels.set(owner, Math.max(levels.get(owner) || 0, stat.audioLevel));
        }
      });
    }
    if (this.publisher && selfId) {
      const report = await this.publisher.getStats();
      report.forEach((stat) => {
        if (stat.type === 'media-source' && stat.kind === 'audio' && typeof stat.audioLevel === 'number') {
          levels.set(selfId, stat.audioLevel);
        }
      });
    }
    return levels;
  }

  /** Loss and round-trip counters of both transports, for quality.js when the relay says nothing. */
  async qualitySample() {
    const reports = [];
    for (const pc of [this.publisher, this.subscriber]) {
      if (pc) reports.push(await pc.getStats());
    }
    return sampleStats(reports);
  }

  close() {
    this.closed = true;
    for (const timer of this.restartTimers.values()) clearTimeout(timer);
    this.restartTimers.clear();
    this.timers.clearTimeout(this.renewTimer);
    for (const pc of [this.publisher, this.subscriber]) {
      if (pc) pc.close();
    }
    this.publisher = null;
    this.subscriber = null;
  }

  trackArrived(event) {
    const stream = event.streams && event.streams[0];
    if (!stream) return;
    const participantId = stream.id;
    this.trackOwners.set(event.track.id, participantId);
    this.remoteStreams.set(participantId, stream);
    this.onRemoteStream(participantId, stream);
  }

  newConnection(role) {
    const pc = new this.RTCPeerConnectionImpl({
      bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require', iceServers: this.iceServers,
    });
    pc.addEventListener('iceconnectionstatechange', () => this.iceStateChanged(role, pc));
    return pc;
  }

  iceStateChanged(role, pc) {
    if (this.closed) return;
    const state = pc.iceConnectionState;
    clearTimeout(this.restartTimers.get(role));
    this.restartTimers.delete(role);
    if (state === 'connected' || state === 'completed') {
      this.onConnectionState('connected');
    } else if (state === 'failed') {
      this.restartOne(role);
    } else if (state === 'disconnected') {
      // Often a short blip that heals by itself; restart only if it does not.
      this.restartTimers.set(role, setTimeout(() => this.restartOne(role), DISCONNECTED_GRACE_MS));
    }
  }

  restartOne(role) {
    if (this.closed) return;
    this.onConnectionState('reconnecting');
    if (role === 'publish') this.publish(true);
    else this.client.request('ice-restart').catch((error) => this.fail(error));
  }

  fail(error) {
    if (this.closed || (error && error.code === 'connection-lost')) return;
    this.onError(error);
  }
}

/** Whether the transport's selected candidate pair goes through a TURN server on our side. */
async function usesRelay(pc) {
  const report = await pc.getStats();
  let relayed = false;
  report.forEach((stat) => {
    if (stat.type === 'candidate-pair' && (stat.selected || stat.nominated) && stat.state === 'succeeded') {
      const local = report.get(stat.localCandidateId);
      if (local && local.candidateType === 'relay') relayed = true;
    }
  });
  return relayed;
}
