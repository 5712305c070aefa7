// Registers Portico's service worker (/sw.js), which keeps the dashboard readable offline.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
}
