/**
 * The session on screen: a tile per person (figure > video + figcaption with exactly the first name),
 * this person's own controls, the recording indicator and consent dialog, and for the facilitator the
 * lobby, the people list and the room controls. Rendering is driven by room state; video elements are
 * kept across renders so playback never restarts.
 */
import { h, replace } from './dom.js';
import { gridFor } from './layout.js';
import { isFacilitator, lobbyBadges, others, Phase } from './room-state.js';
import { Mode } from './simulcast.js';
import { qualityText } from './quality.js';

/** Bars as a shape, beside the words: the level is never told by colour alone. */
const QUALITY_ICONS = { good: '▮▮▮', fair: '▮▮▯', poor: '▮▯▯' };
const MODE_CHOICES = [
  { mode: Mode.NORMAL, label: 'Normal video' },
  { mode: Mode.LOW_DATA, label: 'Low data' },
  { mode: Mode.AUDIO_ONLY, label: 'Audio only' },
];
const MODE_HINTS = {
  [Mode.NORMAL]: 'You see everyone and they see you.',
  [Mode.LOW_DATA]: 'Smaller videos, and your camera sends a small picture: for a slow or costly connection.',
  [Mode.AUDIO_ONLY]: 'You hear everyone and they hear you. No video is shown here, and your camera is paused.',
};

export class SessionView {
  /**
   * @param {HTMLElement} root the element the session fills
   * @param {object} actions callbacks: toggleMicrophone, toggleCamera, leave, consent(bool), withdraw,
   *   lock(bool), admit(id), deny(id), mute(id, bool), remove(id), rename(id, name), requestRecording,
   *   stopRecording, end, streamFor(id), acceptAgreement(version), reviseAgreement(text), dismissReminder,
   *   setMode(mode), tilesChanged() (a remote tile came, went, was pinned or changed size: see tileReport)
   */
  constructor(root, actions) {
    this.root = root;
    this.actions = actions;
    this.tiles = new Map();
    this.localStream = null;
    this.devices = { microphoneOn: true, cameraOn: true, hasAudio: true, hasVideo: true };
    this.speaker = null;
    this.renaming = null;
    this.editingAgreement = null;
    this.reportingBreach = null;
    this.lastState = null;
    this.mode = Mode.NORMAL;
    this.quality = undefined;
    this.pausedVideo = new Set();
    this.pinned = null;
    /** Each remote video's rendered size in device pixels, for the relay's choice of layer. */
    this.videoSizes = new Map();
    this.build();
    this.resizeObserver = new ResizeObserver(() => this.layout());
    this.resizeObserver.observe(this.grid);
    this.videoObserver = new ResizeObserver((entries) => this.videosResized(entries));
  }

  build() {
    this.title = h('h1', { id: 'room-title', className: 'room-title', tabindex: '-1' });
    this.recordingIndicator = h('p', { role: 'status', className: 'recording-indicator', hidden: true }, 'Recording');
    this.lockBadge = h('p', { className: 'lock-badge', hidden: true }, 'Room locked');
    this.qualityIcon = h('span', { className: 'quality-icon', 'aria-hidden': 'true' });
    this.qualityLabel = h('span', {});
    this.qualityIndicator = h('p', { role: 'status', 'aria-live': 'polite', className: 'connection-quality' },
      this.qualityIcon, this.qualityLabel);
    this.modeControl = this.buildModeControl();
    this.announcer = h('div', { className: 'announcer', 'aria-live': 'polite' });
    this.alertArea = h('div', { role: 'alert', className: 'session-alert' });
    this.grid = h('div', { className: 'tiles', 'aria-label': 'People in the session', role: 'group' });
    this.controls = h('div', { className: 'controls', role: 'group', 'aria-label': 'Your controls' });
    this.facilitatorPanel = h('section', { className: 'facilitator-panel', 'aria-labelledby': 'facilitator-heading', hidden: true });
    this.dialog = h('dialog', { className: 'consent-dialog', 'aria-labelledby': 'consent-heading', 'aria-describedby': 'consent-text' });
    this.agreementDialog = h('dialog', { className: 'consent-dialog agreement-dialog', 'aria-labelledby': 'agreement-change-heading',
      'aria-describedby': 'agreement-change-text' });
    this.reminder = h('section', { className: 'agreement-reminder card', 'aria-labelledby': 'reminder-heading', hidden: true });
    this.main = h('main', { className: 'session' },
      h('header', { className: 'session-bar' }, this.title, this.qualityIndicator, this.lockBadge, this.recordingIndicator),
      this.announcer, this.alertArea, this.reminder,
      h('div', { className: 'session-body' },
        h('div', { className: 'stage' }, this.grid, this.controls, this.modeControl),
        this.facilitatorPanel),
      this.dialog, this.agreementDialog);
    this.dialog.addEventListener('cancel', (event) => event.preventDefault());
    this.agreementDialog.addEventListener('cancel', (event) => event.preventDefault());
    replace(this.root, this.main);
  }

  /**
   * Normal video, low data or audio only: radio buttons (arrow keys move between them), built once so that
   * re-rendering never takes the focus away.
   */
  buildModeControl() {
    this.modeHint = h('p', { id: 'mode-hint', className: 'hint' });
    this.modeInputs = new Map();
    const options = MODE_CHOICES.map(({ mode, label }) => {
      const id = `mode-${mode}`;
      const input = h('input', { id, type: 'radio', name: 'receive-mode', value: mode, 'aria-describedby': 'mode-hint',
        onchange: (e) => { if (e.target.checked) this.actions.setMode(mode); } });
      this.modeInputs.set(mode, input);
      return h('div', { className: 'check' }, input, h('label', { for: id }, label));
    });
    return h('fieldset', { className: 'mode-control' }, h('legend', {}, 'Video and data use'), options, this.modeHint);
  }

  setMode(mode) {
    this.mode = mode;
    for (const [m, input] of this.modeInputs) input.checked = m === mode;
    this.modeHint.textContent = MODE_HINTS[mode] || '';
    if (this.lastState) this.render(this.lastState);
  }

  /**
   * The connection in words with a bars icon; the live region speaks only when the word changes.
   * @param {string|null} quality good, fair, poor, or null while there is nothing to judge by
   */
  setQuality(quality) {
    if (quality === this.quality) return;
    this.quality = quality;
    this.qualityIcon.textContent = QUALITY_ICONS[quality] || '▯▯▯';
    this.qualityLabel.textContent = qualityText(quality);
    this.qualityIndicator.className = `connection-quality quality-${quality || 'unknown'}`;
  }

  /** The people whose video the relay stopped sending us for our connection's sake (their sound goes on). */
  setPausedVideo(ids) {
    this.pausedVideo = new Set(ids);
    for (const [id, tile] of this.tiles) tile.paused.hidden = !this.pausedVideo.has(id);
  }

  videosResized(entries) {
    const ratio = globalThis.devicePixelRatio || 1;
    for (const entry of entries) {
      const id = entry.target.dataset.participantId;
      if (!id || !this.tiles.has(id)) continue;
      const device = entry.devicePixelContentBoxSize && entry.devicePixelContentBoxSize[0];
      this.videoSizes.set(id, device
        ? { width: device.inlineSize, height: device.blockSize }
        : { width: entry.contentRect.width * ratio, height: entry.contentRect.height * ratio });
    }
    this.actions.tilesChanged?.();
  }

  /** Every remote tile in the grid: its rendered size in device pixels and whether it is pinned. */
  tileReport() {
    const selfId = this.lastState?.you?.participantId;
    const tiles = [];
    for (const id of this.tiles.keys()) {
      if (id === selfId) continue;
      const size = this.videoSizes.get(id) || { width: 0, height: 0 };
      tiles.push({ participantId: id, width: size.width, height: size.height, pinned: id === this.pinned });
    }
    return tiles;
  }

  togglePin(participantId) {
    this.pinned = this.pinned === participantId ? null : participantId;
    if (this.lastState) this.render(this.lastState);
    this.actions.tilesChanged?.();
  }

  /** On arrival, focus goes to the room's name so screen reader users know where they are. */
  focusTitle() {
    this.title.focus();
  }

  announce(text) {
    if (!text) return;
    // Replace the node so the same sentence twice is still read out.
    replace(this.announcer, h('p', {}, text));
  }

  showError(text) {
    replace(this.alertArea, text ? h('p', {}, text) : null);
  }

  setLocalMedia(stream, devices) {
    this.localStream = stream;
    this.devices = { ...this.devices, ...devices };
    if (this.lastState) this.render(this.lastState);
  }

  setDevices(devices) {
    this.devices = { ...this.devices, ...devices };
    if (this.lastState) this.render(this.lastState);
  }

  setSpeaker(participantId) {
    if (participantId === this.speaker) return;
    this.speaker = participantId;
    for (const [id, tile] of this.tiles) tile.figure.classList.toggle('speaking', id === participantId);
  }

  /** A remote stream arrived (or changed) for a participant. */
  attachStream(participantId, stream) {
    const tile = this.tiles.get(participantId);
    if (tile && tile.video.srcObject !== stream) {
      tile.video.srcObject = stream;
      this.play(tile.video);
    }
  }

  render(state) {
    this.lastState = state;
    if (state.phase !== Phase.ADMITTED) return;
    this.title.textContent = state.roomTitle || 'Session';
    document.title = `${state.roomTitle || 'Session'} — Hearth`;
    this.lockBadge.hidden = !state.locked;
    this.recordingIndicator.hidden = state.recording.state !== 'recording';
    this.renderTiles(state);
    this.renderControls(state);
    this.renderFacilitatorPanel(state);
    this.renderReminder(state);
    this.renderAgreementDialog(state);
    this.renderDialog(state);
  }

  /** At the start of every session: the group's agreement, in its own words, until the person closes it. */
  renderReminder(state) {
    const show = state.agreementReminder && state.agreement && !state.agreementPending;
    this.reminder.hidden = !show;
    if (!show) return;
    if (this.reminderFor === state.agreement.version) return;
    this.reminderFor = state.agreement.version;
    replace(this.reminder,
      h('h2', { id: 'reminder-heading' }, 'Reminder: our group agreement'),
      h('p', { className: 'agreement-text' }, state.agreement.text),
      h('button', { type: 'button', className: 'secondary', onclick: () => this.actions.dismissReminder() }, 'Close the reminder'));
  }

  /**
   * The facilitator changed the agreement: until this member accepts the new words (or leaves), the server holds
   * their media, so the dialog cannot be dismissed any other way.
   */
  renderAgreementDialog(state) {
    if (!state.agreementPending || !state.agreement) {
      if (this.agreementDialog.open) this.agreementDialog.close();
      this.agreementDialogFor = null;
      return;
    }
    if (this.agreementDialogFor === state.agreement.version && this.agreementDialog.open) return;
    this.agreementDialogFor = state.agreement.version;
    replace(this.agreementDialog,
      h('h2', { id: 'agreement-change-heading' }, 'The group agreement has changed'),
      h('p', {}, 'Please read the new agreement. Until you accept it, you cannot see or hear the group and they cannot see or hear you.'),
      h('p', { id: 'agreement-change-text', className: 'agreement-text' }, state.agreement.text),
      h('div', { className: 'dialog-actions' },
        h('button', { type: 'button', onclick: () => this.actions.acceptAgreement(state.agreement.version) }, 'I accept the new agreement'),
        h('button', { type: 'button', className: 'secondary', onclick: () => this.actions.leave() }, 'Leave the session')));
    if (this.dialog.open) this.dialog.close();
    if (!this.agreementDialog.open) this.agreementDialog.showModal();
  }

  renderTiles(state) {
    const present = new Set(state.participants.map((p) => p.participantId));
    let changed = false;
    for (const [id, tile] of this.tiles) {
      if (!present.has(id)) {
        this.videoObserver.unobserve(tile.video);
        this.videoSizes.delete(id);
        tile.video.srcObject = null;
        tile.figure.remove();
        this.tiles.delete(id);
        changed = true;
      }
    }
    if (this.pinned && !present.has(this.pinned)) this.pinned = null;
    const selfId = state.you.participantId;
    const audioOnly = this.mode === Mode.AUDIO_ONLY;
    const ordered = [state.participants.find((p) => p.participantId === selfId), ...others(state)].filter(Boolean);
    for (const participant of ordered) {
      const id = participant.participantId;
      let tile = this.tiles.get(id);
      if (!tile) {
        tile = this.newTile(id === selfId);
        this.tiles.set(id, tile);
        if (id !== selfId) {
          tile.video.dataset.participantId = id;
          this.videoObserver.observe(tile.video);
          changed = true;
        }
      }
      tile.caption.textContent = participant.displayName;
      const badges = [];
      if (participant.role === 'facilitator') badges.push('Facilitator');
      if (id === selfId) badges.push('You');
      if (id === selfId && audioOnly && this.devices.hasVideo) badges.push('Camera paused: audio only');
      if (participant.muted) badges.push('Muted by the facilitator');
      if (state.away.includes(id)) badges.push('Reconnecting…');
      replace(tile.badges, badges.map((text) => h('span', { className: 'badge' }, text)));
      const stream = id === selfId ? this.localStream : this.actions.streamFor(id);
      if (stream && tile.video.srcObject !== stream) {
        tile.video.srcObject = stream;
        this.play(tile.video);
      }
      const cameraOff = id === selfId ? !(this.devices.hasVideo && this.devices.cameraOn) : false;
      tile.placeholder.textContent = audioOnly ? 'Audio only' : 'Camera off';
      tile.placeholder.hidden = !(cameraOff || audioOnly);
      // Audio only hides the picture, not the element: its sound keeps playing.
      tile.figure.classList.toggle('audio-only', audioOnly);
      tile.paused.hidden = id === selfId || audioOnly || !this.pausedVideo.has(id);
      if (tile.pin) {
        const pinned = id === this.pinned;
        tile.figure.classList.toggle('pinned', pinned);
        tile.pin.setAttribute('aria-pressed', String(pinned));
        tile.pin.setAttribute('aria-label', `${pinned ? 'Unpin' : 'Pin'} ${participant.displayName}`);
        tile.pin.textContent = pinned ? 'Unpin' : 'Pin';
      }
      tile.figure.classList.toggle('speaking', id === this.speaker);
      this.grid.append(tile.figure); // keeps the order; moving a node keeps its playback
    }
    this.layout();
    if (changed) this.actions.tilesChanged?.();
  }

  newTile(self) {
    const video = h('video', { autoplay: true, playsInline: true, muted: self });
    if (self) {
      video.muted = true;
      video.classList.add('mirrored');
    }
    const caption = h('figcaption', {});
    const badges = h('div', { className: 'badges' });
    const placeholder = h('div', { className: 'camera-off', hidden: true, 'aria-hidden': 'true' }, 'Camera off');
    const paused = h('div', { className: 'video-paused', hidden: true }, 'Video paused for your connection');
    const figure = h('figure', { className: 'tile' }, video, placeholder, paused, caption, badges);
    let pin = null;
    if (!self) {
      pin = h('button', { type: 'button', className: 'secondary pin', 'aria-pressed': 'false',
        onclick: () => this.togglePin(video.dataset.participantId) }, 'Pin');
      figure.append(pin);
    }
    return { figure, video, caption, badges, placeholder, paused, pin };
  }

  play(video) {
    const attempt = video.play();
    if (attempt && typeof attempt.catch === 'function') {
      attempt.catch(() => {
        // Autoplay with sound was refused (no click on this page yet): play silently, offer the sound.
        if (video.muted) return;
        video.muted = true;
        video.play().catch(() => {});
        this.offerSound();
      });
    }
  }

  offerSound() {
    if (this.soundButton) return;
    this.soundButton = h('button', {
      type: 'button',
      onclick: () => {
        for (const [id, tile] of this.tiles) {
          if (!this.lastState || id !== this.lastState.you.participantId) {
            tile.video.muted = false;
            tile.video.play().catch(() => {});
          }
        }
        this.soundButton.remove();
        this.soundButton = null;
      },
    }, 'Turn on sound');
    this.controls.prepend(this.soundButton);
  }

  layout() {
    const count = this.tiles.size;
    if (count === 0) return;
    const width = this.grid.clientWidth || window.innerWidth;
    const height = Math.max(200, window.innerHeight - this.grid.getBoundingClientRect().top - 120);
    const grid = gridFor(count, width, height);
    this.grid.style.setProperty('--columns', String(grid.columns));
    this.grid.style.setProperty('--tile-width', `${grid.tileWidth}px`);
  }

  renderControls(state) {
    const d = this.devices;
    const mutedByFacilitator = state.you.muted;
    const heldByFacilitator = (state.held || []).includes(state.you.participantId);
    const mic = h('button', {
      type: 'button', className: 'secondary', 'aria-pressed': String(!d.microphoneOn), 'data-key': 'mic',
      disabled: !d.hasAudio || mutedByFacilitator, 'aria-describedby': mutedByFacilitator ? 'muted-note' : null,
      onclick: () => this.actions.toggleMicrophone(),
    }, d.microphoneOn ? 'Mute microphone' : 'Unmute microphone');
    const camera = h('button', {
      type: 'button', className: 'secondary', 'aria-pressed': String(!d.cameraOn), 'data-key': 'camera',
      disabled: !d.hasVideo, onclick: () => this.actions.toggleCamera(),
    }, d.cameraOn ? 'Turn camera off' : 'Turn camera on');
    const rec = state.recording;
    const consentButtons = [];
    if (rec.state === 'recording' || (rec.state === 'paused' && state.myConsent === 'given')) {
      consentButtons.push(h('button', { type: 'button', className: 'secondary', 'data-key': 'consent', onclick: () => this.actions.withdraw() },
        'Withdraw consent'));
    } else if (rec.state === 'paused' && state.myConsent === 'withdrawn') {
      consentButtons.push(h('button', { type: 'button', className: 'secondary', 'data-key': 'consent', onclick: () => this.actions.consent(true) },
        'Consent to recording again'));
    }
    const leave = h('button', { type: 'button', className: 'danger', 'data-key': 'leave', onclick: () => this.actions.leave() }, 'Leave');
    const note = [mutedByFacilitator
      ? h('p', { className: 'control-note', id: 'muted-note' }, 'The facilitator has muted your microphone.') : null,
    heldByFacilitator
      ? h('p', { className: 'control-note' }, 'The facilitator has paused your video and sound for now.') : null];
    const focused = this.controls.contains(document.activeElement) ? document.activeElement.dataset.key : null;
    replace(this.controls, this.soundButton || null, mic, camera, consentButtons, leave, note);
    this.restoreFocus(this.controls, focused);
  }

  renderFacilitatorPanel(state) {
    if (!isFacilitator(state)) {
      this.facilitatorPanel.hidden = true;
      return;
    }
    this.facilitatorPanel.hidden = false;
    const focused = this.facilitatorPanel.contains(document.activeElement) ? document.activeElement : null;
    const focusedLabel = focused ? focused.dataset.key : null;
    const focusedInput = focused && (focused.tagName === 'INPUT' || focused.tagName === 'TEXTAREA') && focused.id ? focused : null;
    const a = this.actions;
    const rec = state.recording.state;
    const roomControls = h('div', { className: 'room-controls' },
      h('button', { type: 'button', className: 'secondary', 'data-key': 'lock', onclick: () => a.lock(!state.locked) },
        state.locked ? 'Unlock room' : 'Lock room'),
      rec === 'off'
        ? h('button', { type: 'button', className: 'secondary', 'data-key': 'recording', onclick: () => a.requestRecording() }, 'Request recording')
        : h('button', { type: 'button', className: 'secondary', 'data-key': 'recording', onclick: () => a.stopRecording() }, 'Stop recording'),
      h('button', { type: 'button', className: 'danger', 'data-key': 'end', onclick: () => a.end() }, 'End session'),
      h('button', { type: 'button', className: 'danger', 'data-key': 'breach', 'aria-expanded': String(Boolean(this.reportingBreach)),
        onclick: () => {
          this.reportingBreach = this.reportingBreach ? null : { text: '', lock: true, stopRecording: true, rotateLink: true, remove: [], hold: [] };
          this.render(this.lastState);
          const box = this.facilitatorPanel.querySelector('#breach-text');
          if (box) box.focus();
        } }, 'Report a breach'));
    const recordingLine = h('p', { className: 'recording-line' }, recordingDescription(state.recording));

    const lobby = state.lobby.length === 0
      ? h('p', { className: 'empty' }, 'Nobody is waiting.')
      : h('ul', { className: 'people' }, state.lobby.map((entry) => h('li', {},
        h('span', { className: 'person-label' },
          h('span', { className: 'person-name' }, entry.firstName),
          lobbyBadges(entry).map((badge) => h('span', { className: 'lobby-badge', title: badge.description },
            badge.text, h('span', { className: 'visually-hidden' }, `: ${badge.description}`)))),
        h('span', { className: 'person-actions' },
          h('button', { type: 'button', 'data-key': `admit-${entry.participantId}`, 'aria-label': `Admit ${entry.firstName}`, onclick: () => a.admit(entry.participantId) }, 'Admit'),
          h('button', { type: 'button', className: 'secondary', 'data-key': `deny-${entry.participantId}`, 'aria-label': `Deny ${entry.firstName}`, onclick: () => a.deny(entry.participantId) }, 'Deny')))));

    const people = others(state);
    const peopleList = people.length === 0
      ? h('p', { className: 'empty' }, 'Nobody else is here yet.')
      : h('ul', { className: 'people' }, people.map((p) => this.personRow(p, state)));

    const panel = [
      h('h2', { id: 'facilitator-heading' }, 'Facilitator'),
      roomControls,
      this.reportingBreach ? this.breachForm(state) : null,
      recordingLine,
      this.agreementEditor(state),
      h('h3', { id: 'lobby-heading' }, `Waiting room (${state.lobby.length})`),
      lobby,
      h('h3', {}, 'People'),
      peopleList,
    ];
    replace(this.facilitatorPanel, ...panel);
    if (focusedInput) {
      const input = this.facilitatorPanel.querySelector(`#${CSS.escape(focusedInput.id)}`);
      if (input) input.focus();
    } else {
      this.restoreFocus(this.facilitatorPanel, focusedLabel);
    }
  }

  personRow(p, state) {
    const a = this.actions;
    const name = p.displayName;
    if (this.renaming && this.renaming.participantId === p.participantId) {
      const inputId = `rename-${p.participantId}`;
      const input = h('input', { id: inputId, type: 'text', value: this.renaming.draft, autocomplete: 'off',
        oninput: (e) => { this.renaming.draft = e.target.value; } });
      const form = h('form', { className: 'rename-form',
        onsubmit: (e) => {
          e.preventDefault();
          const draft = this.renaming.draft;
          a.rename(p.participantId, draft).then((ok) => {
            if (ok) {
              this.renaming = null;
              this.render(this.lastState);
            }
          });
        } },
      h('label', { for: inputId }, `New first name for ${name}`), input,
      h('button', { type: 'submit' }, 'Save name'),
      h('button', { type: 'button', className: 'secondary', onclick: () => { this.renaming = null; this.render(this.lastState); } }, 'Cancel'));
      return h('li', {}, form);
    }
    const pending = (state.pendingAgreement || []).includes(p.participantId);
    const held = (state.held || []).includes(p.participantId);
    return h('li', {},
      h('span', { className: 'person-name' }, name, p.muted ? ' (muted)' : '',
        pending ? h('span', { className: 'lobby-badge' }, 'Has not accepted the new agreement yet') : null,
        held ? h('span', { className: 'lobby-badge' }, 'On hold') : null),
      h('span', { className: 'person-actions' },
        h('button', { type: 'button', className: 'secondary', 'data-key': `mute-${p.participantId}`, 'aria-label': `${p.muted ? 'Unmute' : 'Mute'} ${name}`,
          onclick: () => a.mute(p.participantId, !p.muted) }, p.muted ? 'Unmute' : 'Mute'),
        h('button', { type: 'button', className: 'secondary', 'data-key': `rename-${p.participantId}`, 'aria-label': `Rename ${name}`,
          onclick: () => {
            this.renaming = { participantId: p.participantId, draft: '' };
            this.render(state);
            const input = this.facilitatorPanel.querySelector('.rename-form input');
            if (input) input.focus();
          } }, 'Rename'),
        held ? h('button', { type: 'button', className: 'secondary', 'data-key': `release-${p.participantId}`, 'aria-label': `Release ${name}`,
          onclick: () => a.release(p.participantId) }, 'Release') : null,
        h('button', { type: 'button', className: 'danger', 'data-key': `remove-${p.participantId}`, 'aria-label': `Remove ${name}`,
          onclick: () => a.remove(p.participantId) }, 'Remove')));
  }

  /**
   * "Report a breach": what happened, and what to do about it at once, in one step: lock, stop the recording,
   * rotate the invite link, remove or hold members. The server does it all before the incident opens.
   */
  breachForm(state) {
    const draft = this.reportingBreach;
    const check = (id, label, checked, onchange) => h('div', { className: 'check' },
      h('input', { id, type: 'checkbox', checked, onchange: (e) => onchange(e.target.checked) }),
      h('label', { for: id }, label));
    const toggle = (list, id, on) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id));
    const box = h('textarea', { id: 'breach-text', rows: '4', maxlength: '4000', 'aria-describedby': 'breach-hint',
      oninput: (e) => { draft.text = e.target.value; } });
    box.value = draft.text;
    const members = others(state).filter((p) => p.role !== 'facilitator');
    return h('form', { className: 'breach-form stack', 'aria-labelledby': 'breach-heading',
      onsubmit: async (e) => {
        e.preventDefault();
        const incident = await this.actions.reportBreach({ text: draft.text, lock: draft.lock,
          stopRecording: draft.stopRecording, rotateLink: draft.rotateLink, remove: draft.remove, hold: draft.hold });
        if (incident) {
          this.reportingBreach = null;
          this.render(this.lastState);
        }
      } },
    h('h3', { id: 'breach-heading' }, 'Report a breach'),
    h('label', { for: 'breach-text' }, 'What happened'), box,
    h('p', { id: 'breach-hint', className: 'hint' }, 'Kept encrypted; admins and this room\'s facilitators can read it.'),
    check('breach-lock', 'Lock the room', draft.lock, (on) => { draft.lock = on; }),
    check('breach-recording', 'Stop the recording', draft.stopRecording, (on) => { draft.stopRecording = on; }),
    check('breach-link', 'Withdraw the invite link', draft.rotateLink, (on) => { draft.rotateLink = on; }),
    members.map((p) => [
      check(`breach-remove-${p.participantId}`, `Remove ${p.displayName}`, draft.remove.includes(p.participantId),
        (on) => { draft.remove = toggle(draft.remove, p.participantId, on); }),
      check(`breach-hold-${p.participantId}`, `Hold ${p.displayName}`, draft.hold.includes(p.participantId),
        (on) => { draft.hold = toggle(draft.hold, p.participantId, on); }),
    ]),
    h('button', { type: 'submit', className: 'danger' }, 'Send the breach report'),
    h('button', { type: 'button', className: 'secondary', onclick: () => { this.reportingBreach = null; this.render(this.lastState); } }, 'Cancel the report'));
  }

  /** The facilitator's view of the agreement in force, and the form that puts new words in force. */
  agreementEditor(state) {
    const a = this.actions;
    if (!this.editingAgreement) {
      return h('div', { className: 'agreement-editor' },
        h('button', { type: 'button', className: 'secondary', 'data-key': 'edit-agreement',
          onclick: () => {
            this.editingAgreement = { draft: state.agreement ? state.agreement.text : '' };
            this.render(this.lastState);
            const box = this.facilitatorPanel.querySelector('#agreement-draft');
            if (box) box.focus();
          } }, 'Edit agreement'),
        state.agreement ? h('p', { className: 'hint' }, `Agreement version ${state.agreement.version} is in force.`) : null);
    }
    const box = h('textarea', { id: 'agreement-draft', rows: '5', maxlength: '4000', 'aria-describedby': 'agreement-draft-hint',
      oninput: (e) => { this.editingAgreement.draft = e.target.value; } });
    box.value = this.editingAgreement.draft;
    return h('form', { className: 'agreement-editor stack',
      onsubmit: (e) => {
        e.preventDefault();
        a.reviseAgreement(this.editingAgreement.draft).then((ok) => {
          if (ok) {
            this.editingAgreement = null;
            this.render(this.lastState);
          }
        });
      } },
    h('label', { for: 'agreement-draft' }, 'Group agreement'), box,
    h('p', { id: 'agreement-draft-hint', className: 'hint' },
      'Everyone in the session is asked to accept the new words at once; until they do, they cannot see or hear the group.'),
    h('button', { type: 'submit' }, 'Save agreement'),
    h('button', { type: 'button', className: 'secondary', onclick: () => { this.editingAgreement = null; this.render(this.lastState); } }, 'Cancel editing'));
  }

  renderDialog(state) {
    if (state.agreementPending) return; // the agreement comes first; the consent question waits behind it
    const request = state.consentRequest;
    if (!request) {
      if (this.dialog.open) this.dialog.close();
      this.dialogFor = null;
      return;
    }
    if (this.dialogFor === request.recordingId && this.dialog.open) return;
    this.dialogFor = request.recordingId;
    replace(this.dialog,
      h('h2', { id: 'consent-heading' }, 'May we start recording?'),
      h('p', { id: 'consent-text' }, request.text || 'The facilitator would like to record this session.'),
      h('p', {}, 'Nothing is recorded unless everyone present agrees. Your answer is private: the others only learn whether everyone agreed, not who did.'),
      h('div', { className: 'dialog-actions' },
        h('button', { type: 'button', onclick: () => this.actions.consent(true) }, 'I consent'),
        h('button', { type: 'button', className: 'secondary', onclick: () => this.actions.consent(false) }, 'I do not consent')));
    if (!this.dialog.open) this.dialog.showModal();
  }

  /** Re-rendering replaces buttons; keep keyboard focus on the same control (its label may have changed). */
  restoreFocus(container, key) {
    if (!key) return;
    const match = [...container.querySelectorAll('[data-key]')].find((b) => b.dataset.key === key);
    if (match) match.focus();
  }

  destroy() {
    this.resizeObserver.disconnect();
    this.videoObserver.disconnect();
    for (const tile of this.tiles.values()) tile.video.srcObject = null;
    this.tiles.clear();
    if (this.dialog.open) this.dialog.close();
    if (this.agreementDialog.open) this.agreementDialog.close();
  }
}

/** The recording state in words, for the facilitator. */
export function recordingDescription(recording) {
  switch (recording.state) {
    case 'requested': return 'Recording: waiting for everyone to answer.';
    case 'recording': return 'Recording: everyone agreed; the session is being recorded.';
    case 'paused': return 'Recording paused: not everyone present agrees right now.';
    default:
      return recording.reason === 'not-everyone-agreed'
        ? 'Not recording: not everyone agreed.' : 'Not recording.';
  }
}
