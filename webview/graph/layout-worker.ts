// The layout worker (bundled to dist/webview/layout-worker.js): builds scenes off the panel's main
// thread. One request at a time; the panel terminates the worker to drop a stale one.
import type { WireNode } from '../../src/protocol';
import { buildScene, type WorkerRequest } from './scene';

const scope = self as unknown as { onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null; postMessage(message: unknown): void };

/** The nodes of the last request: the next one may say `sameNodes` instead of sending them again. */
let lastNodes: WireNode[] = [];

scope.onmessage = event => {
  const request = event.data;
  try {
    if ('nodes' in request) {
      lastNodes = request.nodes;
    }
    scope.postMessage({ scene: buildScene({ ...request, nodes: lastNodes }) });
  } catch (error) {
    scope.postMessage({ generation: request.generation, error: error instanceof Error ? error.message : String(error) });
  }
};
