/**
 * Moments: the viewer opens their copy of the film again (played from their disk with
 * `URL.createObjectURL`, never uploaded), picks expressions, and the player plays only the
 * segments where those expressions dominated — in this viewing, or in the film's audience —
 * jumping from one to the next, with a timeline of the expression at each second. The
 * highlights (WebVTT chapters, JSON, an ffmpeg script) are made here and downloaded.
 *
 * The per-second data is fetched when the film is opened, not carried in the page.
 */
import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ExpressionChips, shortLength } from "@/components/moments/ExpressionChips.tsx";
import {
  MomentsTimeline,
  type MomentsTimelineProps,
} from "@/components/moments/MomentsTimeline.tsx";
import { downloadText } from "@/lib/browser/download.ts";
import { fetchAudienceTrack, fetchViewingTrack } from "@/lib/browser/moments_data.ts";
import { clock } from "@/lib/dashboards/format.ts";
import {
  chaptersVtt,
  DEFAULT_MOMENT_OPTIONS,
  describeSecond,
  downloadName,
  expressionCounts,
  extractSegments,
  ffmpegScript,
  highlightsFileName,
  momentsJson,
  type MomentSource,
  type MomentTrack,
  nextSegmentIndex,
  playbackStep,
  previousSegmentIndex,
  type Segment,
  segmentIndexAt,
  segmentTitle,
  totalLength,
  type TrackSecond,
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

type Status =
  | { kind: "closed" }
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "ready" };

interface Tracks {
  viewing: MomentTrack | null;
  audience: MomentTrack | null;
  /** Why the audience's data could not be read, if it could not. */
  audienceError: string | null;
}

/** The highlights files, made on this device from the moments on show. */
const EXPORTS = [
  { kind: "vtt", label: "Chapters (WebVTT)", suffix: "_moments.vtt", type: "text/vtt" },
  { kind: "json", label: "Segments (JSON)", suffix: "_moments.json", type: "application/json" },
  { kind: "sh", label: "ffmpeg script", suffix: "_highlights.sh", type: "text/x-shellscript" },
] as const;
type ExportKind = typeof EXPORTS[number]["kind"];

/** Within this many milliseconds of a segment's end, a timer watches for it. */
const END_TIMER_MS = 100;
/** Arrow keys move this many seconds. */
const ARROW_STEP_SEC = 5;
/** Warn when the open file's length differs from the recorded one by more than this. */
const LENGTH_MISMATCH_SEC = 5;

const SOURCE_NAMES: Record<MomentSource, string> = {
  viewing: "this viewing",
  audience: "the audience",
};

/** The non-neutral expressions that have moments: what a "moved" viewer showed. */
function defaultSelection(track: MomentTrack | null, durationSec: number): Set<Expression> {
  if (!track) return new Set();
  return new Set(
    expressionCounts(track, durationSec)
      .filter((c) => c.expression !== "neutral" && c.segments > 0)
      .map((c) => c.expression),
  );
}

export default function MomentsPlayer(props: MomentsPlayerProps) {
  const { filmSlug, filmTitle, screeningId } = props;
  const [status, setStatus] = useState<Status>({ kind: "closed" });
  const [file, setFile] = useState<{ name: string; url: string } | null>(null);
  const [tracks, setTracks] = useState<Tracks>({
    viewing: null,
    audience: null,
    audienceError: null,
  });
  const [source, setSource] = useState<MomentSource>(screeningId ? "viewing" : "audience");
  const [selected, setSelected] = useState<Set<Expression>>(new Set());
  const [fileDuration, setFileDuration] = useState<number | null>(null);
  const [videoError, setVideoError] = useState<string | null>(null);
  const [onlyMoments, setOnlyMoments] = useState(true);
  // The playhead moves many times a second: as a signal, only the components that show it
  // (the timeline, the "now" line, the moment list) re-render, not the whole player.
  const currentTime = useSignal(0);
  const [playing, setPlaying] = useState(false);
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

  // The media event handlers read the latest values through refs.
  const latest = useRef({ segments, onlyMoments });
  latest.current = { segments, onlyMoments };

  /** Keeps playback inside the segments: jump to the next one, stop after the last. */
  const enforce = () => {
    const v = video.current;
    const { segments, onlyMoments } = latest.current;
    if (!v || !onlyMoments || v.readyState < 1) return;
    const step = playbackStep(segments, v.currentTime);
    if (step.kind === "seek") {
      v.currentTime = step.to;
    } else if (step.kind === "end") {
      if (!v.paused) v.pause();
      const last = segments[segments.length - 1];
      if (last && v.currentTime > last.end) v.currentTime = last.end;
    }
  };

  // While playing, check every animation frame (timeupdate alone fires only ~4 times a second),
  // and near a segment's end set a timer for the very moment it ends, so that no frame after
  // it shows even at a high playback rate.
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const atEnd = () => {
      timer = undefined;
      enforce();
      schedule();
    };
    const schedule = () => {
      const v = video.current;
      const { segments, onlyMoments } = latest.current;
      if (!v || v.paused || !onlyMoments || timer) return;
      const i = segmentIndexAt(segments, v.currentTime);
      if (i < 0) return;
      const ms = ((segments[i].end - v.currentTime) / (v.playbackRate || 1)) * 1000;
      if (ms < END_TIMER_MS) timer = setTimeout(atEnd, Math.max(1, ms));
    };
    const tick = () => {
      enforce();
      schedule();
      const v = video.current;
      if (v && Math.abs(currentTime.value - v.currentTime) >= 0.1) {
        currentTime.value = v.currentTime;
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [playing]);

  // New segments (chips, source, mode, the file's own length once known): move into them if
  // the position is now outside.
  useEffect(() => enforce(), [segments, onlyMoments, fileDuration]);

  // The object URL is freed when another file is opened or the island goes away.
  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);

  const load = async () => {
    setStatus({ kind: "loading" });
    const [viewing, audience] = await Promise.allSettled([
      screeningId ? fetchViewingTrack(screeningId) : Promise.resolve(null),
      fetchAudienceTrack(filmSlug),
    ]);
    if (viewing.status === "rejected") {
      setStatus({
        kind: "failed",
        message: `This viewing's seconds could not be read: ${
          viewing.reason?.message ?? viewing.reason
        }.`,
      });
      return;
    }
    const next: Tracks = {
      viewing: viewing.value && viewing.value.seconds.length > 0 ? viewing.value : null,
      audience: audience.status === "fulfilled" && audience.value.seconds.length > 0
        ? audience.value
        : null,
      audienceError: audience.status === "rejected" ? String(audience.reason?.message) : null,
    };
    if (!next.viewing && !next.audience && next.audienceError) {
      setStatus({
        kind: "failed",
        message: `The audience's seconds could not be read: ${next.audienceError}.`,
      });
      return;
    }
    const first: MomentSource = next.viewing ? "viewing" : "audience";
    setTracks(next);
    setSource(first);
    setSelected(defaultSelection(next[first], durationSec));
    setStatus({ kind: "ready" });
  };

  const open = (picked: File | undefined) => {
    if (!picked) return;
    setVideoError(null);
    setFileDuration(null);
    currentTime.value = 0;
    setFile({ name: picked.name, url: URL.createObjectURL(picked) });
    if (status.kind !== "ready") load();
  };

  const chooseSource = (next: MomentSource) => {
    setSource(next);
    setSelected(defaultSelection(tracks[next], durationSec));
  };

  const toggle = (expression: Expression) => {
    const next = new Set(selected);
    if (next.has(expression)) next.delete(expression);
    else next.add(expression);
    setSelected(next);
  };

  const seek = (time: number) => {
    const v = video.current;
    if (!v || !Number.isFinite(time)) return;
    v.currentTime = Math.min(Math.max(0, time), durationSec);
    currentTime.value = v.currentTime;
  };

  const goTo = (index: number) => {
    const segment = segments[index];
    if (segment) seek(segment.start);
  };

  const playMoments = async () => {
    const v = video.current;
    if (!v) return;
    if (!v.paused) {
      v.pause();
      return;
    }
    if (onlyMoments && playbackStep(segments, v.currentTime).kind === "end") goTo(0);
    try {
      await v.play();
    } catch (error) {
      if ((error as Error).name !== "AbortError") {
        setVideoError(`The film could not start: ${(error as Error).message}`);
      }
    }
  };

  const onKey = (key: "back" | "forward" | "previous" | "next" | "first" | "last") => {
    const v = video.current;
    if (!v) return;
    const t = v.currentTime;
    if (key === "first") {
      if (onlyMoments && segments.length > 0) goTo(0);
      else seek(0);
    } else if (key === "last") {
      if (onlyMoments && segments.length > 0) goTo(segments.length - 1);
      else seek(durationSec);
    } else if (key === "previous") goTo(Math.max(0, previousSegmentIndex(segments, t)));
    else if (key === "next") {
      const i = segmentIndexAt(segments, t);
      goTo(i >= 0 ? i + 1 : nextSegmentIndex(segments, t));
    } else if (key === "forward") seek(t + ARROW_STEP_SEC);
    else {
      let target = t - ARROW_STEP_SEC;
      if (onlyMoments && segments.length > 0 && segmentIndexAt(segments, target) < 0) {
        // Back out of a moment: to the end of the one before, not forward again.
        const next = nextSegmentIndex(segments, target);
        const previous = next < 0 ? segments.length - 1 : next - 1;
        target = previous >= 0
          ? Math.max(segments[previous].start, segments[previous].end - ARROW_STEP_SEC)
          : segments[0].start;
      }
      seek(target);
    }
  };

  if (status.kind === "closed" || status.kind === "loading" || status.kind === "failed") {
    return (
      <div class="moments-player moments-player--closed card">
        <p>
          Open your copy of <strong>{filmTitle}</strong> to play only the moments where{" "}
          {screeningId ? "this viewing or the audience" : "the audience"}{" "}
          showed the expressions you choose, and to export them as highlights. The file is played
          from this device and never uploaded.
        </p>
        <FilePicker onPick={open} busy={status.kind === "loading"} />
        {status.kind === "loading" && (
          <p class="muted small" role="status">Reading what was recorded…</p>
        )}
        {status.kind === "failed" && (
          <div class="notice notice--error" role="alert">
            <p>{status.message}</p>
            <button type="button" class="button button--ghost button--small" onClick={load}>
              Try again
            </button>
          </div>
        )}
      </div>
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
  const exportText: Record<ExportKind, () => string> = {
    vtt: () => chaptersVtt(segments),
    json: () =>
      momentsJson({
        format: "reelfeel-moments",
        version: 1,
        film: { slug: filmSlug, title: filmTitle, durationSec },
        source,
        screeningId: source === "viewing" ? screeningId ?? null : null,
        expressions: [...chosen],
        options: { ...DEFAULT_MOMENT_OPTIONS },
        minViewers: track.minViewers,
        segments,
      }),
    sh: () =>
      ffmpegScript({
        fileName: file.name,
        title: filmTitle,
        sourceLabel: SOURCE_NAMES[source],
        expressions: [...chosen],
        segments,
      }),
  };

  return (
    <div class="moments-player card" data-source={source} data-segments={segments.length}>
      <div class="moments-player__controls">
        {tracks.viewing && tracks.audience && (
          <div class="moments-source" role="radiogroup" aria-label="Whose reactions">
            {(["viewing", "audience"] as const).map((s) => (
              <label class="moments-source__option">
                <input
                  type="radio"
                  name={`moments-source-${filmSlug}`}
                  value={s}
                  checked={source === s}
                  onChange={() => chooseSource(s)}
                />
                <span>{s === "viewing" ? "This viewing" : "The audience"}</span>
              </label>
            ))}
          </div>
        )}
        <ExpressionChips counts={counts} selected={chosen} onToggle={toggle} />
        <p class="muted small moments-player__summary" role="status">
          {segments.length > 0
            ? `${segments.length} moment${segments.length === 1 ? "" : "s"} of ${
              SOURCE_NAMES[source]
            }, ${shortLength(totalLength(segments))} of ${clock(durationSec)}.`
            : counts.some((c) => c.segments > 0)
            ? "Choose one or more expressions to play their moments."
            : `No expression held long enough in ${SOURCE_NAMES[source]} to make a moment.`}
          {source === "audience" && track.minViewers > 1 &&
            ` Counting seconds at least ${track.minViewers} viewers watched.`}
          {tracks.audienceError && source === "viewing" &&
            ` (The audience's data could not be read: ${tracks.audienceError}.)`}
        </p>
        <MomentRules source={source} />
      </div>

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
            else enforce();
          }}
          onSeeking={(event) => {
            enforce();
            currentTime.value = (event.currentTarget as HTMLVideoElement).currentTime;
          }}
          onTimeUpdate={(event) => {
            enforce();
            currentTime.value = (event.currentTarget as HTMLVideoElement).currentTime;
          }}
          onPlay={(event) => {
            // Play after the last moment (or before any) starts again from the first.
            const v = event.currentTarget as HTMLVideoElement;
            const { segments, onlyMoments } = latest.current;
            if (onlyMoments && playbackStep(segments, v.currentTime).kind === "end") {
              if (segments.length === 0) v.pause();
              else v.currentTime = segments[0].start;
            }
            setPlaying(true);
          }}
          onPause={() => setPlaying(false)}
          onEnded={() => setPlaying(false)}
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
          onSeek={seek}
          onKey={onKey}
        />
        {videoError && <p class="notice notice--error" role="alert">{videoError}</p>}
        {lengthMismatch && (
          <p class="notice notice--warn small">
            This file lasts {clock(fileDuration!)} but the film was recorded on a file of{" "}
            {clock(props.durationSec)}: if it is another cut, the moments may be in the wrong
            places.
          </p>
        )}
        <div class="moments-player__buttons actions">
          <button
            type="button"
            class="button button--ghost button--small"
            onClick={() => onKey("previous")}
            disabled={segments.length === 0}
            aria-label="Previous moment"
          >
            <span aria-hidden="true">‹</span>
            <span class="moments-player__nav-text">Previous</span>
          </button>
          <button
            type="button"
            class="button button--small"
            data-action="play"
            onClick={playMoments}
            disabled={onlyMoments && segments.length === 0}
          >
            {playing ? "Pause" : onlyMoments ? "Play the moments" : "Play"}
          </button>
          <button
            type="button"
            class="button button--ghost button--small"
            onClick={() => onKey("next")}
            disabled={segments.length === 0}
            aria-label="Next moment"
          >
            <span class="moments-player__nav-text">Next</span>
            <span aria-hidden="true">›</span>
          </button>
          <label class="moments-player__only">
            <input
              type="checkbox"
              checked={onlyMoments}
              onChange={(event) =>
                setOnlyMoments((event.currentTarget as HTMLInputElement).checked)}
            />
            Only the moments
          </label>
        </div>
      </div>

      {segments.length > 0 && (
        <MomentList segments={segments} currentTime={currentTime} source={source} onGo={goTo} />
      )}

      <div class="moments-export">
        <h3>Export the highlights</h3>
        <p class="muted small">
          Made on this device from the moments above. The chapters mark them on the film's own
          timeline; the script cuts <code>{highlightsFileName(file.name)}</code>{" "}
          from your copy with ffmpeg, re-encoding so that each cut is exact.
        </p>
        <p class="actions">
          {EXPORTS.map(({ kind, label, suffix, type }) => (
            <button
              type="button"
              class="button button--ghost button--small"
              data-export={kind}
              disabled={segments.length === 0}
              onClick={() =>
                downloadText(downloadName(file.name, suffix), exportText[kind](), type)}
            >
              {label}
            </button>
          ))}
        </p>
      </div>

      <p class="moments-player__file small muted">
        Playing <strong>{file.name}</strong> from this device.{" "}
        <FilePicker onPick={open} label="Open another file" small />
      </p>
    </div>
  );
}

type PlayheadProps =
  & Omit<MomentsTimelineProps, "currentTime" | "valueText">
  & {
    currentTime: Signal<number>;
    byT: Map<number, TrackSecond>;
    source: MomentSource;
  };

/** The timeline and the "now" line: what is on screen at the playhead. */
function Playhead({ currentTime, byT, source, ...timeline }: PlayheadProps) {
  const t = currentTime.value;
  const { segments } = timeline;
  const index = segmentIndexAt(segments, t);
  const now = describeSecond(byT.get(Math.floor(t)), source);
  const momentText = index >= 0
    ? `moment ${index + 1} of ${segments.length}`
    : segments.length > 0
    ? "between moments"
    : "no moment chosen";
  return (
    <>
      <MomentsTimeline
        {...timeline}
        currentTime={t}
        valueText={`${clock(t)}, ${momentText}: ${now}`}
      />
      <p class="moments-player__now" data-now={now}>
        <span class="moments-player__clock">{clock(t)}</span>
        <span class="moments-player__expression">{now}</span>
        <span class="moments-player__moment">{momentText}</span>
      </p>
    </>
  );
}

/** The chosen moments, the one playing marked as current. */
function MomentList(
  { segments, currentTime, source, onGo }: {
    segments: readonly Segment[];
    currentTime: Signal<number>;
    source: MomentSource;
    onGo(index: number): void;
  },
) {
  const index = segmentIndexAt(segments, currentTime.value);
  return (
    <ol class="moments-list" aria-label="Moments">
      {segments.map((segment, i) => (
        <li key={`${segment.start}-${segment.end}`}>
          <button
            type="button"
            class={`moments-list__item tint--${segment.expression}`}
            aria-current={i === index ? "true" : undefined}
            onClick={() => onGo(i)}
          >
            <i class="moments-chip__dot" aria-hidden="true"></i>
            <span class="moments-list__title">{segmentTitle(segment)}</span>
            <span class="moments-list__meta">
              {Math.round(segment.confidence * 100)}%
              {source === "viewing" ? " confidence" : " of viewers"}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/** How moments are found, in words, from the defaults the extraction uses. */
function MomentRules({ source }: { source: MomentSource }) {
  const o = DEFAULT_MOMENT_OPTIONS;
  return (
    <details class="moments-rules small">
      <summary>How moments are found</summary>
      <p class="muted">
        {source === "viewing"
          ? "A second counts when the expression most often detected in it is one you chose. "
          : `A second counts when at least as many viewers showed a chosen expression as showed any other (or no face), or when at least ${
            Math.round(o.audienceShare * 100)
          }% of them did; seconds that fewer than half of the largest audience watched are left out. `}
        Gaps of up to {o.gapToleranceSec}{" "}
        s between counting seconds are bridged; a moment lasts at least {o.minLengthSec} s and keeps
        {" "}
        {o.padBeforeSec} s before and {o.padAfterSec} s after, for context. The percentage is{" "}
        {source === "viewing"
          ? "the model's mean confidence in the expression over the moment's seconds that showed it"
          : "the mean share of viewers who showed the expression"}. These are guesses about faces,
        not about what anyone felt.
      </p>
    </details>
  );
}

function FilePicker(
  { onPick, busy, label = "Open the film file", small }: {
    onPick(file: File | undefined): void;
    busy?: boolean;
    label?: string;
    small?: boolean;
  },
) {
  return (
    <label class={`button moments-file${small ? " button--ghost button--small" : ""}`}>
      <input
        type="file"
        accept="video/*,.mkv,.mp4,.webm,.mov,.m4v"
        class="visually-hidden"
        disabled={busy}
        onChange={(event) => {
          const input = event.currentTarget as HTMLInputElement;
          onPick(input.files?.[0]);
          input.value = "";
        }}
      />
      {label}
    </label>
  );
}
