// Text for a VS Code notification. Notifications turn `[label](command:…)`, `[label](https://…)`
// and `[label](file:…)` into links, and a click runs the command with the link's arguments; a file
// name, an ONNX node name or a message quoting the source would otherwise choose the command. A
// space between `]` and `(` leaves the text readable and no link. Invisible characters are shown
// as escapes. Pure: unit-tested.
import { visibleLine } from '../visible-text';

export function plainNotificationText(text: string): string {
  return visibleLine(text).replace(/\]\(/g, '] (');
}
