/**
 * Tile grid maths: the number of columns that gives each 16:9 tile the largest area in the space
 * available, so 2 people fill a wide screen side by side and 12 still fit on a phone.
 */

export const TILE_ASPECT = 16 / 9;

/**
 * @param {number} count tiles to place (0 or more)
 * @param {number} width available width in CSS pixels
 * @param {number} height available height in CSS pixels
 * @param {number} [gap] space between tiles
 * @returns {{columns: number, rows: number, tileWidth: number, tileHeight: number}}
 */
export function gridFor(count, width, height, gap = 8) {
  const n = Math.max(1, Math.floor(count));
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  let best = { columns: 1, rows: n, tileWidth: 0, tileHeight: 0 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const cellWidth = (w - gap * (columns - 1)) / columns;
    const cellHeight = (h - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    const tileWidth = Math.min(cellWidth, cellHeight * TILE_ASPECT);
    const tileHeight = tileWidth / TILE_ASPECT;
    if (tileWidth > best.tileWidth + 0.5) {
      best = { columns, rows, tileWidth: Math.floor(tileWidth), tileHeight: Math.floor(tileHeight) };
    }
  }
  if (best.tileWidth === 0) {
    return { columns: 1, rows: n, tileWidth: Math.floor(w), tileHeight: Math.floor(w / TILE_ASPECT) };
  }
  return best;
}
