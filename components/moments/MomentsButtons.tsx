/** Previous / play / next, and "only the moments", under the moments player's film. */
interface MomentsButtonsProps {
  hasMoments: boolean;
  playing: boolean;
  onlyMoments: boolean;
  onPrevious(): void;
  onPlay(): void;
  onNext(): void;
  onOnlyMoments(only: boolean): void;
}

export function MomentsButtons(props: MomentsButtonsProps) {
  const { hasMoments, playing, onlyMoments } = props;
  return (
    <div class="moments-player__buttons actions">
      <button
        type="button"
        class="button button--ghost button--small"
        onClick={props.onPrevious}
        disabled={!hasMoments}
        aria-label="Previous moment"
      >
        <span aria-hidden="true">‹</span>
        <span class="moments-player__nav-text">Previous</span>
      </button>
      <button
        type="button"
        class="button button--small"
        data-action="play"
        onClick={props.onPlay}
        disabled={onlyMoments && !hasMoments}
      >
        {playing ? "Pause" : onlyMoments ? "Play the moments" : "Play"}
      </button>
      <button
        type="button"
        class="button button--ghost button--small"
        onClick={props.onNext}
        disabled={!hasMoments}
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
            props.onOnlyMoments((event.currentTarget as HTMLInputElement).checked)}
        />
        Only the moments
      </label>
    </div>
  );
}
