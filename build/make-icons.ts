/**
 * `npx tsx build/make-icons.ts`: draws the app icon and writes build/icon.png (512 px, for Linux and the
 * README) and build/icon.ico (16–256 px, for the Windows executable, installer and shortcuts). The files
 * are committed; run this again only to change the icon.
 */
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
GlobalFonts.registerFromPath(join(fontDir, 'DejaVuSans-Bold.ttf'), 'DejaVu Sans Bold');

/** The sky blue of the flag, a white Ш (шекара, border) over a golden barrier bar. */
function draw(size: number): Buffer {
  const c = createCanvas(size, size);
  const g = c.getContext('2d');
  const r = size * 0.18;
  g.fillStyle = '#00a3c4';
  g.beginPath();
  g.roundRect(0, 0, size, size, r);
  g.fill();
  g.fillStyle = '#ffffff';
  g.font = `${Math.round(size * 0.62)}px "DejaVu Sans Bold"`;
  g.textAlign = 'center';
  g.textBaseline = 'alphabetic';
  g.fillText('Ш', size / 2, size * 0.7);
  // The barrier: gold with dark stripes, as a checkpoint boom.
  const barY = size * 0.76;
  const barH = Math.max(2, size * 0.1);
  g.fillStyle = '#fec50c';
  g.fillRect(size * 0.12, barY, size * 0.76, barH);
  if (size >= 32) {
    g.fillStyle = '#1d3557';
    for (let x = size * 0.2; x < size * 0.84; x += size * 0.16) g.fillRect(x, barY, size * 0.06, barH);
  }
  return c.toBuffer('image/png');
}

/** An ICO whose images are PNGs (Windows Vista and later read them). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

writeFileSync(join(here, 'icon.png'), draw(512));
writeFileSync(join(here, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: draw(size) }))));
console.log('wrote build/icon.png and build/icon.ico');
