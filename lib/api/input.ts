/**
 * Shared pieces of request validation: checks of plain JSON values and of text, each throwing
 * the InputError that names the field and the rule it broke. Pure: the framework reads the
 * body, these functions judge it.
 */
import { InputError } from "@/lib/framework/errors.ts";

// Parsers throw the framework's one InputError; re-exported so that they import one module.
export { InputError };

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Throws for the first key of `value` that is not in `allowed`. */
export function rejectUnknownFields(
  value: Record<string, unknown>,
  allowed: readonly string[],
  prefix = "",
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new InputError(`${prefix}${key}`, `unknown field (allowed: ${allowed.join(", ")})`);
    }
  }
}

/** Whether `value` is an integer within [min, max]. */
export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/** An integer within [min, max], or an InputError naming `field`. */
export function integerIn(value: unknown, field: string, min: number, max: number): number {
  if (!isIntegerIn(value, min, max)) {
    throw new InputError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** The length of a string in characters (code points), as a person counts them. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** C0 controls (tab and line breaks included), DEL and C1 controls: Unicode's `Cc`. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * `text` unchanged, or an InputError naming `field` when it holds a control character: a NUL
 * cuts a title short in some readers, and no title, name or query needs one.
 */
export function withoutControlCharacters(text: string, field: string): string {
  if (CONTROL_CHARACTER.test(text)) {
    throw new InputError(
      field,
      "must not contain control characters (U+0000–U+001F, U+007F–U+009F)",
    );
  }
  return text;
}
