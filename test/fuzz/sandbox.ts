// Runs fuzz requests in a worker thread with a time bound and a memory bound per input: a hang is
// a reported timeout (the worker is terminated and replaced), not a test run that never ends, and
// a runaway allocation is stopped before it takes the machine down.
import * as path from 'path';
import { Worker } from 'worker_threads';
import { Outcome, SandboxRequest } from './requests';

export interface SandboxLimits {
  /** Per input, from posting the request to the answer. */
  timeoutMs: number;
  /**
   * Growth of this process's resident memory (main thread and worker) during one input past which
   * the input is stopped. Growth, not the total: the process running the sandbox (the whole unit
   * suite) holds its own memory, which is no input's doing.
   */
  memoryBytes: number;
}

export const SUITE_SANDBOX: SandboxLimits = { timeoutMs: 3000, memoryBytes: 2 * 1024 ** 3 };

/**
 * The worker's stack, in MB: about the main thread's (V8's default is 984 KB), so that a recursion
 * that overflows in the CLI or the extension host overflows here too instead of passing in a
 * worker's larger default stack.
 */
const MAIN_THREAD_STACK_MB = 0.96;
const MEMORY_POLL_MS = 20;
const WORKER_SCRIPT = path.join(__dirname, 'fuzz-worker.js');

export class Sandbox {
  private worker?: Promise<Worker>;

  constructor(private readonly limits: SandboxLimits) {}

  async run(request: SandboxRequest): Promise<Outcome> {
    const worker = await (this.worker ??= startWorker(this.limits));
    const baseline = process.memoryUsage.rss();
    return new Promise<Outcome>(resolve => {
      const finish = (outcome: Outcome, discard: boolean): void => {
        clearTimeout(timer);
        clearInterval(memoryPoll);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (discard) {
          this.worker = undefined;
          void worker.terminate();
        }
        resolve(outcome);
      };
      const onMessage = (outcome: Outcome): void => finish(outcome, false);
      const onError = (err: Error): void => finish({ kind: 'died', reason: `${err.name}: ${err.message}` }, true);
      const onExit = (code: number): void => finish({ kind: 'died', reason: `the worker exited with code ${code}` }, true);
      const timer = setTimeout(() => finish({ kind: 'timeout', ms: this.limits.timeoutMs }, true), this.limits.timeoutMs);
      const memoryPoll = setInterval(() => {
        const rss = process.memoryUsage.rss();
        if (rss - baseline > this.limits.memoryBytes) {
          finish({ kind: 'died', reason: `resident memory grew by ${megabytes(rss - baseline)} to ${megabytes(rss)} (bound ${megabytes(this.limits.memoryBytes)} per input)` }, true);
        }
      }, MEMORY_POLL_MS);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) { await (await worker).terminate(); }
  }
}

function startWorker(limits: SandboxLimits): Promise<Worker> {
  const worker = new Worker(WORKER_SCRIPT, {
    resourceLimits: { stackSizeMb: MAIN_THREAD_STACK_MB, maxOldGenerationSizeMb: Math.floor(limits.memoryBytes / 1024 ** 2) },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 ** 2)} MB`;
}
