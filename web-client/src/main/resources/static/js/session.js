/**
 * One person's session: protocol messages go through the room-state reducer to the view; admission starts
 * the camera and the media transports; a resumed connection restarts ICE, or builds the transports afresh when
 * the server restarted meanwhile (`restartMedia`: the relay has nothing of ours any more); the end closes everything.
 */
import { ProtocolError } from './protocol.js';
import { initialState, reduce, Phase } from './room-state.js';
import { SessionView } from './session-view.js';
import { MediaLink } from './transport.js';
import { getLocalMedia } from './media.js';
import { SpeakerDetector } from './speaker.js';
import { resumeStore } from './resume-store.js';
import { api } from './api.js';
import { Mode, parseMode } from './simulcast.js';
import { ViewReporter } from './view-report.js';
import { qualityFromSamples, shownQuality, SERVER_QUALITY_FRESH_MS } from './quality.js';

const SPEAKER_POLL_MS = 250;
const QUALITY_POLL_MS = 2000;
/** The receiving mode is kept for this tab's session only, like the resume token. */
const MODE_KEY = 'hearth.receive-mode';
/** Set once this tab's relay answered without simulcast: later pages of the tab publish one encoding. */
const SINGLE_LAYER_KEY = 'hearth.single-layer';

export class Session {
  /**
   * @param {object} options
   * @param {import('./protocol.js').ProtocolClient} options.client an open client
   * @param {HTMLElement} options.root where the session view goes once admitted
   * @param {(state: object) => void} [options.onChange] called after every state change (lobby, ended…)
   * @param {(options: object) => MediaLink} [options.createMediaLink] the media transports (tests pass a fake)
   * @param {(root: HTMLElement, actions: object) => SessionView} [options.createView] the page (tests pass a fake)
   * @param {() => Promise<object>} [options.localMedia] camera and microphone (media.js getLocalMedia)
   */
  constructor({ client, root, onChange = () => {}, createMediaLink = (options) => new MediaLink(options),
    createView = (viewRoot, actions) => new SessionView(viewRoot, actions), localMedia = () => getLocalMedia() }) {
    this.client = client;
    this.root = root;
    this.onChange = onChange;
    this.createMediaLink = createMediaLink;
    this.createView = createView;
    this.localMedia = localMedia;
    this.state = initialState();
    this.view = null;
    this.media = null;
    this.localStream = null;
    this.devices = { microphoneOn: true, cameraOn: true, hasAudio: false, hasVideo: false };
    this.detector = new SpeakerDetector();
    this.speakerTimer = null;
    this.pendingOffers = [];
    this.mode = loadMode();
    this.viewReporter = new ViewReporter({ send: (fields) => this.client.request('view', fields) });
    this.serverQuality = null;
    this.qualitySample = null;
    this.localQuality = null;
    this.qualityTimer = null;
    client.onMessage((message) => this.received(message));
    globalThis.addEventListener?.('pagehide', () => {
      if (this.state.phase === Phase.ADMITTED) resumeStore.touch();
    });
    client.onConnection((state) => this.connectionChanged(state));
  }

  dispatch(message) {
    const before = this.state;
    this.state = reduce(this.state, message);
    if (this.state === before) return;
    if (this.state.phase === Phase.ADMITTED) {
      const arriving = !this.view;
      if (arriving) {
        this.view = this.createView(this.root, this.actions());
        this.view.setMode(this.mode);
      }
      this.view.render(this.state);
      if (arriving) {
        this.view.focusTitle();
        this.view.announce('You are in the session. Your camera and microphone are starting.');
      }
      if (this.state.notice && this.state.notice !== before.notice) this.view.announce(this.state.notice);
    }
    if (this.state.phase === Phase.ENDED && before.phase !== Phase.ENDED) this.ended();
    this.onChange(this.state);
  }

  received(message) {
    if (message.type === 'subscribe-offer') {
      if (this.media) this.media.handleSubscribeOffer(message.sdp);
      else this.pendingOffers.push(message.sdp);
      return;
    }
    if (message.type === 'connection-quality') {
      this.serverQuality = { quality: message.quality, at: Date.now() };
      this.view?.setPausedVideo(Array.isArray(message.pausedVideo) ? message.pausedVideo : []);
      this.showQuality();
      return;
    }
    const wasAdmitted = this.state.phase === Phase.ADMITTED;
    this.dispatch(message);
    if (message.type === 'admitted') {
      this.client.setResumeToken(message.resumeToken);
      resumeStore.save(message.roomId, message.resumeToken);
      if (message.resumed && message.restartMedia && this.media) {
        this.restartMedia(message);
      } else if (message.resumed && this.media) {
        this.media.useIceServers(message);
        this.media.restartIceIfNeeded();
      } else if (!wasAdmitted || !this.media) {
        this.startMedia(message);
      }
    }
    if (message.type === 'mute-changed' && this.state.you && message.participantId === this.state.you.participantId) {
      // The relay already drops our audio; silence it here too so the page tells the truth.
      this.applyMicrophone();
      if (message.muted) this.view?.announce('The facilitator muted your microphone.');
      else this.view?.announce(this.devices.microphoneOn
        ? 'The facilitator unmuted your microphone. The others can hear you again.'
        : 'The facilitator unmuted your microphone. It stays off until you turn it on.');
    }
    if (message.type === 'agreement-changed' && this.state.you?.role === 'member') {
      this.view?.announce('The group agreement has changed. Please read it and accept it to continue.');
    }
    if (message.type === 'hold-changed' && message.participantId === this.state.you?.participantId) {
      this.view?.announce(message.held ? 'The facilitator has paused your video and sound for now.'
        : 'The facilitator has let you see and hear the group again.');
    }
    if (message.type === 'participant-joined') this.view?.announce(`${message.participant.displayName} joined.`);
    if (message.type === 'lock-changed') this.view?.announce(message.locked ? 'The room is locked.' : 'The room is unlocked.');
    if (message.type === 'recording') this.announceRecording(message);
    if (message.type === 'lobby-update' && this.state.you?.role === 'facilitator' && message.entries.length > 0) {
      this.view?.announce(`${message.entries.length} waiting to come in.`);
    }
  }

  announceRecording(message) {
    if (!this.view) return;
    if (message.state === 'recording') this.view.announce('Recording has started. Everyone agreed.');
    else if (message.state === 'paused') this.view.announce('Recording is paused: not everyone agrees right now.');
    else if (message.state === 'off' && message.reason !== 'not-everyone-agreed') this.view.announce('Recording is off.');
  }

  connectionChanged(state) {
    if (state === 'reconnecting') this.view?.showError('Connection lost. Reconnecting…');
    if (state === 'resumed') {
      this.view?.showError('');
      // The server may have lost our tile sizes with the connection: tell it again.
      this.viewReporter.forget();
      this.reportView();
    }
    if (state === 'lost' && this.state.phase !== Phase.ENDED) this.dispatch({ type: 'local/lost' });
  }

  /** @param {{iceServers?: RTCIceServer[], iceServersValidSeconds?: number}} admission the admission reply */
  async startMedia(admission) {
    if (this.mediaStarting) return;
    this.mediaStarting = true;
    const local = await this.localMedia();
    if (this.state.phase !== Phase.ADMITTED) {
      local.stream?.getTracks().forEach((t) => t.stop());
      return;
    }
    this.localStream = local.stream;
    this.devices = { ...this.devices, hasAudio: local.hasAudio, hasVideo: local.hasVideo };
    this.applyMicrophone();
    this.view.setLocalMedia(local.stream, this.devices);
    if (local.notice) this.view.announce(local.notice);
    await this.connectMedia(admission);
  }

  /**
   * The server restarted since our transports were made: the relay knows none of them, so an ICE restart has
   * nothing to restart. Closes them and builds new ones with the same camera and microphone: publish again, and
   * answer the subscribe offer that follows this admission on the new subscribe transport.
   */
  restartMedia(admission) {
    this.media.close();
    this.media = null;
    this.connectMedia(admission);
  }

  /**
   * New transports for the local stream we have. Synchronous up to the publish, so a subscribe offer that arrives
   * right after the admission reply finds them.
   */
  async connectMedia(admission) {
    clearInterval(this.speakerTimer);
    clearInterval(this.qualityTimer);
    this.qualitySample = null;
    this.media = this.createMediaLink({
      client: this.client,
      localStream: this.localStream,
      ice: admission,
      mode: this.mode,
      singleLayer: readStored(SINGLE_LAYER_KEY) === 'true',
      onSimulcastAnswer: (accepted) => writeStored(SINGLE_LAYER_KEY, accepted ? null : 'true'),
      onRemoteStream: (participantId, stream) => this.view?.attachStream(participantId, stream),
      onConnectionState: (s) => {
        if (s === 'reconnecting') this.view?.showError('The video connection dropped. Reconnecting…');
        if (s === 'connected') this.view?.showError('');
      },
      onError: (error) => this.view?.showError(mediaErrorText(error)),
    });
    const link = this.media;
    for (const sdp of this.pendingOffers.splice(0)) link.handleSubscribeOffer(sdp);
    await link.start();
    if (this.media !== link) return; // rebuilt (or ended) meanwhile: the newer link keeps the timers
    this.speakerTimer = setInterval(() => this.pollSpeaker(), SPEAKER_POLL_MS);
    this.qualityTimer = setInterval(() => this.pollQuality(), QUALITY_POLL_MS);
    this.reportView();
  }

  /** The page's own reading of the connection, shown whenever the relay has not said anything lately. */
  async pollQuality() {
    if (!this.media || !this.view) return;
    try {
      const sample = await this.media.qualitySample();
      this.localQuality = qualityFromSamples(this.qualitySample, sample);
      this.qualitySample = sample;
    } catch {
      return; // stats can fail while a transport renegotiates
    }
    if (this.serverQuality && Date.now() - this.serverQuality.at >= SERVER_QUALITY_FRESH_MS) {
      this.view.setPausedVideo([]); // a stale word from the relay pauses nothing any more
    }
    this.showQuality();
  }

  showQuality() {
    this.view?.setQuality(shownQuality(this.serverQuality, this.localQuality, Date.now()));
  }

  /** Tile sizes and the mode for the relay's layer choice (view-report.js), once they settle. */
  reportView() {
    if (this.view && this.state.phase === Phase.ADMITTED) this.viewReporter.update(this.view.tileReport(), this.mode);
  }

  setMode(mode) {
    this.mode = parseMode(mode);
    try {
      globalThis.sessionStorage?.setItem(MODE_KEY, this.mode);
    } catch {
      // Storage refused (private mode): the choice lasts as long as this page.
    }
    this.media?.setMode(this.mode);
    this.view?.setMode(this.mode);
    this.view?.announce(MODE_ANNOUNCEMENTS[this.mode]);
    this.reportView();
  }

  async pollSpeaker() {
    if (!this.media || !this.view || !this.state.you) return;
    try {
      const levels = await this.media.audioLevels(this.state.you.participantId);
      this.view.setSpeaker(this.detector.update(levels, performance.now()));
    } catch {
      // Stats can fail while a transport renegotiates; the next poll will do.
    }
  }

  applyMicrophone() {
    const enabled = this.devices.microphoneOn && !(this.state.you && this.state.you.muted);
    this.localStream?.getAudioTracks().forEach((t) => { t.enabled = enabled; });
  }

  actions() {
    const request = (type, fields) => this.client.request(type, fields).then(() => true, (error) => {
      this.view?.showError(error.message);
      return false;
    });
    return {
      streamFor: (id) => this.media?.remoteStream(id) || null,
      setMode: (mode) => this.setMode(mode),
      tilesChanged: () => this.reportView(),
      toggleMicrophone: () => {
        this.devices.microphoneOn = !this.devices.microphoneOn;
        this.applyMicrophone();
        this.view.setDevices(this.devices);
      },
      toggleCamera: () => {
        this.devices.cameraOn = !this.devices.cameraOn;
        this.localStream?.getVideoTracks().forEach((t) => { t.enabled = this.devices.cameraOn; });
        this.view.setDevices(this.devices);
      },
      leave: async () => {
        await request('leave');
        this.dispatch({ type: 'local/left' });
      },
      consent: async (yes) => {
        const recordingId = this.state.consentRequest?.recordingId || this.state.recording.recordingId;
        if (!recordingId) return;
        const ok = this.state.phase === Phase.LOBBY
          ? await request('lobby-consent', { consent: yes })
          : await request(yes ? 'consent' : 'decline', { recordingId });
        if (ok) this.dispatch({ type: 'local/consent-answered', consent: yes });
      },
      withdraw: async () => {
        if (await request('withdraw-consent')) this.dispatch({ type: 'local/consent-withdrawn' });
      },
      lock: (locked) => request(locked ? 'lock' : 'unlock'),
      admit: (participantId) => request('admit', { participantId }),
      deny: (participantId) => request('deny', { participantId }),
      mute: (participantId, muted) => request(muted ? 'mute' : 'unmute', { participantId }),
      remove: (participantId) => request('remove', { participantId }),
      rename: (participantId, firstName) => request('rename', { participantId, firstName }),
      requestRecording: async () => {
        // Asking is the facilitator's own consent; the server asks everyone else.
        if (await request('request-recording')) this.dispatch({ type: 'local/consent-answered', consent: true });
      },
      stopRecording: () => request('stop-recording'),
      end: () => request('end'),
      acceptAgreement: async (version) => {
        if (await request('accept-agreement', { version })) {
          this.dispatch({ type: 'local/agreement-accepted', version });
          this.view?.announce('Thank you. You can see and hear the group again.');
        }
      },
      reviseAgreement: async (text) => {
        const ok = await request('revise-agreement', { text });
        if (ok) this.view?.announce('The new agreement is in force. Everyone here is asked to accept it.');
        return ok;
      },
      dismissReminder: () => this.dispatch({ type: 'local/reminder-dismissed' }),
      release: (participantId) => request('release', { participantId }),
      reportBreach: async (report) => {
        try {
          const incident = await api.post(`/api/rooms/${encodeURIComponent(this.state.roomId)}/incidents`, report);
          this.view?.announce('The breach is reported and the incident is open. Admins can see it.');
          return incident;
        } catch (error) {
          this.view?.showError(error.message);
          return null;
        }
      },
    };
  }

  /** Answers a consent question asked while waiting in the lobby. */
  answerInLobby(yes) {
    return this.actions().consent(yes);
  }

  ended() {
    clearInterval(this.speakerTimer);
    clearInterval(this.qualityTimer);
    this.viewReporter.stop();
    this.media?.close();
    this.media = null;
    this.localStream?.getTracks().forEach((t) => t.stop());
    this.localStream = null;
    this.client.close();
    resumeStore.clear();
    this.view?.destroy();
    this.view = null;
  }
}

const MODE_ANNOUNCEMENTS = {
  [Mode.NORMAL]: 'Normal video: you see and are seen as usual.',
  [Mode.LOW_DATA]: 'Low data: videos are smaller and your camera sends a small picture.',
  [Mode.AUDIO_ONLY]: 'Audio only: you hear everyone and they hear you. No video is shown, and your camera is paused.',
};

function readStored(key) {
  try {
    return globalThis.sessionStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeStored(key, value) {
  try {
    if (value === null) globalThis.sessionStorage?.removeItem(key);
    else globalThis.sessionStorage?.setItem(key, value);
  } catch {
    // Storage refused: the next page tries the layers again.
  }
}

function loadMode() {
  try {
    return parseMode(globalThis.sessionStorage?.getItem(MODE_KEY));
  } catch {
    return Mode.NORMAL;
  }
}

function mediaErrorText(error) {
  if (error instanceof ProtocolError) return error.message;
  return 'The video connection could not be set up. Check your network, then leave and join again.';
}
