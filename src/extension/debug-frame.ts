// The paused debug frame, when there is one: where it is (the adapter's stackTrace) and the values of
// named variables in it (the adapter's evaluate, through src/debug). Only reads: see the README's
// "Values from the debugger" for exactly what is sent. Values stay in memory, never in the document.
import * as vscode from 'vscode';
import { FrameValues, readFrameValues } from '../debug/frame-values';
import { excerpt } from '../engine/excerpt';
import type { WireValueSource } from '../protocol';
import { debugSettings } from './settings';

/** Debug types whose frames are Python (debugpy's current and former names). */
export const PYTHON_DEBUG_TYPES: readonly string[] = ['debugpy', 'python'];
/** An adapter that does not answer a request within this long is treated as unable to. */
const REQUEST_TIMEOUT_MS = 5000;
/** Frame and file names from the debugger are shown up to this long. */
const MAX_NAME_CHARACTERS = 80;
/** Frames asked for when looking up the focused frame's name and line. */
const STACK_LEVELS = 64;

export interface PausedFrame {
  session: vscode.DebugSession;
  threadId: number;
  frameId: number;
  name: string;
  /** 1-based, as the adapter reports it (0 when it does not say). */
  line: number;
  file: string;
  /** Changes at every stop, step or frame change: keys caches of values read in this frame. */
  key: string;
}

interface StackTraceAnswer {
  stackFrames?: { id: number; name?: string; line?: number; source?: { name?: string; path?: string } }[];
}

export class DebugFrames implements vscode.Disposable {
  private stop = 0;
  private readonly cache = new Map<string, Promise<FrameValues>>();
  /** The focused frame as last described, by session, frame and stop. */
  private focused?: { key: string; frame: Promise<PausedFrame> };
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the focused frame changes (a step, a stop, another frame picked, the session ending). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.debug.onDidChangeActiveStackItem(() => {
      this.stop++;
      this.cache.clear();
      this.changed.fire();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** The focused frame of a paused Python session, when the setting allows and the document is Python. */
  frameFor(document: vscode.TextDocument): Promise<PausedFrame | undefined> {
    const item = vscode.debug.activeStackItem;
    if (!(item instanceof vscode.DebugStackFrame) || document.languageId !== 'python' || !debugSettings().frameValues) { return Promise.resolve(undefined); }
    if (!PYTHON_DEBUG_TYPES.includes(item.session.type)) { return Promise.resolve(undefined); }
    // Asked once per stop: a check and a hover both look for the frame before reading values.
    const key = `${item.session.id}:${item.frameId}:${this.stop}`;
    if (this.focused?.key !== key) { this.focused = { key, frame: this.describe(item, key) }; }
    return this.focused.frame;
  }

  /** The frame's name, line and file, from the adapter's stackTrace (shown only: a failure leaves placeholders). */
  private async describe(item: vscode.DebugStackFrame, key: string): Promise<PausedFrame> {
    let name = 'frame', line = 0, file = '';
    try {
      const trace = await request<StackTraceAnswer>(item.session, 'stackTrace', { threadId: item.threadId, startFrame: 0, levels: STACK_LEVELS });
      const frame = trace.stackFrames?.find(f => f.id === item.frameId);
      name = typeof frame?.name === 'string' ? excerpt(frame.name, MAX_NAME_CHARACTERS) : name;
      line = Number.isSafeInteger(frame?.line) ? frame?.line ?? line : line;
      file = excerpt(baseName(frame?.source?.name ?? frame?.source?.path ?? ''), MAX_NAME_CHARACTERS);
    } catch {
      // The name and line are only shown; the values can still be read.
    }
    return { session: item.session, threadId: item.threadId, frameId: item.frameId, name, line, file, key };
  }

  /** The named variables' values in the frame (cached for this stop). */
  values(frame: PausedFrame, names: readonly string[]): Promise<FrameValues> {
    const key = `${frame.key}:${names.join(',')}`;
    let pending = this.cache.get(key);
    if (!pending) {
      const evaluate = async (expression: string): Promise<string> => {
        const answer = await request<{ result?: unknown }>(frame.session, 'evaluate', { expression, frameId: frame.frameId, context: 'watch' });
        if (typeof answer.result !== 'string') { throw new Error('the debugger gave no result'); }
        return answer.result;
      };
      pending = readFrameValues(names, evaluate, debugSettings().maxEntries);
      this.cache.set(key, pending);
    }
    return pending;
  }
}

/** What the panel says about values read from a frame (each name once, whichever reading saw it first). */
export function valueSourceOf(frame: PausedFrame, values: readonly FrameValues[]): WireValueSource {
  const once = <T extends { name: string }>(items: T[]): T[] => items.filter((item, i) => items.findIndex(other => other.name === item.name) === i);
  const read = new Set(values.flatMap(v => v.read));
  return {
    kind: 'debugger', frame: frame.name, line: frame.line, file: frame.file,
    names: [...read],
    standIns: once(values.flatMap(v => v.standIns.map(s => ({ name: s.name, shape: s.shape, dtype: s.dtype })))),
    unreadable: once(values.flatMap(v => v.unreadable)).filter(u => !read.has(u.name)),
  };
}

async function request<T>(session: vscode.DebugSession, command: string, args: object): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the debugger did not answer "${command}" within ${REQUEST_TIMEOUT_MS / 1000} s`)), REQUEST_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve(session.customRequest(command, args) as Thenable<T>), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
