/** Text for POSIX shell scripts: quoting and comments that no file name can break out of. */

/**
 * A POSIX shell word that stands for exactly `text`: single-quoted, each `'` written as `'\''`.
 * Inside single quotes nothing is special ($, `, \, !, *, spaces and newlines are literal).
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * Text safe on one comment line: control characters (newlines above all, which would end the
 * comment and run the rest) become spaces.
 */
export function commentText(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, " ").trim();
}
