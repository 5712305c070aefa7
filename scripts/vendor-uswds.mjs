// Copies the U.S. Web Design System's compiled CSS, and the fonts and images that CSS and Portico's
// pages use, from style/node_modules into public/uswds/<version>/ (keeping USWDS's own css/, fonts/,
// img/ layout so its relative url()s hold). cargo-leptos then ships them with the site. Text files
// get brotli and gzip copies beside them, which the server sends as they are. files.txt lists every
// copied file; the service worker caches the CSS, fonts and images from it at install.
//
//   node scripts/vendor-uswds.mjs
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'style/node_modules/@uswds/uswds');
const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const dist = join(pkg, 'dist');
const out = join(root, 'public/uswds', version);

// What Portico's own markup points at (the banner's flag and icons, the icon sprite).
const usedByPages = ['img/us_flag_small.png', 'img/icon-dot-gov.svg', 'img/icon-https.svg', 'img/sprite.svg'];

const css = readFileSync(join(dist, 'css/uswds.min.css'), 'utf8');
const referenced = new Set();
for (const [, raw] of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
  if (raw.startsWith('data:')) continue;
  const file = normalize(join('css', raw.replace(/[?#].*$/, '')));
  if (file.startsWith('..')) throw new Error(`USWDS CSS points outside its dist: ${raw}`);
  referenced.add(file);
}

const files = ['css/uswds.min.css', ...[...referenced].sort(), ...usedByPages];
rmSync(join(root, 'public/uswds'), { recursive: true, force: true });
for (const file of new Set(files)) {
  const from = join(dist, file);
  if (!existsSync(from)) throw new Error(`USWDS ${version} has no ${file}`);
  const to = join(out, file);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  if (/\.(css|svg)$/.test(file)) {
    const bytes = readFileSync(from);
    writeFileSync(`${to}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${to}.gz`, gzipSync(bytes, { level: 9 }));
  }
}
writeFileSync(join(out, 'files.txt'), [...new Set(files)].join('\n') + '\n');
console.log(`USWDS ${version}: ${new Set(files).size} files in public/uswds/${version}/`);
