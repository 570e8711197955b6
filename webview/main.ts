// The webview's entry point (bundled to dist/webview/main.js): styles, toolkit, then the panel,
// restored from the saved state before the host is told the panel is ready.
import 'katex/dist/katex.min.css';
import './styles.css';
import { mountPanel } from './panel';
import { registerToolkit } from './toolkit';
import { post } from './vscode-api';

registerToolkit();
const panel = mountPanel();
window.addEventListener('message', event => panel.receive(event.data));
panel.restore();
post({ type: 'ready' });
window.addEventListener('error', event => post({ type: 'webviewError', message: String(event.message) }));
window.addEventListener('unhandledrejection', event => post({ type: 'webviewError', message: String(event.reason) }));
