// Portico's service worker (served at /sw.js by server/src/offline.rs, which fills in the
// placeholders). It keeps the app shell for offline use, and the signed-in person's last dashboard
// and case pages — under a cache named for that person, deleted as soon as a page is rendered for
// anyone else or for nobody, or once the session they were saved under has ended by timeout (and
// the server's Clear-Site-Data at sign-out removes everything).
'use strict';

const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const SHELL_CACHE = `portico-shell-${VERSION}`;
const PAGES_PREFIX = 'portico-pages-';
const KEPT_PAGES = /^\/(dashboard|cases\/[A-Za-z0-9]+)$/;
const VIEWER_HEADER = 'x-portico-viewer';
const SESSION_ENDS_HEADER = 'x-portico-session-ends';
const OFFLINE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('portico-shell-') && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request, url));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  }
});

// A page that heard its cases changed asks for its saved copy to be fetched again.
self.addEventListener('message', (event) => {
  const path = event.data && event.data.refresh;
  if (typeof path !== 'string' || !KEPT_PAGES.test(path)) return;
  const url = new URL(path, self.location.origin);
  event.waitUntil(page(new Request(url, { credentials: 'same-origin', headers: { accept: 'text/html' } }), url).catch(() => {}));
});

/// Deletes every person's pages except `viewer`'s (all of them when `viewer` is 'none').
async function keepOnly(viewer) {
  for (const name of await caches.keys()) {
    if (name.startsWith(PAGES_PREFIX) && name !== PAGES_PREFIX + viewer) await caches.delete(name);
  }
}

async function page(request, url) {
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    return offlineCopy(url);
  }
  const viewer = response.headers.get(VIEWER_HEADER);
  if (viewer) {
    await keepOnly(viewer);
    const finalPath = new URL(response.url || request.url).pathname;
    if (viewer !== 'none' && response.ok && KEPT_PAGES.test(finalPath)) {
      const body = await response.clone().text();
      const cache = await caches.open(PAGES_PREFIX + viewer);
      await cache.put(finalPath, new Response(body, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'x-portico-saved-at': new Date().toISOString(),
          [SESSION_ENDS_HEADER]: response.headers.get(SESSION_ENDS_HEADER) || new Date().toISOString(),
        },
      }));
    }
  }
  return response;
}

// The words, per language, from the catalogues in app/locales (the server fills them in).
const TEXT = __TEXT__;

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/// The saved copy of the page, made static: no hydration scripts, every button disabled, a banner
/// saying how old it is, and a small script that reloads once the connection is back.
async function offlineCopy(url) {
  let saved;
  for (const name of await caches.keys()) {
    if (!name.startsWith(PAGES_PREFIX)) continue;
    saved = await (await caches.open(name)).match(url.pathname);
    if (saved) break;
  }
  if (!saved) return noCopy();
  const html = await saved.text();
  const lang = /<html[^>]*\blang="es"/.test(html) ? 'es' : 'en';
  // The session this copy belongs to has ended by timeout: the copy goes with it.
  const ends = Date.parse(saved.headers.get(SESSION_ENDS_HEADER) || '');
  if (!(ends > Date.now())) {
    await keepOnly('none');
    return noCopy(lang, 'ended');
  }
  const text = TEXT[lang];
  const when = new Date(saved.headers.get('x-portico-saved-at')).toLocaleString(lang === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'long', timeStyle: 'short',
  });
  const banner =
    `<div class="usa-alert usa-alert--warning offline-banner" role="status" id="offline-banner"><div class="usa-alert__body">` +
    `<p class="usa-alert__text"><strong>${escapeHtml(text.banner.replace('{when}', when))}</strong></p>` +
    `<p class="usa-alert__text">${escapeHtml(text.detail)}</p></div></div>`;
  const body = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*rel="(modulepreload|preload)"[^>]*>/gi, '')
    .replace(/<button\b/gi, '<button disabled')
    .replace(/(<main\b[^>]*>)/i, `$1${banner}`)
    .replace(/<\/body>/i, '<script src="/assets/offline.js"></script></body>');
  return new Response(body, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': OFFLINE_POLICY },
  });
}

function noCopy(lang = 'en', why = 'missing') {
  const text = TEXT[lang];
  const [title, detail] = why === 'ended' ? [text.ended_title, text.ended] : [text.no_copy_title, text.no_copy];
  const body =
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title} | Portico</title></head><body><main id="main-content"><h1>${title}</h1>` +
    `<p>${detail}</p></main><script src="/assets/offline.js"></script></body></html>`;
  return new Response(body, {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': OFFLINE_POLICY },
  });
}
