// Progress, cancellation and responsiveness of a long check: reports now and then, gives the event
// loop a turn, and says when to stop.
import { GradcheckOptions } from './gradcheck-types';

/** Progress is reported and the event loop is given a turn at least this often. */
const PACE_MS = 50;


export class Pacer {
  done = 0;
  cancelled = false;
  private readonly reportEvery: number;
  private lastReportDone = -Infinity;
  private lastReportTime = -Infinity;
  private lastYieldTime = now();

  constructor(private readonly total: number, private readonly options: GradcheckOptions) {
    this.reportEvery = Math.max(1, Math.floor(total / 100));
  }

  /**
   * Called between evaluations: reports progress, gives the event loop a turn (an extension host must
   * stay responsive), and says whether to stop.
   */
  async shouldStop(): Promise<boolean> {
    if (this.cancelled) { return true; }
    const t = now();
    if (this.done - this.lastReportDone >= this.reportEvery || t - this.lastReportTime >= PACE_MS) {
      await this.report();
    }
    if (!this.cancelled && t - this.lastYieldTime >= PACE_MS) {
      await new Promise<void>(resolve => setTimeout(resolve, 0));
      this.lastYieldTime = now();
    }
    if (!this.cancelled && this.options.isCancelled?.()) { this.cancelled = true; }
    return this.cancelled;
  }

  async finish(): Promise<void> {
    if (!this.cancelled && this.lastReportDone !== this.done) { await this.report(); }
  }

  private async report(): Promise<void> {
    this.lastReportDone = this.done;
    this.lastReportTime = now();
    if (this.options.onProgress && (await this.options.onProgress(this.done, this.total)) === true) {
      this.cancelled = true;
    }
  }
}

function now(): number {
  return performance.now();
}
