// An inline debug adapter for the suite: it "runs" a Python file by walking through a list of stops
// (a line and the frame's variables at it) and speaks the part of the Debug Adapter Protocol that VS
// Code and Gradient Inspector use: initialize, launch, configurationDone, setBreakpoints, threads,
// stackTrace, scopes, variables, evaluate (answered as debugpy + CPython would, by
// test/support/fake-python-frame.ts), next, continue, disconnect. The debug type `debugpy` is
// contributed, and this adapter served, by the test-only extension in this folder (extension.ts).
import * as vscode from 'vscode';
import { evaluateInFakeFrame, FakeFrame, FakeValue } from '../../support/fake-python-frame';

export interface FakeStop {
  line: number;
  frame: FakeFrame;
}

interface Request {
  seq: number;
  command: string;
  arguments?: Record<string, unknown>;
}

const THREAD_ID = 1;

export class FakeDebugpy implements vscode.DebugAdapter {
  private readonly sent = new vscode.EventEmitter<vscode.DebugProtocolMessage>();
  readonly onDidSendMessage = this.sent.event;
  /** Every evaluate expression received, for the test to look at. */
  readonly evaluated: string[] = [];
  private seq = 1;
  private stop = 0;

  constructor(private readonly source: vscode.Uri, private readonly stops: readonly FakeStop[]) {}

  handleMessage(message: vscode.DebugProtocolMessage): void {
    const request = message as Request;
    try {
      this.answer(request);
    } catch (error) {
      this.respond(request, undefined, error instanceof Error ? error.message : String(error));
    }
  }

  dispose(): void {
    this.sent.dispose();
  }

  private answer(request: Request): void {
    const args = request.arguments ?? {};
    switch (request.command) {
      case 'initialize':
        this.respond(request, { supportsConfigurationDoneRequest: true, supportsEvaluateForHovers: true });
        this.event('initialized');
        return;
      case 'launch':
        this.respond(request);
        return;
      case 'configurationDone':
        this.respond(request);
        this.event('stopped', { reason: 'breakpoint', threadId: THREAD_ID, allThreadsStopped: true });
        return;
      case 'setBreakpoints':
        this.respond(request, { breakpoints: [] });
        return;
      case 'setExceptionBreakpoints':
        this.respond(request, {});
        return;
      case 'threads':
        this.respond(request, { threads: [{ id: THREAD_ID, name: 'MainThread' }] });
        return;
      case 'stackTrace':
        this.respond(request, { stackFrames: this.frames(), totalFrames: 2 });
        return;
      case 'scopes':
        this.respond(request, { scopes: [{ name: 'Locals', variablesReference: 1000 + this.stop, expensive: false }] });
        return;
      case 'variables':
        this.respond(request, { variables: Object.entries(this.current().frame).map(([name, value]) => ({ name, value: shown(value), variablesReference: 0 })) });
        return;
      case 'evaluate': {
        const expression = String(args.expression);
        this.evaluated.push(expression);
        if (args.frameId !== this.frameId()) { throw new Error(`frame ${String(args.frameId)} is not the paused frame`); }
        this.respond(request, { result: evaluateInFakeFrame(this.current().frame, expression), variablesReference: 0 });
        return;
      }
      case 'next':
      case 'continue':
        this.respond(request, request.command === 'continue' ? { allThreadsContinued: true } : undefined);
        this.event('continued', { threadId: THREAD_ID, allThreadsContinued: true });
        if (this.stop + 1 < this.stops.length) {
          this.stop++;
          this.event('stopped', { reason: request.command === 'next' ? 'step' : 'breakpoint', threadId: THREAD_ID, allThreadsStopped: true });
        } else {
          this.event('terminated');
        }
        return;
      case 'disconnect':
      case 'terminate':
        this.respond(request);
        this.event('terminated');
        return;
      default:
        this.respond(request, undefined, `the fake debugpy does not do "${request.command}"`);
    }
  }

  private current(): FakeStop {
    return this.stops[this.stop];
  }

  private frameId(): number {
    return 100 + this.stop;
  }

  private frames(): object[] {
    const source = { name: this.source.path.split('/').pop(), path: this.source.toString() };
    return [
      { id: this.frameId(), name: 'train_step', line: this.current().line, column: 1, source },
      { id: 1, name: '<module>', line: 21, column: 1, source },
    ];
  }

  private respond(request: Request, body?: object, error?: string): void {
    this.send({ type: 'response', request_seq: request.seq, command: request.command, success: error === undefined, ...(error === undefined ? {} : { message: error }), body: body ?? {} });
  }

  private event(event: string, body?: object): void {
    this.send({ type: 'event', event, ...(body ? { body } : {}) });
  }

  private send(message: object): void {
    this.sent.fire({ seq: this.seq++, ...message });
  }
}

function shown(value: FakeValue): string {
  switch (value.kind) {
    case 'number': return String(value.value);
    case 'object': return `<${value.type}>`;
    default: return `array(shape=(${value.shape.join(', ')}), dtype=${value.dtype})`;
  }
}
