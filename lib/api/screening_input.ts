/**
 * `POST /api/screenings` input: the film being watched, as the viewer confirmed it, and the
 * face check's calibration when there was one (`baseline`: numbers only, never an image).
 */
import { type Baseline, checkBaseline } from "@/lib/emotion/calibration.ts";
import type { FilmInput } from "@/lib/film.ts";
import { parseFilmInput } from "./film_input.ts";
import { InputError, isRecord, rejectUnknownFields } from "./input.ts";

/** What a new viewing is created from. */
export interface NewScreeningInput {
  film: FilmInput;
  /** The viewer at rest (`checkBaseline`), or null when the viewing was not calibrated. */
  baseline: Baseline | null;
}

/**
 * Validates `{ title, durationSec, year?, baseline? }`; throws an InputError naming the field
 * and rule (`baseline` with what is wrong in it).
 */
export function parseNewScreening(body: unknown): NewScreeningInput {
  if (!isRecord(body)) throw new InputError("body", "must be a JSON object");
  rejectUnknownFields(body, ["title", "durationSec", "year", "baseline"]);
  const { baseline, ...film } = body;
  let checked: Baseline | null = null;
  if (baseline !== undefined && baseline !== null) {
    try {
      checked = checkBaseline(baseline);
    } catch (error) {
      // checkBaseline says "baseline.probs must be …" or "a baseline must be an object".
      const said = (error as Error).message;
      const named = said.match(/^(baseline\.\w+) (.*)$/);
      throw named
        ? new InputError(named[1], named[2])
        : new InputError("baseline", said.replace(/^a baseline /, ""));
    }
  }
  return { film: parseFilmInput(film), baseline: checked };
}
