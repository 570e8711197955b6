// Where the math sits in a Markdown document: the `$…$`, `$$…$$`, `\(…\)` or `\[…\]` span around
// the cursor. One linear scan from the top, skipping code fences, code spans, HTML comments and
// escaped dollars, so a `$` in code or a `\$` never opens math. Lines end at `\n`, `\r\n` or `\r`.

export interface MathSpan {
  /** Offsets of the whole span, delimiters included (end exclusive). */
  start: number;
  end: number;
  /** The formula between the delimiters. */
  inner: { start: number; end: number };
  /** $$…$$ and \[…\] are display math. */
  display: boolean;
}

/** The math span containing `offset` (a cursor on either delimiter counts), or undefined. */
export function findMathSpan(text: string, offset: number): MathSpan | undefined {
  const scanner = new MarkdownMathScanner(text);
  for (let span = scanner.nextSpan(); span; span = scanner.nextSpan()) {
    if (span.start > offset) { return undefined; }
    if (offset <= span.end) { return span; }
  }
  return undefined;
}

/** Every math span of a Markdown text, in order. */
export function findMathSpans(text: string): MathSpan[] {
  const scanner = new MarkdownMathScanner(text);
  const spans: MathSpan[] = [];
  for (let span = scanner.nextSpan(); span; span = scanner.nextSpan()) { spans.push(span); }
  return spans;
}

class MarkdownMathScanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  nextSpan(): MathSpan | undefined {
    const t = this.text;
    while (this.pos < t.length) {
      if (this.atLineStart() && this.skipFence()) { continue; }
      const c = t[this.pos];
      if (c === '\\') {
        const span = this.bracketMath();
        if (span) { return span; }
        continue;
      }
      if (c === '`') { this.skipCodeSpan(); continue; }
      if (c === '<' && t.startsWith('<!--', this.pos)) { this.skipComment(); continue; }
      if (c === '$') {
        const span = t[this.pos + 1] === '$' ? this.displayDollars() : this.inlineDollars();
        if (span) { return span; }
        continue;
      }
      this.pos++;
    }
    return undefined;
  }

  private atLineStart(): boolean {
    return this.pos === 0 || this.text[this.pos - 1] === '\n' || (this.text[this.pos - 1] === '\r' && this.text[this.pos] !== '\n');
  }

  /** A fenced code block (``` or ~~~, up to three spaces in): skip to its closing fence. */
  private skipFence(): boolean {
    const t = this.text;
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(t.slice(this.pos, this.pos + 64));
    if (!open) { return false; }
    const fence = open[1];
    for (let lineStart = nextLineStart(t, this.pos); lineStart < t.length; lineStart = nextLineStart(t, lineStart)) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*(?:[\r\n]|$)/.exec(t.slice(lineStart, lineStart + 64 + fence.length));
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) {
        this.pos = nextLineStart(t, lineStart);
        return true;
      }
    }
    this.pos = t.length;
    return true;
  }

  /** `code`: a run of backticks up to the next run of the same length (else the run is literal). */
  private skipCodeSpan(): void {
    const t = this.text;
    let runEnd = this.pos;
    while (t[runEnd] === '`') { runEnd++; }
    const run = t.slice(this.pos, runEnd);
    let search = runEnd;
    for (;;) {
      const found = t.indexOf(run, search);
      if (found === -1) { this.pos = runEnd; return; }
      let after = found + run.length;
      if (t[after] !== '`' && t[found - 1] !== '`') { this.pos = after; return; }
      while (t[after] === '`') { after++; }
      search = after;
    }
  }

  private skipComment(): void {
    const end = this.text.indexOf('-->', this.pos + 4);
    this.pos = end === -1 ? this.text.length : end + 3;
  }

  /** `\(…\)`, `\[…\]`; any other backslash escapes the next character (so `\$` is no delimiter). */
  private bracketMath(): MathSpan | undefined {
    const t = this.text;
    const start = this.pos;
    const kind = t[start + 1];
    this.pos += 2;
    if (kind !== '(' && kind !== '[') { return undefined; }
    const closer = kind === '(' ? '\\)' : '\\]';
    const close = this.findUnescaped(closer, start + 2);
    if (close === -1) { return undefined; }
    this.pos = close + 2;
    return { start, end: close + 2, inner: { start: start + 2, end: close }, display: kind === '[' };
  }

  private displayDollars(): MathSpan | undefined {
    const start = this.pos;
    const close = this.findUnescaped('$$', start + 2);
    if (close === -1) { this.pos = start + 2; return undefined; }
    this.pos = close + 2;
    return { start, end: close + 2, inner: { start: start + 2, end: close }, display: true };
  }

  /**
   * `$…$` as Pandoc reads it: the opening `$` is not followed by a space, the closing one is not
   * preceded by a space nor followed by a digit (so `$5 and $6` is not math), no blank line inside.
   */
  private inlineDollars(): MathSpan | undefined {
    const t = this.text;
    const start = this.pos;
    this.pos++;
    if (/\s/.test(t[start + 1] ?? ' ')) { return undefined; }
    for (let p = start + 1; p < t.length; p++) {
      const c = t[p];
      if (c === '\\') { p++; continue; }
      if ((c === '\n' || c === '\r') && startsBlankLine(t, nextLineStart(t, p))) { return undefined; }
      if (c !== '$') { continue; }
      if (!/\s/.test(t[p - 1]) && !/[0-9]/.test(t[p + 1] ?? '')) {
        this.pos = p + 1;
        return { start, end: p + 1, inner: { start: start + 1, end: p }, display: false };
      }
    }
    return undefined;
  }

  private findUnescaped(closer: string, from: number): number {
    const t = this.text;
    for (let p = from; p < t.length; p++) {
      if (t.startsWith(closer, p)) { return p; }
      if (t[p] === '\\') { p++; }
    }
    return -1;
  }
}

function startsBlankLine(text: string, lineStart: number): boolean {
  return /^[ \t]*[\r\n]/.test(text.slice(lineStart, lineStart + 64));
}

/** Offset of the line after the one holding `from` (the text's length on the last line). */
function nextLineStart(text: string, from: number): number {
  for (let p = from; p < text.length; p++) {
    if (text[p] === '\n') { return p + 1; }
    if (text[p] === '\r') { return text[p + 1] === '\n' ? p + 2 : p + 1; }
  }
  return text.length;
}
