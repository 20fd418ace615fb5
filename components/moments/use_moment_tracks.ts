/**
 * The moments player's data, fetched when the viewer opens the film (not carried in the page):
 * the viewing's recorded seconds and the film's audience aggregate, each as a moments track.
 */
import { useState } from "preact/hooks";
import { audienceSeconds, viewingSeconds } from "@/lib/browser/api.ts";
import { audienceTrack, type MomentTrack, viewingTrack } from "@/lib/moments/mod.ts";

export type TracksStatus =
  | { kind: "closed" }
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "ready" };

export interface Tracks {
  viewing: MomentTrack | null;
  audience: MomentTrack | null;
  /** Why the audience's data could not be read, if it could not. */
  audienceError: string | null;
}

const NO_TRACKS: Tracks = { viewing: null, audience: null, audienceError: null };

/** A track with seconds, or null. */
const nonEmpty = (track: MomentTrack) => track.seconds.length > 0 ? track : null;

export function useMomentTracks(filmSlug: string, screeningId: string | null) {
  const [status, setStatus] = useState<TracksStatus>({ kind: "closed" });
  const [tracks, setTracks] = useState<Tracks>(NO_TRACKS);

  /** Fetches both tracks; resolves with them once ready, or null when they cannot be read. */
  const load = async (): Promise<Tracks | null> => {
    setStatus({ kind: "loading" });
    const [viewing, audience] = await Promise.all([
      screeningId ? viewingSeconds(screeningId) : Promise.resolve(null),
      audienceSeconds(filmSlug),
    ]);
    if (viewing && !viewing.ok) {
      setStatus({ kind: "failed", message: viewing.message });
      return null;
    }
    const next: Tracks = {
      viewing: viewing ? nonEmpty(viewingTrack(viewing.data)) : null,
      // The audience's movement and contribution are not needed for moments.
      audience: audience.ok
        ? nonEmpty(
          audienceTrack(audience.data.map((s) => ({ ...s, contribution: 0, movement: 0 }))),
        )
        : null,
      audienceError: audience.ok ? null : audience.message,
    };
    if (!next.viewing && !next.audience && next.audienceError) {
      setStatus({ kind: "failed", message: next.audienceError });
      return null;
    }
    setTracks(next);
    setStatus({ kind: "ready" });
    return next;
  };

  return { status, tracks, load };
}
