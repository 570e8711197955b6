// Check Gradient in a function nothing calls: the prompt proposes its arguments (shapes inferred
// from the docstring and the code, see lang/arguments), and the function is analysed as the file
// followed by a call with the accepted values.
import * as vscode from 'vscode';
import type { AnalysedBlock } from '../io/block';
import { parseArguments } from '../lang/arguments/argument-text';
import { harnessText } from '../lang/arguments/harness';
import { ArgumentProposal, proposalNote, proposeArguments } from '../lang/arguments/proposal';
import { InspectError } from '../engine/errors';
import { ValueStore } from './values';

export interface FunctionCall {
  /** The document's text with the call appended (the appended lines map to the document's end). */
  block: AnalysedBlock;
  /** For the panel's header: how the function was called. */
  note: string;
}

/**
 * Asks for the function's arguments and returns the block that calls it; 'cancelled' when the
 * user dismissed the prompt; undefined when no call can be proposed (the file does not parse,
 * or `name` is not a function), so the body is read as a block as before.
 */
export async function askFunctionArguments(document: vscode.TextDocument, name: string, values: ValueStore): Promise<FunctionCall | 'cancelled' | undefined> {
  const text = document.getText();
  const proposal = proposalFor(text, name);
  if (!proposal) { return undefined; }
  const answer = await values.promptArguments(document.uri.toString(), name, proposal.text, promptTitle(proposal));
  if (answer === undefined) { return 'cancelled'; }
  const harness = harnessText(proposal.plan, parseArguments(answer));
  const block: AnalysedBlock = {
    text: `${text}\n${harness}`, language: 'python', segments: [{ textStart: 0, docStart: 0, length: text.length }], docStart: 0, docEnd: text.length,
  };
  return { block, note: proposalNote(proposal, answer === proposal.text) };
}

function proposalFor(text: string, name: string): ArgumentProposal | undefined {
  try {
    return proposeArguments(text, name);
  } catch (err) {
    // A file the parser refuses: the usual reading reports the error where it is.
    if (err instanceof InspectError) { return undefined; }
    throw err;
  }
}

function promptTitle(proposal: ArgumentProposal): string {
  const problem = proposal.problem ? ` (the proposal does not run: ${proposal.problem})` : '';
  return `Arguments for ${proposal.plan.target}${problem}`;
}
