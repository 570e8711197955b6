// Names of the leaves a program makes, as straight-line lowering (lower.ts) and the tracer
// (trace/tracer.ts) both give them: a name assigned a literal twice makes two leaves, the second
// primed so their gradients stay apart (θ, θ', θ'', …: a prime never occurs in a name the parsers
// accept, so no two leaves collide). Counted per name, so n reassignments cost O(n) look-ups; noted
// a bounded number of times.
import { excerpt } from '../engine/excerpt';

/** Notes about reassigned names; past this many, one note says there are more. */
const MAX_REASSIGNED_NOTES = 5;

export class LeafNames {
  /** How many leaves each assigned name has made so far. */
  private readonly counts = new Map<string, number>();
  private reassigned = 0;

  /** `notes` receives what the user should know about primed names. */
  constructor(private readonly notes: string[]) {}

  next(name: string): string {
    const count = this.counts.get(name) ?? 0;
    this.counts.set(name, count + 1);
    if (count === 0) { return name; }
    const unique = `${name}${"'".repeat(count)}`;
    this.reassigned++;
    if (this.reassigned <= MAX_REASSIGNED_NOTES) {
      this.notes.push(`${excerpt(name)} is assigned a value again: this leaf is shown as ${excerpt(unique)}`);
    } else if (this.reassigned === MAX_REASSIGNED_NOTES + 1) {
      this.notes.push('more names are assigned a value again; each new leaf gets one more prime');
    }
    return unique;
  }
}
