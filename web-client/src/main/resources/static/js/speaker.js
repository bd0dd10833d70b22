/**
 * Active-speaker detection from audio levels (0..1, as getStats reports them). A person becomes the
 * speaker after talking above the threshold for a moment, and stays the speaker through short pauses,
 * so the highlight does not flicker between people at every breath.
 */

export const SPEAKING_LEVEL = 0.02;
export const ONSET_MS = 300;
export const HOLD_MS = 1500;

export class SpeakerDetector {
  constructor({ threshold = SPEAKING_LEVEL, onsetMs = ONSET_MS, holdMs = HOLD_MS } = {}) {
    this.threshold = threshold;
    this.onsetMs = onsetMs;
    this.holdMs = holdMs;
    this.loudSince = new Map();
    this.lastLoud = new Map();
    this.current = null;
  }

  /**
   * @param {Map<string, number>|Record<string, number>} levels audio level per participant id
   * @param {number} now milliseconds
   * @returns {string|null} the participant id of the active speaker
   */
  update(levels, now) {
    const entries = levels instanceof Map ? [...levels] : Object.entries(levels);
    const present = new Set();
    let loudest = null;
    for (const [id, level] of entries) {
      present.add(id);
      if (Number.isFinite(level) && level >= this.threshold) {
        if (!this.loudSince.has(id)) this.loudSince.set(id, now);
        this.lastLoud.set(id, now);
        if (now - this.loudSince.get(id) >= this.onsetMs && (loudest === null || level > loudest.level)) {
          loudest = { id, level };
        }
      } else {
        this.loudSince.delete(id);
      }
    }
    for (const id of [...this.lastLoud.keys()]) {
      if (!present.has(id)) {
        this.lastLoud.delete(id);
        this.loudSince.delete(id);
      }
    }
    const currentHeld = this.current !== null && this.lastLoud.has(this.current)
      && now - this.lastLoud.get(this.current) < this.holdMs;
    if (currentHeld && this.loudSince.has(this.current)) {
      return this.current; // still talking: nobody interrupts the highlight
    }
    if (loudest !== null) {
      this.current = loudest.id;
    } else if (!currentHeld) {
      this.current = null;
    }
    return this.current;
  }
}
