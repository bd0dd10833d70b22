import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridFor } from '../src/main/resources/static/js/layout.js';

test('twoTilesSitSideBySideOnAWideScreen', () => {
  const g = gridFor(2, 1280, 720);
  assert.equal(g.columns, 2);
  assert.equal(g.rows, 1);
});

test('twoTilesStackOnAPhone', () => {
  const g = gridFor(2, 360, 640);
  assert.equal(g.columns, 1);
  assert.equal(g.rows, 2);
});

test('everyCountFromTwoToTwelveFitsWithoutOverflow', () => {
  for (const [w, h] of [[1280, 720], [360, 640], [768, 1024]]) {
    for (let n = 2; n <= 12; n++) {
      const g = gridFor(n, w, h);
      assert.ok(g.columns * g.rows >= n, `${n} in ${w}x${h}`);
      assert.ok(g.tileWidth * g.columns + 8 * (g.columns - 1) <= w, `width ${n} in ${w}x${h}`);
      assert.ok(g.tileHeight * g.rows + 8 * (g.rows - 1) <= h, `height ${n} in ${w}x${h}`);
      assert.ok(g.tileWidth > 50, `usable tiles for ${n} in ${w}x${h}`);
    }
  }
});

test('twelveOnAWideScreenUseFourColumns', () => {
  assert.equal(gridFor(12, 1600, 900).columns, 4);
});

test('degenerateInputStillGivesAGrid', () => {
  const g = gridFor(0, 0, 0);
  assert.equal(g.columns, 1);
  assert.ok(g.rows >= 1);
});
