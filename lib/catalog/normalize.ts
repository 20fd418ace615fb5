/**
 * Normalised keys for matching titles and names the way a person would: case, accents,
 * punctuation and spacing don't matter. Pure.
 */

const LEADING_ARTICLE = /^(the|a|an) (?=\S)/;

function fold(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "") // accents: "Amélie" → "Amelie"
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/œ/g, "oe")
    .replace(/ß/g, "ss")
    .replace(/ø/g, "o")
    .replace(/ł/g, "l")
    .replace(/&/g, " and ")
    // Apostrophes join ("Schindler's" → "schindlers"); other punctuation separates words.
    .replace(/['’`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * A title's match key: case- and accent-folded, punctuation removed (dots and underscores of
 * file names included), a leading English article dropped. "The Matrix" → "matrix",
 * "Amélie" → "amelie", "Schindler's List" → "schindlers list", "the.matrix" → "matrix".
 */
export function titleKey(title: string): string {
  return fold(title).replace(LEADING_ARTICLE, "");
}

/** A person's name key: case- and accent-folded, punctuation removed. */
export function nameKey(name: string): string {
  return fold(name);
}
