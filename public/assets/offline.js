// On a page shown from the device while offline: load the live page once the connection is really
// back. The browser's "online" event can come before the network works (or not at all), so the
// server is asked directly — at that event (and shortly after), and every 5 seconds — and the page
// reloads once it answers.
(function () {
  let checking = false;
  async function reloadWhenReachable() {
    if (checking) return;
    checking = true;
    try {
      const response = await fetch('/readyz', { cache: 'no-store' });
      if (response.ok) {
        window.location.reload();
        return;
      }
    } catch (stillOffline) {
      // Try again at the next event or tick.
    }
    checking = false;
  }
  window.addEventListener('online', () => {
    for (const delay of [0, 500, 1500, 3000]) setTimeout(reloadWhenReachable, delay);
  });
  setInterval(reloadWhenReachable, 5000);
})();
