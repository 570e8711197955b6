// A test-only extension, loaded beside Gradient Inspector by test/run-web.js: it contributes the
// `debugpy` debug type (VS Code lets only the contributing extension serve a type) and serves it with
// the inline fake adapter. The launch configuration says where to stop and what the frame holds
// (`program`, `stops`); the command `fakeDebugpy.evaluated` tells the suite what was evaluated.
import * as vscode from 'vscode';
import { FakeDebugpy, FakeStop } from './adapter';

export function activate(context: vscode.ExtensionContext): void {
  let latest: FakeDebugpy | undefined;
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory('debugpy', {
      createDebugAdapterDescriptor: session => {
        const { program, stops } = session.configuration as { program?: unknown; stops?: unknown };
        if (typeof program !== 'string' || !Array.isArray(stops) || stops.length === 0) {
          throw new Error('the fake debugpy needs `program` (a URI) and `stops` in its launch configuration');
        }
        latest = new FakeDebugpy(vscode.Uri.parse(program), stops as FakeStop[]);
        return new vscode.DebugAdapterInlineImplementation(latest);
      },
    }),
    vscode.commands.registerCommand('fakeDebugpy.evaluated', (): string[] => [...(latest?.evaluated ?? [])]),
  );
}

export function deactivate(): void {
  // Disposed through context.subscriptions.
}
