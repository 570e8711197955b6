// Registers the webview UI toolkit's custom elements once, before any view builds its DOM.
import {
  provideVSCodeDesignSystem, vsCodeBadge, vsCodeButton, vsCodeDataGrid, vsCodeDataGridCell, vsCodeDataGridRow,
  vsCodeDivider, vsCodeDropdown, vsCodeOption, vsCodePanels, vsCodePanelTab, vsCodePanelView, vsCodeProgressRing,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

export function registerToolkit(): void {
  provideVSCodeDesignSystem().register(
    vsCodePanels(), vsCodePanelTab(), vsCodePanelView(), vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell(),
    vsCodeButton(), vsCodeTextField(), vsCodeDropdown(), vsCodeOption(), vsCodeProgressRing(), vsCodeBadge(),
    vsCodeDivider(),
  );
}
