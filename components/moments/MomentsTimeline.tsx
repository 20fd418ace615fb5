/**
 * The moments timeline, above the player: one bar per second coloured by the expression shown
 * (its height is the confidence; seconds that count for the chosen expressions are opaque),
 * the segments as bands, and a playhead. It is a slider: click or drag to seek, arrows move
 * 5 s, Page Up/Down go to the previous/next moment, Home/End to the first/last. Browser-only
 * once the film is open (the server never renders it), so its inline positions are CSSOM.
 */
import { useEffect, useRef } from "preact/hooks";
import { clock } from "@/lib/dashboards/format.ts";
import {
  type MomentTrack,
  qualifyingLabel,
  type Segment,
  standOutThresholds,
} from "@/lib/moments/mod.ts";
import { type Expression, EXPRESSIONS } from "@/lib/recording.ts";

export interface MomentsTimelineProps {
  track: MomentTrack;
  segments: readonly Segment[];
  chosen: ReadonlySet<Expression>;
  durationSec: number;
  currentTime: number;
  /** What the current second showed, for screen readers (the slider's value text). */
  valueText: string;
  onSeek(time: number): void;
  onKey(key: "back" | "forward" | "previous" | "next" | "first" | "last"): void;
}

const KEYS: Record<string, Parameters<MomentsTimelineProps["onKey"]>[0]> = {
  ArrowLeft: "back",
  ArrowDown: "back",
  ArrowRight: "forward",
  ArrowUp: "forward",
  PageUp: "previous",
  PageDown: "next",
  Home: "first",
  End: "last",
};

function draw(
  canvas: HTMLCanvasElement,
  track: MomentTrack,
  chosen: ReadonlySet<Expression>,
  durationSec: number,
): void {
  const ratio = globalThis.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context || durationSec <= 0) return;
  context.clearRect(0, 0, width, height);
  const style = getComputedStyle(canvas);
  const colours = EXPRESSIONS.map((e) => style.getPropertyValue(`--expr-${e}`).trim() || "#888");
  const step = width / durationSec;
  const barWidth = Math.max(1, step);
  const thresholds = standOutThresholds(track);
  // Seconds that do not count first, so the ones that do are drawn over them.
  for (const pass of [false, true]) {
    context.globalAlpha = pass ? 1 : 0.3;
    for (const second of track.seconds) {
      if (second.label === null || second.t >= durationSec) continue;
      const counts = qualifyingLabel(second, track.source, chosen, thresholds) !== null;
      if (counts !== pass) continue;
      const k = EXPRESSIONS.indexOf(second.label);
      const confidence = second.scores[k] ?? 0;
      const barHeight = Math.max(0.15, Math.min(1, confidence)) * height;
      context.fillStyle = colours[k];
      context.fillRect(Math.floor(second.t * step), height - barHeight, barWidth, barHeight);
    }
  }
  context.globalAlpha = 1;
}

const percentOf = (time: number, durationSec: number) =>
  `${Math.min(100, Math.max(0, (time / durationSec) * 100))}%`;

export function MomentsTimeline(props: MomentsTimelineProps) {
  const { track, segments, chosen, durationSec, currentTime } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const dragging = useRef(false);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const redraw = () => draw(element, track, chosen, durationSec);
    redraw();
    const observer = new ResizeObserver(redraw);
    observer.observe(element);
    return () => observer.disconnect();
  }, [track, chosen, durationSec]);

  const timeAt = (event: PointerEvent) => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const x = Math.min(box.width, Math.max(0, event.clientX - box.left));
    return box.width > 0 ? (x / box.width) * durationSec : 0;
  };

  return (
    <div
      class="moments-timeline"
      role="slider"
      tabIndex={0}
      aria-label="Position in the film"
      aria-valuemin={0}
      aria-valuemax={Math.round(durationSec)}
      aria-valuenow={Math.round(currentTime)}
      aria-valuetext={props.valueText}
      onKeyDown={(event) => {
        const key = KEYS[event.key];
        if (!key) return;
        event.preventDefault();
        props.onKey(key);
      }}
      onPointerDown={(event) => {
        dragging.current = true;
        (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
        props.onSeek(timeAt(event));
      }}
      onPointerMove={(event) => {
        if (dragging.current) props.onSeek(timeAt(event));
      }}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
    >
      <div class="moments-timeline__track">
        {segments.map((segment) => (
          <span
            class={`moments-timeline__segment tint--${segment.expression}`}
            style={{
              left: percentOf(segment.start, durationSec),
              width: percentOf(segment.end - segment.start, durationSec),
            }}
          />
        ))}
        <canvas ref={canvas} class="moments-timeline__bars" aria-hidden="true" />
        <span
          class="moments-timeline__playhead"
          style={{ left: percentOf(currentTime, durationSec) }}
        />
      </div>
      <div class="moments-timeline__scale" aria-hidden="true">
        <span>0:00</span>
        <span>{clock(durationSec / 2)}</span>
        <span>{clock(durationSec)}</span>
      </div>
    </div>
  );
}
