// The layout worker (bundled to dist/webview/layout-worker.js): builds scenes off the panel's main
// thread. One request at a time; the panel terminates the worker to drop a stale one.
import { buildScene, type SceneRequest } from './scene';

const scope = self as unknown as { onmessage: ((event: MessageEvent<SceneRequest>) => void) | null; postMessage(message: unknown): void };

scope.onmessage = event => {
  const request = event.data;
  try {
    scope.postMessage({ scene: buildScene(request) });
  } catch (error) {
    scope.postMessage({ generation: request.generation, error: error instanceof Error ? error.message : String(error) });
  }
};
