/** One subtitle cue: seconds from the start of the film, and plain text (lines joined by "\n"). */
export interface Cue {
  start: number;
  end: number;
  text: string;
}
