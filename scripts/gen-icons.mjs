// Draws the app icon (public/favicon.svg: a price line falling step by step) as the PNGs an
// installable web app needs. Run once by hand; the PNGs are committed. No image library: a tiny
// supersampled rasteriser and a PNG writer on node:zlib.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const LINE = [[4, 8], [11, 10], [15, 16], [19, 17], [23, 24], [28, 26]];
const BLUE = [0x2f, 0x6f, 0xde];

function segDist(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Colour of a point in the 32x32 design: [r, g, b, a] in 0..1. `maskable` fills the whole square. */
function sample(x, y, maskable) {
  const r = maskable ? 0 : 6;
  const cx = Math.max(r, Math.min(32 - r, x)), cy = Math.max(r, Math.min(32 - r, y));
  if (!maskable && Math.hypot(x - cx, y - cy) > r) return [0, 0, 0, 0];
  // A maskable icon keeps its drawing inside the middle 80% (the safe zone).
  const s = maskable ? 0.7 : 1, ux = (x - 16) / s + 16, uy = (y - 16) / s + 16;
  const d = Math.min(...LINE.slice(1).map((p, i) => segDist(ux, uy, LINE[i], p)));
  return d <= 1.5 ? [1, 1, 1, 1] : [BLUE[0] / 255, BLUE[1] / 255, BLUE[2] / 255, 1];
}

function png(size, maskable) {
  const ss = 4, raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let j = 0; j < ss; j++)
        for (let i = 0; i < ss; i++) {
          const c = sample(((x + (i + 0.5) / ss) * 32) / size, ((y + (j + 0.5) / ss) * 32) / size, maskable);
          for (let k = 0; k < 3; k++) acc[k] += c[k] * c[3];
          acc[3] += c[3];
        }
      const o = y * (size * 4 + 1) + 1 + x * 4, a = acc[3] / (ss * ss);
      for (let k = 0; k < 3; k++) raw[o + k] = Math.round(acc[3] ? (255 * acc[k]) / acc[3] : 0);
      raw[o + 3] = Math.round(255 * a);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4), crc = Buffer.alloc(4), td = Buffer.concat([Buffer.from(type), data]);
    len.writeUInt32BE(data.length);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['icon-maskable-512.png', 512, true], ['apple-touch-icon.png', 180, true]]) {
  writeFileSync(new URL(`../public/${name}`, import.meta.url), png(size, maskable));
  console.log('wrote public/' + name);
}
