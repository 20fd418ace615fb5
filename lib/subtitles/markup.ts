/**
 * Cue text to plain text: HTML-like tags (`<i>`, `<b>`, `<u>`, `<font …>`, WebVTT's `<v Name>`,
 * `<c.class>`, `<00:01.000>`) and ASS override blocks (`{\an8}`) removed, `<br>` as a line
 * break, common entities decoded, control characters dropped, lines trimmed, empty lines dropped.
 */

const BREAK = /<br\s*\/?>/gi;
// A tag starts with a letter (or "/" and a letter); a WebVTT timestamp tag with digits.
const TAG = /<\/?[a-zA-Z][^<>\n]*>|<\d+(?::\d+)+(?:[.,]\d+)?>/g;
const ASS_OVERRIDE = /\{\\[^{}\n]*\}/g;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,6}));/g;
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  lrm: "\u200e",
  rlm: "\u200f",
};
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BLANKS = /[ \t]+/g;
// Most cues have no markup, entities or control characters: skip the replacements for them.
// deno-lint-ignore no-control-regex
const MAYBE_MARKUP = /[<{&\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** The plain text of a cue's markup, lines joined by "\n" ("" when nothing is left). */
export function plainText(markup: string): string {
  const text = !MAYBE_MARKUP.test(markup) ? markup : markup
    .replace(BREAK, "\n")
    .replace(TAG, "")
    .replace(ASS_OVERRIDE, "")
    .replace(ENTITY, decodeEntity)
    .replace(CONTROL, "");
  let out = "";
  for (const raw of text.split("\n")) {
    const line = raw.replace(BLANKS, " ").trim();
    if (line) out = out ? `${out}\n${line}` : line;
  }
  return out;
}

function decodeEntity(entity: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) {
    const key = name.toLowerCase();
    return Object.hasOwn(NAMED, key) ? NAMED[key] : entity;
  }
  const code = decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex!, 16);
  const printable = code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) &&
    !(code >= 0x7f && code <= 0x9f);
  return printable ? String.fromCodePoint(code) : "";
}
