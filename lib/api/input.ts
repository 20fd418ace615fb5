/**
 * Shared pieces of request validation: the error that names a field and the rule it broke,
 * and checks of plain JSON values. Pure: the routes read the body, these functions judge it.
 */

/** A request that breaks a rule: answered with 400 and `"<field>: <rule>"`. */
export class InputError extends Error {
  constructor(readonly field: string, readonly rule: string) {
    super(`${field}: ${rule}`);
    this.name = "InputError";
  }
}

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

/** An integer within [min, max], or an InputError naming `field`. */
export function integerIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
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

/** Parses JSON text, or throws an InputError for `body`. */
export function parseJson(text: string): unknown {
  if (text.trim() === "") throw new InputError("body", "must be a JSON object, got nothing");
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError("body", "must be valid JSON");
  }
}
