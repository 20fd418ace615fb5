/** Why a file was not read as subtitles; `internal` means a bug in this module. */
export type SubtitleErrorKind =
  | "empty"
  | "too-large"
  | "not-text"
  | "no-timings"
  | "mostly-unreadable"
  | "internal";

const EXCERPT_LENGTH = 40;

/** A line shortened for a message, control characters shown as "�". */
export function excerptOf(line: string): string {
  // deno-lint-ignore no-control-regex
  const shown = line.trim().replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");
  return shown.length > EXCERPT_LENGTH ? shown.slice(0, EXCERPT_LENGTH - 1) + "…" : shown;
}

/**
 * The input is not subtitles. The message says why and names the first line that could not be
 * read, with its number (1-based) and a short excerpt, so a viewer can check the file.
 */
export class SubtitleError extends Error {
  readonly kind: SubtitleErrorKind;
  /** 1-based number of the first line that could not be read. */
  readonly line: number;
  /** That line, shortened. */
  readonly excerpt: string;

  constructor(kind: SubtitleErrorKind, reason: string, line: number, lineText: string) {
    const excerpt = excerptOf(lineText);
    super(`${reason} Line ${line} could not be read: "${excerpt}".`);
    this.name = "SubtitleError";
    this.kind = kind;
    this.line = line;
    this.excerpt = excerpt;
  }
}
