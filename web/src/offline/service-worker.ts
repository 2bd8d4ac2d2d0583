/**
 * Registers public/service-worker.js, which keeps the app on the device so that a board
 * reloaded while offline still opens (its unsent ops are in IndexedDB). Production builds
 * only: under `npm run dev` Vite serves modules that must not be cached.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/service-worker.js').catch((error: unknown) => {
    // Without it everything works except opening the app with no network.
    console.warn('talkoot: the offline app cache is not available', error);
  });
}
