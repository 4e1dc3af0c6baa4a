import { startBrowserHost } from '../e2e/support/browser-host';
for (let i = 0; i < 2; i++) {
  const t0 = performance.now();
  const h = await startBrowserHost();
  console.log('host started in', Math.round(performance.now() - t0), 'ms');
  await h.stop();
}
