// mermaid, configured for the webview's CSP: no startOnLoad, strict security (no click callbacks,
// sanitized labels), explicit size limits so a huge graph fails fast instead of freezing the tab.
import mermaid from 'mermaid';
import type { MermaidTheme } from '../theme';

/** Characters of flowchart text mermaid accepts (mermaid's default is 50 000). */
export const MAX_TEXT_SIZE = 400_000;
export const MAX_EDGES = 4_000;

export async function renderMermaid(elementId: string, text: string, theme: MermaidTheme): Promise<string> {
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: theme.theme,
    themeVariables: theme.themeVariables,
    fontFamily: theme.fontFamily,
    maxTextSize: MAX_TEXT_SIZE,
    maxEdges: MAX_EDGES,
    htmlLabels: true,
    flowchart: { useMaxWidth: false, nodeSpacing: 30, rankSpacing: 40 },
  });
  const { svg } = await mermaid.render(elementId, text);
  return svg;
}
