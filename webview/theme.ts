// The VS Code theme as the panel sees it: the body class, the --vscode-* colours, and what mermaid
// needs from them (mermaid parses colours itself, so it gets resolved values, not var() references).
import type { GraphPalette } from './graph/flowchart';

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

export function currentTheme(): ThemeKind {
  const classes = document.body.classList;
  if (classes.contains('vscode-high-contrast') || classes.contains('vscode-high-contrast-light')) {
    return 'high-contrast';
  }
  return classes.contains('vscode-light') ? 'light' : 'dark';
}

function isHighContrastLight(): boolean {
  return document.body.classList.contains('vscode-high-contrast-light');
}

function isDark(theme: ThemeKind): boolean {
  return theme === 'dark' || (theme === 'high-contrast' && !isHighContrastLight());
}

/** A theme variable's value, '' when unset. */
export type VariableReader = (name: string) => string;

const bodyVariable: VariableReader = name => getComputedStyle(document.body).getPropertyValue(name).trim();

function cssVariable(name: string, fallback: string, read: VariableReader = bodyVariable): string {
  const value = read(name);
  return value === '' ? fallback : value;
}

type Rgb = [number, number, number];

/** Parses #rgb, #rrggbb, #rrggbbaa and rgb()/rgba(); undefined for anything else. */
export function parseColor(text: string): Rgb | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(text.trim());
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map(c => c + c).join('') : hex[1].slice(0, 6);
    return [0, 2, 4].map(i => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(text.trim());
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map(c => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

function colorVariable(name: string, fallback: string, read?: VariableReader): Rgb {
  return parseColor(cssVariable(name, fallback, read)) ?? (parseColor(fallback) as Rgb);
}

/**
 * The graph's theme colours. The colour scale's fills are fixed (colour-scale.ts) and carry their
 * own text colour; boxes without a measure take the editor's background and text.
 * `dark` tells a dark high-contrast theme from a light one.
 */
export function graphPalette(theme: ThemeKind, read: VariableReader = bodyVariable, dark = isDark(theme)): GraphPalette {
  const hex = (name: string, fallback: string): string => toHex(colorVariable(name, fallback, read));
  const border = theme === 'high-contrast'
    ? hex('--vscode-contrastBorder', dark ? '#6fc3df' : '#0f4a85')
    : hex('--vscode-editorWidget-border', dark ? '#454545' : '#c8c8c8');
  return {
    none: {
      fill: hex('--vscode-editor-background', dark ? (theme === 'high-contrast' ? '#000000' : '#1e1e1e') : '#ffffff'),
      text: hex('--vscode-editor-foreground', dark ? (theme === 'high-contrast' ? '#ffffff' : '#d4d4d4') : (theme === 'high-contrast' ? '#000000' : '#333333')),
    },
    border,
    output: hex('--vscode-charts-blue', '#3794ff'),
    fail: hex('--vscode-testing-iconFailed', '#f14c4c'),
    kink: hex('--vscode-editorWarning-foreground', '#cca700'),
    pass: hex('--vscode-testing-iconPassed', '#73c991'),
  };
}

export interface MermaidTheme {
  theme: 'dark' | 'default';
  themeVariables: Record<string, string | boolean>;
  fontFamily: string;
}

export function mermaidTheme(theme: ThemeKind): MermaidTheme {
  const dark = isDark(theme);
  const fontFamily = cssVariable('--vscode-font-family', 'sans-serif');
  const background = toHex(colorVariable('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'));
  const foreground = toHex(colorVariable('--vscode-editor-foreground', dark ? '#d4d4d4' : '#333333'));
  return {
    theme: dark ? 'dark' : 'default',
    fontFamily,
    themeVariables: {
      darkMode: dark,
      background,
      fontFamily,
      fontSize: cssVariable('--vscode-font-size', '13px'),
      primaryColor: background,
      primaryTextColor: foreground,
      primaryBorderColor: toHex(colorVariable('--vscode-editorWidget-border', dark ? '#454545' : '#c8c8c8')),
      lineColor: toHex(colorVariable('--vscode-descriptionForeground', dark ? '#a0a0a0' : '#717171')),
      textColor: foreground,
    },
  };
}

/**
 * Calls `onChange` whenever VS Code switches the theme: it rewrites the body's class, and its theme id
 * when switching between two themes of the same kind (whose colours still differ).
 */
export function watchTheme(onChange: (theme: ThemeKind) => void): MutationObserver {
  const signature = (): string => `${document.body.className}|${document.body.dataset.vscodeThemeId ?? ''}`;
  let last = signature();
  const observer = new MutationObserver(() => {
    const now = signature();
    if (now !== last) {
      last = now;
      onChange(currentTheme());
    }
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  return observer;
}
