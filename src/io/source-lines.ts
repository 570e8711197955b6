// A text seen line by line, as the block finder reads it: an editor's document (the extension's
// documentLines) or a file's text (textLines, for the CLI and the tests).

export interface SourceLines {
  readonly lineCount: number;
  /** Text of a line, without its line break. */
  line(index: number): string;
  /** Document offset of a line's first character. */
  lineStart(index: number): number;
  lineOf(offset: number): number;
  slice(start: number, end: number): string;
}

/** Lines of a string, broken at \n, \r\n or a lone \r (as editors and Python do). */
export function textLines(text: string): SourceLines {
  const starts = [0];
  const ends: number[] = [];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) {
    ends.push(m.index);
    starts.push(m.index + m[0].length);
  }
  ends.push(text.length);
  return {
    lineCount: starts.length,
    line: index => text.slice(starts[index], ends[index]),
    lineStart: index => starts[index],
    lineOf: offset => lastAtOrBefore(starts, offset),
    slice: (start, end) => text.slice(start, end),
  };
}

/** Index of the last entry of the ascending `values` that is <= `target` (0 when none is). */
function lastAtOrBefore(values: readonly number[], target: number): number {
  let low = 0, high = values.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (values[mid] <= target) { low = mid; } else { high = mid - 1; }
  }
  return low;
}
