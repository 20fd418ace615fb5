/** The timeline and the "now" line: what is on screen at the playhead. */
import type { Signal } from "@preact/signals";
import { clock } from "@/lib/dashboards/format.ts";
import {
  describeSecond,
  type MomentSource,
  segmentIndexAt,
  type TrackSecond,
} from "@/lib/moments/mod.ts";
import { MomentsTimeline, type MomentsTimelineProps } from "./MomentsTimeline.tsx";

export type PlayheadProps =
  & Omit<MomentsTimelineProps, "currentTime" | "valueText">
  & {
    currentTime: Signal<number>;
    byT: Map<number, TrackSecond>;
    source: MomentSource;
  };

export function Playhead({ currentTime, byT, source, ...timeline }: PlayheadProps) {
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
