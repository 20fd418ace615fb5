/**
 * Moments: the viewer opens their copy of the film again (played from their disk with
 * `URL.createObjectURL`, never uploaded), picks expressions, and the player plays only the
 * segments where those expressions dominated — in this viewing, or in the film's audience —
 * jumping from one to the next, with a timeline of the expression at each second. The
 * highlights (WebVTT chapters, JSON, an ffmpeg script) are made here and downloaded.
 *
 * The per-second data is fetched when the film is opened, not carried in the page
 * (`use_moment_tracks.ts`); the playback loop is `use_moments_playback.ts`; the rules are
 * `lib/moments/` (navigation, segments, exports); the parts are `components/moments/`.
 */
import { useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { FilePicker } from "@/components/moments/FilePicker.tsx";
import { HighlightsExport } from "@/components/moments/HighlightsExport.tsx";
import { MomentList } from "@/components/moments/MomentList.tsx";
import { MomentsButtons } from "@/components/moments/MomentsButtons.tsx";
import { MomentsChoice } from "@/components/moments/MomentsChoice.tsx";
import { OpenFilm } from "@/components/moments/OpenFilm.tsx";
import { Playhead } from "@/components/moments/Playhead.tsx";
import { useMomentTracks } from "@/components/moments/use_moment_tracks.ts";
import { useMomentsPlayback } from "@/components/moments/use_moments_playback.ts";
import { clock } from "@/lib/dashboards/format.ts";
import {
  DEFAULT_MOMENT_OPTIONS,
  defaultExpressions,
  expressionCounts,
  extractSegments,
  type MomentSource,
  navigate,
  type NavigationKey,
  SOURCE_NAMES,
} from "@/lib/moments/mod.ts";
import type { Expression } from "@/lib/recording.ts";

export interface MomentsPlayerProps {
  filmSlug: string;
  filmTitle: string;
  /** The film's length as recorded; the open file's own length replaces it. */
  durationSec: number;
  /** On a viewing's page, the viewing: "this viewing" is offered besides the audience. */
  screeningId?: string | null;
}

/** Warn when the open file's length differs from the recorded one by more than this. */
const LENGTH_MISMATCH_SEC = 5;

export default function MomentsPlayer(props: MomentsPlayerProps) {
  const { filmSlug, filmTitle } = props;
  const screeningId = props.screeningId ?? null;
  const { status, tracks, load } = useMomentTracks(filmSlug, screeningId);
  const [file, setFile] = useState<{ name: string; url: string } | null>(null);
  const [source, setSource] = useState<MomentSource>(screeningId ? "viewing" : "audience");
  const [selected, setSelected] = useState<Set<Expression>>(new Set());
  const [fileDuration, setFileDuration] = useState<number | null>(null);
  const [videoError, setVideoError] = useState<string | null>(null);
  const [onlyMoments, setOnlyMoments] = useState(true);
  // The playhead moves many times a second: as a signal, only the components that show it
  // (the timeline, the "now" line, the moment list) re-render, not the whole player.
  const currentTime = useSignal(0);
  const video = useRef<HTMLVideoElement>(null);

  const durationSec = fileDuration ?? props.durationSec;
  const track = tracks[source];
  const counts = useMemo(
    () => (track ? expressionCounts(track, durationSec) : []),
    [track, durationSec],
  );
  const chosen = useMemo(
    () =>
      new Set(
        counts.filter((c) => c.segments > 0 && selected.has(c.expression)).map((c) => c.expression),
      ),
    [counts, selected],
  );
  const segments = useMemo(
    () => (track ? extractSegments(track, chosen, durationSec) : []),
    [track, chosen, durationSec],
  );
  const byT = useMemo(() => new Map(track?.seconds.map((s) => [s.t, s]) ?? []), [track]);
  const playback = useMomentsPlayback({ video, segments, onlyMoments, durationSec, currentTime });

  // New segments (chips, source, mode, the file's own length once known): move into them if
  // the position is now outside.
  useEffect(() => playback.enforce(), [segments, onlyMoments, fileDuration]);

  // The object URL is freed when another file is opened or the island goes away.
  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);

  const loadTracks = async () => {
    const loaded = await load();
    if (!loaded) return;
    const first: MomentSource = loaded.viewing ? "viewing" : "audience";
    setSource(first);
    setSelected(defaultExpressions(loaded[first], durationSec));
  };

  const open = (picked: File | undefined) => {
    if (!picked) return;
    setVideoError(null);
    setFileDuration(null);
    currentTime.value = 0;
    setFile({ name: picked.name, url: URL.createObjectURL(picked) });
    if (status.kind !== "ready") loadTracks();
  };

  const chooseSource = (next: MomentSource) => {
    setSource(next);
    setSelected(defaultExpressions(tracks[next], durationSec));
  };

  const toggle = (expression: Expression) => {
    const next = new Set(selected);
    if (next.has(expression)) next.delete(expression);
    else next.add(expression);
    setSelected(next);
  };

  const go = (key: NavigationKey) => {
    const v = video.current;
    if (v) {
      playback.seek(navigate(key, { time: v.currentTime, segments, onlyMoments, durationSec }));
    }
  };

  if (status.kind !== "ready") {
    return (
      <OpenFilm
        filmTitle={filmTitle}
        withViewing={screeningId !== null}
        status={status}
        onPick={open}
        onRetry={loadTracks}
      />
    );
  }

  if (!file || !track) {
    return (
      <div class="moments-player card">
        <p class="muted">
          Nothing has been recorded for this film yet, so there are no moments to play.
        </p>
      </div>
    );
  }

  const lengthMismatch = fileDuration !== null && props.durationSec > 0 &&
    Math.abs(fileDuration - props.durationSec) > LENGTH_MISMATCH_SEC;

  return (
    <div class="moments-player card" data-source={source} data-segments={segments.length}>
      <MomentsChoice
        filmSlug={filmSlug}
        tracks={tracks}
        source={source}
        counts={counts}
        chosen={chosen}
        segments={segments}
        durationSec={durationSec}
        onSource={chooseSource}
        onToggle={toggle}
      />

      <div class="moments-player__stage">
        <video
          ref={video}
          class="moments-player__video"
          src={file.url}
          controls
          playsInline
          preload="metadata"
          onLoadedMetadata={(event) => {
            const d = (event.currentTarget as HTMLVideoElement).duration;
            // With the file's length the segments may change: the effect above moves into
            // them once they are recomputed, not into those of the recorded length.
            if (Number.isFinite(d) && d > 0) setFileDuration(d);
            else playback.enforce();
          }}
          {...playback.mediaEvents}
          onError={() =>
            setVideoError(
              "This browser cannot play this file. Try the film as MP4 (H.264 and AAC) or WebM.",
            )}
        />
        <Playhead
          currentTime={currentTime}
          track={track}
          byT={byT}
          source={source}
          segments={segments}
          chosen={chosen}
          durationSec={durationSec}
          onSeek={playback.seek}
          onKey={go}
        />
        {videoError && <p class="notice notice--error" role="alert">{videoError}</p>}
        {lengthMismatch && (
          <p class="notice notice--warn small">
            This file lasts {clock(fileDuration!)} but the film was recorded on a file of{" "}
            {clock(props.durationSec)}: if it is another cut, the moments may be in the wrong
            places.
          </p>
        )}
        <MomentsButtons
          hasMoments={segments.length > 0}
          playing={playback.playing}
          onlyMoments={onlyMoments}
          onPrevious={() => go("previous")}
          onPlay={async () => {
            const failed = await playback.playOrPause();
            if (failed) setVideoError(failed);
          }}
          onNext={() => go("next")}
          onOnlyMoments={setOnlyMoments}
        />
      </div>

      {segments.length > 0 && (
        <MomentList
          segments={segments}
          currentTime={currentTime}
          source={source}
          onGo={(i) => playback.seek(segments[i]?.start ?? null)}
        />
      )}

      <HighlightsExport
        input={{
          film: { slug: filmSlug, title: filmTitle, durationSec },
          fileName: file.name,
          source,
          screeningId,
          expressions: [...chosen],
          options: DEFAULT_MOMENT_OPTIONS,
          minViewers: track.minViewers,
          segments,
          sourceLabel: SOURCE_NAMES[source],
        }}
      />

      <p class="moments-player__file small muted">
        Playing <strong>{file.name}</strong> from this device.{" "}
        <FilePicker onPick={open} label="Open another file" small />
      </p>
    </div>
  );
}
