/**
 * Bytes to text the way subtitle files are actually written: UTF-8 with or without a BOM,
 * UTF-16 with a BOM (or, sniffed, without), and otherwise Windows-1252, the usual legacy
 * encoding of Western European `.srt` files.
 */

/** How many leading bytes the UTF-16 sniffing looks at. */
const SNIFF_BYTES = 1024;

/** Decodes a subtitle file's bytes to text, without a BOM. */
export function decodeSubtitleBytes(bytes: Uint8Array): string {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decode("utf-8", bytes);
  if (b0 === 0xff && b1 === 0xfe) return decode("utf-16le", bytes);
  if (b0 === 0xfe && b1 === 0xff) return decode("utf-16be", bytes);
  const utf16 = sniffUtf16(bytes);
  if (utf16) return decode(utf16, bytes);
  return decodeUtf8OrWindows1252(bytes);
}

function decode(encoding: string, bytes: Uint8Array, fatal = false): string {
  // The decoder drops a BOM of its own encoding.
  return new TextDecoder(encoding, { fatal }).decode(bytes);
}

/**
 * UTF-16 without a BOM: mostly-ASCII text then has a zero byte in every other position.
 * Returns the encoding, or undefined when the bytes do not look like UTF-16.
 */
function sniffUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return "utf-16be";
  return undefined;
}

/**
 * Valid UTF-8 is UTF-8. Invalid UTF-8 is still UTF-8 when valid multi-byte characters clearly
 * outnumber the broken ones (a damaged or concatenated file: a few "�" beat mangling every
 * accent); otherwise the bytes are Windows-1252, which decodes any byte.
 */
function decodeUtf8OrWindows1252(bytes: Uint8Array): string {
  try {
    return decode("utf-8", bytes, true);
  } catch {
    const lossy = decode("utf-8", bytes);
    let replaced = 0;
    let valid = 0;
    for (let i = 0; i < lossy.length; i++) {
      const code = lossy.charCodeAt(i);
      if (code === 0xfffd) replaced++;
      else if (code >= 0x80) valid++;
    }
    return valid >= 2 * replaced ? lossy : decode("windows-1252", bytes);
  }
}
