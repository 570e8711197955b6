// The webview's handle on the host: acquireVsCodeApi may be called once per page load.
import type { FromWebview, PanelState } from '../src/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

export function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

export function post(message: FromWebview): void {
  vscodeApi().postMessage(message);
}
