/** The five steps of `/watch`, the current one marked. */
import { STEP_LABELS } from "@/lib/watch/steps.ts";

export function StepList({ current }: { current: number }) {
  return (
    <ol class="watch-steps" aria-label="Steps">
      {STEP_LABELS.map((label, i) => (
        <li
          class={i === current ? "is-current" : i < current ? "is-done" : undefined}
          aria-current={i === current ? "step" : undefined}
        >
          <span class="watch-steps__n" aria-hidden="true">{i + 1}</span>
          <span class="watch-steps__label">{label}</span>
        </li>
      ))}
    </ol>
  );
}
