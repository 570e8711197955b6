// Every notification the extension shows goes through here, so none can carry a link (see
// notification-text.ts).
import * as vscode from 'vscode';
import { plainNotificationText } from './notification-text';

export function showError(message: string): void {
  void vscode.window.showErrorMessage(plainNotificationText(`Gradient Inspector: ${message}`));
}

export function showInfo(message: string): void {
  void vscode.window.showInformationMessage(plainNotificationText(`Gradient Inspector: ${message}`));
}
