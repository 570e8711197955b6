// A TextDocument seen as the SourceLines the block finder reads.
import * as vscode from 'vscode';
import type { SourceLines } from '../io/source-lines';

export function documentLines(document: vscode.TextDocument): SourceLines {
  return {
    lineCount: document.lineCount,
    line: index => document.lineAt(index).text,
    lineStart: index => document.offsetAt(new vscode.Position(index, 0)),
    lineOf: offset => document.positionAt(offset).line,
    slice: (start, end) => document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end))),
  };
}

/** The last path segment of a URI (works for file, untitled and notebook-cell URIs alike). */
export function baseName(uri: vscode.Uri): string {
  const parts = uri.path.split('/');
  return parts[parts.length - 1] || uri.toString();
}
