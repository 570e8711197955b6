// The panel's side of the layout worker. The worker script is fetched once from next to main.js and
// started from a blob: URL (a webview cannot start a worker from its resource origin directly; the
// CSP allows `worker-src blob:`). One request runs at a time: a newer one terminates the worker
// running a stale one. Where no worker can start, scenes are built on the main thread, after a
// yield so the "Rendering…" status paints first.
import type { WireNode } from '../../src/protocol';
import { buildScene, type Scene, type SceneRequest, type WorkerRequest } from './scene';

type WorkerAnswer = { scene: Scene } | { generation: number; error: string };

/** main.js's own URL, read while it runs (document.currentScript is gone afterwards). */
const SCRIPT_URL = typeof document === 'undefined' ? undefined : (document.currentScript as HTMLScriptElement | null)?.src;

export type LayoutPlace = 'worker' | 'main thread';

export class LayoutClient {
  private workerSource?: Promise<string | undefined>;
  private worker?: Worker;
  private running?: { reject: (reason: Error) => void };
  /** The nodes the live worker holds (its last request's), so the same graph is not copied again. */
  private workerNodes?: readonly WireNode[];
  place: LayoutPlace = 'worker';

  /** Fetches the worker script and starts the worker before the first graph needs it. */
  warmUp(): void {
    void (this.workerSource ??= fetchWorkerSource()).then(source => {
      if (source !== undefined && this.worker === undefined) {
        try {
          this.worker = new Worker(source);
        } catch {
          this.workerSource = Promise.resolve(undefined);
        }
      }
    });
  }

  /** Resolves with the scene, or with undefined when a newer request replaced this one. */
  async layout(request: SceneRequest): Promise<Scene | undefined> {
    this.cancelRunning();
    const source = await (this.workerSource ??= fetchWorkerSource());
    if (source === undefined) {
      this.place = 'main thread';
      await new Promise(resolve => setTimeout(resolve, 0));
      return buildScene(request);
    }
    try {
      this.place = 'worker';
      return await this.run(source, request);
    } catch (error) {
      if (error instanceof Superseded) {
        return undefined;
      }
      if (error instanceof LayoutFailed) {
        throw error;
      }
      // A worker the CSP refuses, or one that crashed: this panel lays out on the main thread from now on.
      this.workerSource = Promise.resolve(undefined);
      this.place = 'main thread';
      return buildScene(request);
    }
  }

  private cancelRunning(): void {
    if (this.running !== undefined) {
      this.worker?.terminate();
      this.worker = undefined;
      this.workerNodes = undefined;
      this.running.reject(new Superseded());
      this.running = undefined;
    }
  }

  private run(source: string, request: SceneRequest): Promise<Scene> {
    return new Promise<Scene>((resolve, reject) => {
      const worker = (this.worker ??= new Worker(source));
      this.running = { reject };
      worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
        this.running = undefined;
        const answer = event.data;
        if ('scene' in answer) {
          resolve(answer.scene);
        } else {
          reject(new LayoutFailed(answer.error));
        }
      };
      worker.onerror = event => {
        this.running = undefined;
        this.worker = undefined;
        this.workerNodes = undefined;
        worker.terminate();
        reject(new Error(`the layout worker failed: ${event.message}`));
      };
      const { nodes, ...rest } = request;
      const message: WorkerRequest = this.workerNodes === nodes ? { ...rest, sameNodes: true } : request;
      this.workerNodes = nodes;
      worker.postMessage(message);
    });
  }

  dispose(): void {
    this.cancelRunning();
    this.worker?.terminate();
  }
}

class Superseded extends Error {}

/** The scene could not be built (the same input would fail on the main thread too). */
class LayoutFailed extends Error {}

/** A blob: URL of the worker script, or undefined where workers or the fetch are not available. */
async function fetchWorkerSource(): Promise<string | undefined> {
  if (SCRIPT_URL === undefined || typeof Worker === 'undefined') {
    return undefined;
  }
  try {
    const response = await fetch(new URL('layout-worker.js', SCRIPT_URL).toString());
    if (!response.ok) {
      return undefined;
    }
    const blob = new Blob([await response.text()], { type: 'text/javascript' });
    return URL.createObjectURL(blob);
  } catch {
    return undefined;
  }
}
