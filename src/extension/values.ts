// Variable values the user gave for a document (the "Set Variable Values…" box and the prompt for
// unbound variables), remembered per document in workspaceState, and the prompt's test seam.
import * as vscode from 'vscode';
import { showError } from './notify';
import { InspectError } from '../engine/errors';
import { Nested, Tensor } from '../engine/tensor';
import { Bindings, parseBindings } from '../lang/bindings';
import { formatBindings } from './format';
import { parseArguments } from '../lang/arguments/argument-text';

const KEY_PREFIX = 'gradientInspector.values:';
const ARGUMENTS_KEY_PREFIX = 'gradientInspector.arguments:';

/** The test seam: the next prompt answers this instead of showing the box (null: Escape; accept: the pre-filled text). */
type PromptOverride = { answer: string | null } | { accept: true };

/** How a prompt's answer is checked as it is typed (undefined: fine). */
type Validation = (text: string) => string | undefined;

export class ValueStore {
  /** Bumped whenever values change, so cached hovers computed with older values are not reused. */
  generation = 0;
  private override: PromptOverride | undefined;
  private lastPrompt: string | undefined;

  constructor(private readonly state: vscode.Memento) {}

  get(documentUri: string): Bindings {
    const saved = this.state.get<Record<string, Nested>>(KEY_PREFIX + documentUri) ?? {};
    const bindings: Bindings = new Map();
    for (const [name, value] of Object.entries(saved)) {
      try {
        bindings.set(name, Tensor.fromNested(value));
      } catch {
        // A value saved by another version that no longer reads is dropped rather than blocking checks.
      }
    }
    return bindings;
  }

  /** Adds (or replaces) these values for the document. */
  async merge(documentUri: string, bindings: Bindings): Promise<void> {
    const merged = this.get(documentUri);
    for (const [name, value] of bindings) { merged.set(name, value); }
    const saved: Record<string, Nested> = {};
    for (const [name, value] of merged) { saved[name] = value.toNested(); }
    await this.state.update(KEY_PREFIX + documentUri, saved);
    this.generation++;
  }

  setPromptAnswer(answer: string | null): void {
    this.override = { answer };
  }

  /** The test seam: the next prompt is answered with the text it was pre-filled with. */
  acceptNextPrompt(): void {
    this.override = { accept: true };
  }

  /**
   * Asks for the arguments of a function nothing calls (`x=np.random.randn(4, 5), y=…`), pre-filled
   * with the last answer for that function, else the proposal, and remembers the answer.
   */
  async promptArguments(documentUri: string, functionName: string, proposal: string, title: string): Promise<string | undefined> {
    const key = `${ARGUMENTS_KEY_PREFIX}${documentUri}#${functionName}`;
    const prefill = this.state.get<string>(key) ?? proposal;
    this.lastPrompt = prefill;
    const answer = await this.ask(prefill, title, argumentsValidation, {
      prompt: 'Arguments as NAME=VALUE separated by commas; values are Python (np.random is seeded with 0)',
      placeHolder: 'x=np.random.randn(4, 5), y=np.array([1, 0, 2, 1])',
    });
    if (answer === undefined || answer.trim() === '') { return undefined; }
    await this.state.update(key, answer);
    return answer;
  }

  lastPromptValue(): string | undefined {
    return this.lastPrompt;
  }

  /**
   * Asks for values with the input box (validated with parseBindings) and remembers the answer.
   * Returns the parsed values, or undefined when the user cancelled.
   */
  async prompt(documentUri: string, prefill: string, title: string): Promise<Bindings | undefined> {
    this.lastPrompt = prefill;
    const answer = await this.ask(prefill, title);
    if (answer === undefined || answer.trim() === '') { return undefined; }
    let bindings: Bindings;
    try {
      bindings = parseBindings(answer);
    } catch (err) {
      showError(`${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    await this.merge(documentUri, bindings);
    return bindings;
  }

  /** The pre-filled text of "Set Variable Values…": the document's remembered values. */
  current(documentUri: string): string {
    return formatBindings(this.get(documentUri));
  }

  private async ask(prefill: string, title: string, validation: Validation = bindingsValidation, hints = VALUE_HINTS): Promise<string | undefined> {
    const override = this.override;
    if (override) {
      this.override = undefined;
      if ('accept' in override) { return validation(prefill) === undefined ? prefill : undefined; }
      return override.answer ?? undefined;
    }
    return vscode.window.showInputBox({ title, value: prefill, ...hints, ignoreFocusOut: true, validateInput: validation });
  }
}

const VALUE_HINTS = { prompt: 'Values as NAME=VALUE separated by commas: x=1, W=[[1,2],[3,4]]', placeHolder: 'x=1, W=[[1,2],[3,4]]' };

function bindingsValidation(text: string): string | undefined {
  return validationMessage(text, parseBindings);
}

function argumentsValidation(text: string): string | undefined {
  return validationMessage(text, parseArguments);
}

function validationMessage(text: string, parse: (text: string) => unknown): string | undefined {
  if (text.trim() === '') { return undefined; }
  try {
    parse(text);
    return undefined;
  } catch (err) {
    if (err instanceof InspectError && err.range) { return `column ${err.range.start + 1}: ${err.message}`; }
    return err instanceof Error ? err.message : String(err);
  }
}
