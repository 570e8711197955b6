// Check Gradient in a function nothing calls: the prompt proposes its arguments (shapes inferred
// from the docstring and the code, see lang/arguments), and the function is analysed as the file
// followed by a call with the accepted values (io/function-call).
import * as vscode from 'vscode';
import type { AnalysedBlock } from '../io/block';
import { functionCallBlock, proposalAt } from '../io/function-call';
import { parseArguments } from '../lang/arguments/argument-text';
import { ArgumentProposal, proposalNote } from '../lang/arguments/proposal';
import { documentLines } from './document-lines';
import { ValueStore } from './values';

export interface FunctionCall {
  /** The document's text with the call appended (the appended lines map to the document's end). */
  block: AnalysedBlock;
  /** For the panel's header: how the function was called. */
  note: string;
  /** The function the cursor is in. */
  function: string;
}

/**
 * With the cursor at `line` in a function nothing calls: asks for its arguments and returns the
 * block that calls it; 'cancelled' when the user dismissed the prompt; undefined when no call can
 * be proposed (not in such a function, or a file that does not parse), so the usual reading applies.
 */
export async function askFunctionArguments(document: vscode.TextDocument, line: number, values: ValueStore): Promise<FunctionCall | 'cancelled' | undefined> {
  const text = document.getText();
  const proposal = proposalAt(documentLines(document), text, line);
  if (!proposal) { return undefined; }
  const answer = await values.promptArguments(document.uri.toString(), proposal.plan.target, proposal.text, promptTitle(proposal));
  if (answer === undefined) { return 'cancelled'; }
  return { block: functionCallBlock(text, proposal.plan, parseArguments(answer)), note: proposalNote(proposal, answer === proposal.text), function: proposal.plan.target };
}

function promptTitle(proposal: ArgumentProposal): string {
  const problem = proposal.problem ? ` (the proposal does not run: ${proposal.problem})` : '';
  return `Arguments for ${proposal.plan.target}${problem}`;
}
