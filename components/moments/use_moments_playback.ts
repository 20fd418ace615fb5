/**
 * The filtered player's playback loop: while the film plays, every animation frame keeps it
 * inside the chosen moments (`keepInMoments`; timeupdate alone fires only ~4 times a second),
 * and near a moment's end a timer fires at the very moment it ends, so that no frame after it
 * shows even at a high playback rate. The playhead is a signal: only what shows it re-renders.
 */
import type { Signal } from "@preact/signals";
import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import {
  clampTime,
  keepInMoments,
  msToMomentEnd,
  playFrom,
  type Segment,
} from "@/lib/moments/mod.ts";

/** Within this many milliseconds of a moment's end, a timer watches for it. */
const END_TIMER_MS = 100;

export function useMomentsPlayback(
  { video, segments, onlyMoments, durationSec, currentTime }: {
    video: RefObject<HTMLVideoElement>;
    segments: readonly Segment[];
    onlyMoments: boolean;
    durationSec: number;
    currentTime: Signal<number>;
  },
) {
  const [playing, setPlaying] = useState(false);
  // The media event handlers and the loop read the latest values through this.
  const latest = useRef({ segments, onlyMoments });
  latest.current = { segments, onlyMoments };

  /** Keeps playback inside the moments: jump to the next one, stop after the last. */
  const enforce = () => {
    const v = video.current;
    if (!v || v.readyState < 1) return;
    const correction = keepInMoments({ time: v.currentTime, ...latest.current });
    if (correction.kind === "seek") v.currentTime = correction.to;
    else if (correction.kind === "stop") {
      if (!v.paused) v.pause();
      if (correction.at !== null) v.currentTime = correction.at;
    }
  };

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
      if (!v || v.paused || !latest.current.onlyMoments || timer) return;
      const ms = msToMomentEnd(latest.current.segments, v.currentTime, v.playbackRate);
      if (ms !== null && ms < END_TIMER_MS) timer = setTimeout(atEnd, Math.max(1, ms));
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

  /** Moves the playhead (within the film). */
  const seek = (time: number | null) => {
    const v = video.current;
    if (!v || time === null || !Number.isFinite(time)) return;
    v.currentTime = clampTime(time, durationSec);
    currentTime.value = v.currentTime;
  };

  /** Play (from the first moment again after the last), or pause. */
  const playOrPause = async (): Promise<string | null> => {
    const v = video.current;
    if (!v) return null;
    if (!v.paused) {
      v.pause();
      return null;
    }
    const from = playFrom({ time: v.currentTime, ...latest.current });
    if (typeof from === "number") seek(from);
    try {
      await v.play();
    } catch (error) {
      if ((error as Error).name !== "AbortError") {
        return `The film could not start: ${(error as Error).message}`;
      }
    }
    return null;
  };

  /** The <video>'s handlers. */
  const mediaEvents = {
    onSeeking: (event: Event) => {
      enforce();
      currentTime.value = (event.currentTarget as HTMLVideoElement).currentTime;
    },
    onTimeUpdate: (event: Event) => {
      enforce();
      currentTime.value = (event.currentTarget as HTMLVideoElement).currentTime;
    },
    onPlay: (event: Event) => {
      // Play after the last moment (or before any) starts again from the first.
      const v = event.currentTarget as HTMLVideoElement;
      const from = playFrom({ time: v.currentTime, ...latest.current });
      if (from === "none") v.pause();
      else if (from !== null) v.currentTime = from;
      setPlaying(true);
    },
    onPause: () => setPlaying(false),
    onEnded: () => setPlaying(false),
  };

  return { playing, enforce, seek, playOrPause, mediaEvents };
}
