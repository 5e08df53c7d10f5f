#!/usr/bin/env node
/**
 * Regenerates the app icons from resources/packaging/icon.svg:
 *   icons/<n>x<n>.png   Linux (AppImage, deb) sizes
 *   icon.png            1024 px, the source electron-builder falls back to
 *   icon.ico            Windows (PNG-compressed entries, 16–256 px)
 *   icon.icns           macOS (PNG entries, 16–1024 px)
 * The outputs are committed, so a build never needs this script; run it after
 * editing the SVG. Rasterising needs `rsvg-convert` (Debian: librsvg2-bin,
 * macOS: brew install librsvg); the ICO and ICNS containers are written here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'packaging');
const svg = path.join(dir, 'icon.svg');

/** @param {number} size @returns {Buffer} */
function render(size) {
  const run = spawnSync('rsvg-convert', ['-w', String(size), '-h', String(size), svg], { maxBuffer: 64 * 1024 * 1024 });
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message : run.stderr.toString().trim();
    throw new Error(`rsvg-convert could not render ${size}px (${why}); install librsvg (Debian: apt-get install librsvg2-bin).`);
  }
  return run.stdout;
}

/** ICO: a directory of 16-byte entries, then the PNG images (Vista+ reads PNG entries). */
function ico(/** @type {Array<[number, Buffer]>} */ images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}

/** ICNS: 'icns' + total length, then (type, length, PNG) chunks, big-endian. */
function icns(/** @type {Array<[string, Buffer]>} */ chunks) {
  const parts = chunks.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

readFileSync(svg); // a clear ENOENT before any rendering
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const png = new Map(sizes.map((size) => [size, render(size)]));
const at = (/** @type {number} */ size) => /** @type {Buffer} */ (png.get(size));

mkdirSync(path.join(dir, 'icons'), { recursive: true });
for (const size of sizes.filter((s) => s <= 512)) writeFileSync(path.join(dir, 'icons', `${size}x${size}.png`), at(size));
writeFileSync(path.join(dir, 'icon.png'), at(1024));
writeFileSync(path.join(dir, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => [size, at(size)])));
writeFileSync(
  path.join(dir, 'icon.icns'),
  icns([['icp4', at(16)], ['icp5', at(32)], ['icp6', at(64)], ['ic07', at(128)], ['ic08', at(256)], ['ic09', at(512)], ['ic10', at(1024)]]),
);
console.log(`icons written to ${path.relative(process.cwd(), dir) || dir}`);
