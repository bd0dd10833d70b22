/**
 * What the camera sends: three simulcast layers by rid, so the relay can forward each viewer the one that fits
 * their tile and their connection, and what each receiving mode (normal, low data, audio only) asks of them.
 * Pure functions over plain objects (sendEncodings, RTCRtpSendParameters, SDP text): no browser needed.
 */

/** Enough for a clear 720p picture of a face when only one layer is sent; the relay's feedback decides the rate. */
export const MAX_VIDEO_BITRATE = 2_500_000;

/**
 * The layers, lowest first (rid, resolution divisor, bitrate cap). The order is the order of `sendEncodings`
 * and of the offer's `a=simulcast:send q;h;f`; the relay knows the layers by rid, not by position.
 */
export const LAYERS = Object.freeze([
  Object.freeze({ rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 }),
  Object.freeze({ rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 }),
  Object.freeze({ rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 }),
]);

export const Mode = Object.freeze({ NORMAL: 'normal', LOW_DATA: 'low-data', AUDIO_ONLY: 'audio-only' });
export const MODES = Object.freeze([Mode.NORMAL, Mode.LOW_DATA, Mode.AUDIO_ONLY]);

/** Three temporal layers let the relay halve a layer's frame rate without asking for a new key frame. */
const SCALABILITY_MODE = 'L1T3';
/** The relay takes VP8 first (RelayCapabilities), so that codec's scalability modes are the ones that count. */
const PREFERRED_CODEC = 'video/vp8';

/**
 * Whether the browser says it can encode VP8 with `L1T3` (RTCRtpSender.getCapabilities('video')). Browsers that
 * list no `scalabilityModes` (Firefox) publish one encoding.
 * @param {{codecs?: Array<{mimeType?: string, scalabilityModes?: string[]}>}|null} capabilities
 */
export function supportsTemporalLayers(capabilities) {
  const codecs = (capabilities && Array.isArray(capabilities.codecs)) ? capabilities.codecs : [];
  return codecs.some((c) => typeof c.mimeType === 'string' && c.mimeType.toLowerCase() === PREFERRED_CODEC
    && Array.isArray(c.scalabilityModes) && c.scalabilityModes.includes(SCALABILITY_MODE));
}

/**
 * The capabilities with L1T3 listed for VP8 when a sender kept that scalability mode (`keptModes`, from the
 * encodings of a probe sender's getParameters()). Chromium 156 stopped listing `scalabilityModes` in
 * getCapabilities but still encodes them; a browser that cannot (Firefox ESR) drops the unknown member, so its
 * capabilities come back unchanged. A copy; the input is left alone.
 * @param {{codecs?: Array<object>}|null} capabilities
 * @param {Array<string|undefined>} keptModes
 */
export function withProbedTemporalLayers(capabilities, keptModes) {
  const codecs = (capabilities && Array.isArray(capabilities.codecs)) ? capabilities.codecs : [];
  const kept = Array.isArray(keptModes) && keptModes.length > 0 && keptModes.every((m) => m === SCALABILITY_MODE);
  if (!capabilities || !kept || supportsTemporalLayers(capabilities)) return capabilities;
  return {
    ...capabilities,
    codecs: codecs.map((c) => (typeof c.mimeType === 'string' && c.mimeType.toLowerCase() === PREFERRED_CODEC
      ? { ...c, scalabilityModes: [...(Array.isArray(c.scalabilityModes) ? c.scalabilityModes : []), SCALABILITY_MODE] }
      : c)),
  };
}

/** What a probe sender is given: two rid encodings asking for L1T3, the shape the camera will ask for. */
export const PROBE_ENCODINGS = Object.freeze([
  Object.freeze({ rid: 'q', scalabilityMode: SCALABILITY_MODE }),
  Object.freeze({ rid: 'f', scalabilityMode: SCALABILITY_MODE }),
]);

/**
 * The `sendEncodings` for the camera's transceiver, best first: three rid layers with L1T3, then the same without
 * a scalability mode, then one plain encoding (the only choice where L1T3 is not listed). The caller tries them in order until
 * `addTransceiver` accepts one.
 * @returns {RTCRtpEncodingParameters[][]}
 */
export function sendEncodingChoices(capabilities) {
  const single = [{ maxBitrate: MAX_VIDEO_BITRATE }];
  // Only a browser that lists L1T3 for VP8 (Chromium) gets layers: Firefox ESR's rid offer against a relay that
  // answers without simulcast sent no video the relay could forward (firefox.test.mjs), so it publishes one stream.
  if (!supportsTemporalLayers(capabilities)) return [single];
  const layers = LAYERS.map((l) => ({ ...l, active: true }));
  return [layers.map((l) => ({ ...l, scalabilityMode: SCALABILITY_MODE })), layers, single];
}

/**
 * Whether the relay's answer accepted our simulcast: a video m-section with `a=simulcast:recv`. Without it the
 * browser keeps only the first encoding (webrtc-pc: the others are dropped), which is the lowest layer: see
 * {@link parametersForMode}.
 */
export function answerAcceptsSimulcast(sdp) {
  if (typeof sdp !== 'string') return false;
  let inVideo = false;
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) inVideo = line.startsWith('m=video');
    else if (inVideo && line.startsWith('a=simulcast:') && /\brecv\b/.test(line)) return true;
  }
  return false;
}

/**
 * The camera sender's parameters for a mode, from what `getParameters()` returned (a copy; the input is left
 * alone). With several layers: normal sends all, low data only `q`, audio only none. With one encoding (the relay
 * refused simulcast, or the browser did): normal sends the full picture at {@link MAX_VIDEO_BITRATE}, low data
 * the lowest layer's size and rate, audio only nothing. Fields a browser did not report stay out, so that
 * `setParameters` sees no change it must refuse.
 * @param {RTCRtpSendParameters} parameters
 * @param {string} mode one of {@link MODES}
 */
export function parametersForMode(parameters, mode) {
  const encodings = (parameters.encodings || []).map((e) => ({ ...e }));
  const lowest = LAYERS[0];
  if (encodings.length > 1) {
    for (const e of encodings) {
      const layer = LAYERS.find((l) => l.rid === e.rid);
      e.active = mode === Mode.NORMAL || (mode === Mode.LOW_DATA && e.rid === lowest.rid);
      if (layer) {
        e.maxBitrate = layer.maxBitrate;
        e.scaleResolutionDownBy = layer.scaleResolutionDownBy;
      }
    }
  } else if (encodings.length === 1) {
    const e = encodings[0];
    e.active = mode !== Mode.AUDIO_ONLY;
    e.maxBitrate = mode === Mode.LOW_DATA ? lowest.maxBitrate : MAX_VIDEO_BITRATE;
    e.scaleResolutionDownBy = mode === Mode.LOW_DATA ? lowest.scaleResolutionDownBy : 1;
  }
  return { ...parameters, encodings };
}

/** A stored mode, or normal for anything unknown (an old or tampered value). */
export function parseMode(value) {
  return MODES.includes(value) ? value : Mode.NORMAL;
}
