// A string seen as the SourceLines the extension's block finder reads, split where VS Code splits a
// document: at `\n`, `\r\n` and a lone `\r`.
import type { SourceLines } from '../../src/extension/block';

export function textLines(text: string): SourceLines {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) { starts.push(m.index + m[0].length); }
  const lineText = (i: number): string => text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length).replace(/[\r\n]+$/, '');
  return {
    lineCount: starts.length,
    line: lineText,
    lineStart: i => starts[i],
    lineOf: offset => {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) { low = mid; } else { high = mid - 1; }
      }
      return low;
    },
    slice: (start, end) => text.slice(start, end),
  };
}
