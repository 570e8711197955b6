// Where a check's text came from, kept in step with edits so the document can be re-analysed there.

/** Document offsets: the selection, or the cursor (start = end). */
export interface Anchor {
  start: number;
  end: number;
}

/** Moves the anchor through one edit: after the edit shifts, inside it stretches or shrinks. */
export function shiftAnchor(anchor: Anchor, change: { rangeOffset: number; rangeLength: number; text: string }): void {
  const editEnd = change.rangeOffset + change.rangeLength;
  const delta = change.text.length - change.rangeLength;
  const move = (offset: number, isEnd: boolean): number => {
    if (offset > editEnd || (offset === editEnd && (isEnd || change.rangeLength > 0))) { return offset + delta; }
    if (offset > change.rangeOffset) { return isEnd ? change.rangeOffset + change.text.length : change.rangeOffset; }
    return offset;
  };
  const wasEmpty = anchor.start === anchor.end;
  anchor.start = move(anchor.start, false);
  anchor.end = wasEmpty ? anchor.start : Math.max(anchor.start, move(anchor.end, true));
}
