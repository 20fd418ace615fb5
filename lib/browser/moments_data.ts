/**
 * The moments player's data, fetched when the viewer opens the film (not carried in the page):
 * a viewing's recorded seconds from `GET /api/screenings/:id`, the audience aggregate from
 * `GET /api/films/:slug/audience`, each turned into a moments track. Browser-only (fetch).
 */
import { audienceTrack, type MomentTrack, viewingTrack } from "@/lib/moments/mod.ts";
import type { AudienceSecond, RecordedSecond } from "@/lib/recording.ts";

/** A fetch that failed, with a message for the viewer. */
export class DataError extends Error {
  override name = "DataError";
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" } });
  } catch {
    throw new DataError("the server could not be reached");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const reason = body && typeof body.error === "string"
      ? body.error
      : `answer ${response.status}`;
    throw new DataError(reason);
  }
  if (typeof body !== "object" || body === null) throw new DataError("the answer was not JSON");
  return body;
}

/** A viewing's track from its recorded seconds. */
export async function fetchViewingTrack(screeningId: string): Promise<MomentTrack> {
  const body = await getJson(`/api/screenings/${encodeURIComponent(screeningId)}`);
  if (!Array.isArray(body.seconds)) throw new DataError("the viewing's seconds are missing");
  return viewingTrack(body.seconds as RecordedSecond[]);
}

/** The audience's track from the film's per-second aggregate (empty when nobody finished it). */
export async function fetchAudienceTrack(filmSlug: string): Promise<MomentTrack> {
  const body = await getJson(`/api/films/${encodeURIComponent(filmSlug)}/audience`);
  if (!Array.isArray(body.seconds)) throw new DataError("the audience's seconds are missing");
  const seconds = (body.seconds as Omit<AudienceSecond, "contribution" | "movement">[])
    .map((s) => ({ ...s, contribution: 0, movement: 0 }));
  return audienceTrack(seconds);
}
