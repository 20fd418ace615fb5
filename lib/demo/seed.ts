/**
 * Seeds viewings through the store's real write path: the film and the viewing are created,
 * each minute document is validated like an API request body and stored, and the viewing is
 * finished (summary, audience aggregate and film stats), exactly as a browser's viewing is.
 * For tests, benchmarks and the demo data script.
 */
import { type FilmInput, filmSlug } from "@/lib/film.ts";
import { parseMinuteBody } from "@/lib/api/minute_input.ts";
import { hashToken, newToken, newViewingId } from "@/lib/api/token.ts";
import { type RecordedSecond, SECONDS_PER_DOCUMENT } from "@/lib/recording.ts";
import type { Store, Viewing } from "@/lib/store/port.ts";

export interface SeededViewing {
  id: string;
  /** The write token (what the recording browser keeps in localStorage). */
  token: string;
  slug: string;
  screening: Viewing;
}

/**
 * Records `seconds` (recording order) as a viewing of `film` started at `startedAt`, one minute
 * document a minute later each, and finishes it unless `finish` is false.
 */
export async function seedViewing(
  store: Store,
  film: FilmInput,
  seconds: readonly RecordedSecond[],
  options: { startedAt?: Date; finish?: boolean; viewer?: string } = {},
): Promise<SeededViewing> {
  const startedAt = options.startedAt ?? new Date();
  const slug = filmSlug(film.title, film.year);
  await store.upsertFilm(slug, film, startedAt);
  const id = newViewingId();
  const token = newToken();
  let viewing = await store.createViewing({
    id,
    viewer: options.viewer,
    film: slug,
    durationSec: film.durationSec,
    tokenHash: hashToken(token),
    now: startedAt,
  });
  const documents = Math.ceil(seconds.length / SECONDS_PER_DOCUMENT);
  for (let seq = 0; seq < documents; seq++) {
    const chunk = seconds.slice(seq * SECONDS_PER_DOCUMENT, (seq + 1) * SECONDS_PER_DOCUMENT);
    const canonical = parseMinuteBody({ seconds: chunk }, {
      screeningId: id,
      seq,
      durationSec: film.durationSec,
    });
    const now = new Date(startedAt.getTime() + (seq + 1) * 60_000);
    const result = await store.putMinute({ screeningId: id, seq, seconds: canonical, now });
    if (result !== "created") throw new Error(`minute ${seq} of ${id} was ${result}`);
  }
  if (options.finish !== false) {
    const end = new Date(startedAt.getTime() + (documents + 1) * 60_000);
    const finished = await store.finishViewing(id, end, "viewer");
    if (!finished) throw new Error(`screening ${id} vanished before its finish`);
    viewing = finished;
  }
  return { id, token, slug, screening: viewing };
}
