// A function nothing calls, analysed as the file followed by a call of it (lang/arguments builds
// the call and proposes its arguments). The appended lines are not in the document: offsets in
// them map to the document's end. Used by the extension (after the prompt) and the CLI (--line).
import { InspectError } from '../engine/errors';
import { CallPlan } from '../lang/arguments/call-plan';
import { ArgumentValue, checkArgumentsGiven, harnessText } from '../lang/arguments/harness';
import { ArgumentProposal, proposalNote, proposeArguments } from '../lang/arguments/proposal';
import { AnalysedBlock, uncalledFunctionAt } from './block';
import type { SourceLines } from './source-lines';

/** The proposal for the uncalled function holding `line`, or undefined (called, not in a function, or a file that does not parse). */
export function proposalAt(source: SourceLines, fileText: string, line: number): ArgumentProposal | undefined {
  const name = uncalledFunctionAt(source, line);
  if (!name) { return undefined; }
  try {
    return proposeArguments(fileText, name);
  } catch (err) {
    // A file the parser refuses: the usual reading reports the error where it is.
    if (err instanceof InspectError) { return undefined; }
    throw err;
  }
}

/** The file with the call appended, for these argument values (each the plan needs must be given). */
export function functionCallBlock(fileText: string, plan: CallPlan, values: readonly ArgumentValue[]): AnalysedBlock {
  checkArgumentsGiven(plan, values);
  return {
    text: `${fileText}\n${harnessText(plan, values)}`, language: 'python',
    segments: [{ textStart: 0, docStart: 0, length: fileText.length }], docStart: 0, docEnd: fileText.length,
  };
}

/** The CLI's reading of --line in an uncalled function: the call with the proposed values, and its note. */
export function proposedCallAt(source: SourceLines, fileText: string, line: number): { block: AnalysedBlock; note: string } | undefined {
  const proposal = proposalAt(source, fileText, line);
  return proposal && { block: functionCallBlock(fileText, proposal.plan, proposal.values), note: proposalNote(proposal, true) };
}
