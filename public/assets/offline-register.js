// Registers Portico's service worker (/sw.js), which keeps the dashboard readable offline.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
}

// Called by a page that heard its cases changed (live status): the service worker saves the page
// again, so the offline copy shows the change too.
window.porticoRefreshOffline = (path) => {
  const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
  if (worker) worker.postMessage({ refresh: path });
};
