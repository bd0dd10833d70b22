/**
 * The camera and microphone: ask for both, fall back to what is there, and say plainly what happened,
 * so nobody is stuck because a camera is missing or was refused.
 */

const VIDEO = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
const AUDIO = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/**
 * What to tell the person about their devices.
 * @param {{hasAudio: boolean, hasVideo: boolean, errorName?: string}} result
 * @returns {string|null} null when both work
 */
export function mediaNotice({ hasAudio, hasVideo, errorName }) {
  if (hasAudio && hasVideo) return null;
  const refused = errorName === 'NotAllowedError' || errorName === 'SecurityError';
  const busy = errorName === 'NotReadableError' || errorName === 'AbortError';
  const why = refused ? 'the browser was not allowed to use it'
    : busy ? 'another program is using it'
      : 'none was found';
  if (hasAudio) {
    return `Your camera is not available (${why}). You are in the session with sound only; the others hear you but cannot see you.`;
  }
  if (hasVideo) {
    return `Your microphone is not available (${why}). The others can see you but cannot hear you.`;
  }
  return `Your camera and microphone are not available (${why}). You can see and hear the group, but they cannot see or hear you.`
    + (refused ? ' To change this, allow camera and microphone for this site in your browser settings and reload the page.' : '');
}

/**
 * @param {MediaDevices} [mediaDevices]
 * @returns {Promise<{stream: MediaStream|null, hasAudio: boolean, hasVideo: boolean, notice: string|null}>}
 */
export async function getLocalMedia(mediaDevices = globalThis.navigator && navigator.mediaDevices) {
  if (!mediaDevices || typeof mediaDevices.getUserMedia !== 'function') {
    const result = { hasAudio: false, hasVideo: false, errorName: 'NotFoundError' };
    return { stream: null, ...result, notice: mediaNotice(result) };
  }
  let firstError = null;
  for (const constraints of [{ audio: AUDIO, video: VIDEO }, { audio: AUDIO }, { video: VIDEO }]) {
    try {
      const stream = await mediaDevices.getUserMedia(constraints);
      const result = {
        hasAudio: stream.getAudioTracks().length > 0,
        hasVideo: stream.getVideoTracks().length > 0,
        errorName: firstError ? firstError.name : undefined,
      };
      return { stream, hasAudio: result.hasAudio, hasVideo: result.hasVideo, notice: mediaNotice(result) };
    } catch (error) {
      // Keep the first reason: a refusal of both is what the person needs to hear about.
      if (firstError === null) firstError = error;
    }
  }
  const result = { hasAudio: false, hasVideo: false, errorName: firstError ? firstError.name : 'NotFoundError' };
  return { stream: null, ...result, notice: mediaNotice(result) };
}
