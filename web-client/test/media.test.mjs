import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLocalMedia, mediaNotice } from '../src/main/resources/static/js/media.js';

function fakeStream(kinds) {
  const tracks = kinds.map((kind) => ({ kind }));
  return {
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  };
}

function devices(outcomes) {
  const asked = [];
  return {
    asked,
    getUserMedia: async (constraints) => {
      asked.push(Object.keys(constraints).sort().join('+'));
      const outcome = outcomes.shift();
      if (outcome instanceof Error) throw outcome;
      return fakeStream(outcome);
    },
  };
}

function domError(name) {
  const error = new Error(name);
  error.name = name;
  return error;
}

test('cameraAndMicrophoneNeedNoNotice', async () => {
  const result = await getLocalMedia(devices([['audio', 'video']]));
  assert.equal(result.hasAudio && result.hasVideo, true);
  assert.equal(result.notice, null);
});

test('missingCameraFallsBackToSoundOnlyAndSaysSo', async () => {
  const d = devices([domError('NotFoundError'), ['audio']]);
  const result = await getLocalMedia(d);
  assert.deepEqual(d.asked, ['audio+video', 'audio']);
  assert.equal(result.hasVideo, false);
  assert.match(result.notice, /camera is not available/);
  assert.match(result.notice, /sound only/);
});

test('refusedDevicesLeaveAViewOnlySessionWithAWayOut', async () => {
  const d = devices([domError('NotAllowedError'), domError('NotAllowedError'), domError('NotAllowedError')]);
  const result = await getLocalMedia(d);
  assert.equal(result.stream, null);
  assert.match(result.notice, /can see and hear the group/);
  assert.match(result.notice, /allow camera and microphone/);
});

test('noMediaDevicesAtAllIsExplained', async () => {
  const result = await getLocalMedia(undefined);
  assert.equal(result.stream, null);
  assert.match(result.notice, /none was found/);
});

test('missingMicrophoneIsExplained', () => {
  assert.match(mediaNotice({ hasAudio: false, hasVideo: true, errorName: 'NotReadableError' }),
    /microphone is not available \(another program is using it\)/);
});
