/**
 * Entry of the simulated feed's worker thread. Bundled as its own file
 * (electron-vite `?modulePath`, see feed-worker-path.ts) and started with
 * `new Worker(path)`. Importing it on the main thread does nothing.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { runFeedWorker, type FeedPort } from './feed-worker-logic';

if (!isMainThread && parentPort) {
  const port = parentPort;
  runFeedWorker({
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    on: (event, listener) => port.on(event, listener),
  } satisfies FeedPort);
}
