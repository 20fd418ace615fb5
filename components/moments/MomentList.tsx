/** The chosen moments, the one playing marked as current. */
import type { Signal } from "@preact/signals";
import {
  type MomentSource,
  type Segment,
  segmentIndexAt,
  segmentTitle,
} from "@/lib/moments/mod.ts";

export function MomentList(
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
