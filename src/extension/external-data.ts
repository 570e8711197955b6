// ONNX external data in the editor: the containment rule's workspace adapter on vscode.workspace.fs,
// which is the same on desktop and in the browser. In Restricted Mode nothing is read.
import * as vscode from 'vscode';
import type { SideFileReader } from '../io/side-files';
import { workspaceSideFileReader, WorkspaceFiles } from '../io/workspace-side-files';

const workspaceFiles: WorkspaceFiles<vscode.Uri> = {
  isTrusted: () => vscode.workspace.isTrusted,
  child: (folder, name) => vscode.Uri.joinPath(folder, name),
  key: uri => uri.toString(),
  stat: uri => vscode.workspace.fs.stat(uri),
  readDirectory: uri => vscode.workspace.fs.readDirectory(uri),
  readFile: uri => vscode.workspace.fs.readFile(uri),
};

/** A reader of the side files of the model at `model`, for one import. */
export function externalDataReader(model: vscode.Uri): SideFileReader {
  return workspaceSideFileReader(workspaceFiles, vscode.Uri.joinPath(model, '..'));
}
