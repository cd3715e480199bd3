/** Hostile image files: declared sizes past the pixel budget, devices, truncation, wrong content. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { loadImageFolder } from '../../src/trainer/data/images';
import { hostileEach, tempDir } from './harness';

function smallPng(): Buffer {
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(128);
  return PNG.sync.write(png);
}

/** A PNG whose IHDR declares `width` x `height` but carries only a few bytes of image data. */
function declaredPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32 ? zlib.crc32(body) : 0);
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A folder of two classes with 3 good images each, plus `bad` written by `write` as photos/a/bad.<ext>. */
function folderWith(name: string, write: (file: string) => void): string {
  const dir = path.join(tempDir('images'), 'photos');
  for (const label of ['a', 'b']) {
    fs.mkdirSync(path.join(dir, label), { recursive: true });
    for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(dir, label, `${i}.png`), smallPng());
  }
  write(path.join(dir, 'a', name));
  return dir;
}

hostileEach(
  'images',
  {
    'a 1 KB PNG declaring 30000 x 30000 pixels': {
      name: 'bad.png',
      write: (f: string) => fs.writeFileSync(f, declaredPng(30000, 30000)),
      error: /bad\.png: declares 30000 x 30000 pixels \(900 megapixels\), above the budget of 40 megapixels/,
    },
    'a PNG declaring 4294967295 x 1 pixels': {
      name: 'wide.png',
      write: (f: string) => fs.writeFileSync(f, declaredPng(0xffffffff, 1)),
      error: /wide\.png: declares 4294967295 x 1 pixels/,
    },
    'a PNG linked to /dev/zero': {
      name: 'zero.png',
      write: (f: string) => fs.symlinkSync('/dev/zero', f),
      error: /zero\.png is a character device, not a regular file/,
    },
    'a JPEG linked to /dev/urandom': {
      name: 'random.jpg',
      write: (f: string) => fs.symlinkSync('/dev/urandom', f),
      error: /random\.jpg is a character device/,
    },
    'a truncated PNG': {
      name: 'cut.png',
      write: (f: string) => fs.writeFileSync(f, smallPng().subarray(0, 40)),
      error: /cut\.png: not a readable image/,
    },
    'an empty .png file': {
      name: 'empty.png',
      write: (f: string) => fs.writeFileSync(f, ''),
      error: /empty\.png: not a readable image/,
    },
    'a text file named .jpg': {
      name: 'notes.jpg',
      write: (f: string) => fs.writeFileSync(f, 'not an image at all'),
      error: /notes\.jpg: not a readable image/,
    },
    'a PNG that is a FIFO': {
      name: 'pipe.png',
      write: (f: string) => execFileSync('mkfifo', [f]),
      error: /pipe\.png is a named pipe/,
    },
  },
  ({ name, write, error }) => {
    const dir = folderWith(name, write);
    const rssBefore = process.memoryUsage().rss;
    assert.throws(
      () =>
        loadImageFolder(dir, 'photos', {
          size: 8,
          grayscale: false,
          cacheDir: tempDir('image-cache'),
          inMemory: false,
        }),
      error,
    );
    assert.ok(process.memoryUsage().rss - rssBefore < 512 * 1024 ** 2, 'nothing large was allocated');
  },
);
