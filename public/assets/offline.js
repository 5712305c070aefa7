// On a page shown from the device while offline: load the live page as soon as the connection is back.
window.addEventListener('online', () => window.location.reload());
