/** `PUT /api/screenings/:id/verdict` input: `{ "verdict": number }`, 0–10 in half points. */
import { isVerdict, VERDICT_MAX, VERDICT_MIN, VERDICT_STEP } from "@/lib/rating/verdict.ts";
import { InputError, isRecord, rejectUnknownFields } from "./input.ts";

/** Validates `{ verdict }`; throws an InputError naming `verdict` (or `body`) and the rule. */
export function parseVerdictBody(body: unknown): number {
  if (!isRecord(body)) throw new InputError("body", "must be a JSON object");
  rejectUnknownFields(body, ["verdict"]);
  if (!isVerdict(body.verdict)) {
    throw new InputError(
      "verdict",
      `must be a number from ${VERDICT_MIN} to ${VERDICT_MAX} in steps of ${VERDICT_STEP}`,
    );
  }
  return body.verdict;
}
