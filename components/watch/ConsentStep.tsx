/**
 * Step 2: what is recorded and what is not, before anything starts. The camera starts only on
 * the viewer's click; a camera problem comes back here with its own message.
 */
import type { CameraProblem } from "@/lib/camera.ts";
import { RecordingIndicator } from "./RecordingIndicator.tsx";

interface ConsentStepProps {
  problem: CameraProblem | null;
  /** The camera and the model are starting. */
  starting: boolean;
  /** The camera is on while the models load. */
  cameraOn: boolean;
  hasSubtitles: boolean;
  onStart(): void;
  onBack(): void;
}

export function ConsentStep(
  { problem, starting, cameraOn, hasSubtitles, onStart, onBack }: ConsentStepProps,
) {
  return (
    <section class="card watch-card" aria-labelledby="consent-title" data-step-card="consent">
      <div class="watch-card__head">
        <h2 id="consent-title">Before the camera starts</h2>
        {cameraOn && <RecordingIndicator recording={false} />}
      </div>
      <p>
        While the film plays, your camera's picture is analysed <strong>in this browser</strong>
        {" "}
        to guess your facial expression. Each second, this is recorded and sent to Reelfeel:
      </p>
      <div class="consent-lists">
        <div class="consent-list consent-list--yes">
          <h3>Recorded, per second</h3>
          <ul>
            <li>
              the expression label the model guesses (angry, disgust, fear, happy, sad, surprise,
              neutral) and its probabilities, or "no face"
            </li>
            <li>how much your head moved</li>
            <li>
              the playback second, and the subtitle line spoken then{hasSubtitles
                ? ""
                : " (none: no subtitles)"}
            </li>
          </ul>
        </div>
        <div class="consent-list consent-list--no">
          <h3>Never recorded</h3>
          <ul>
            <li>no image or video of you: each frame is analysed and discarded</li>
            <li>no sound: the microphone is never used</li>
            <li>the film itself: it plays from your disk and is never uploaded</li>
          </ul>
        </div>
      </div>
      <p class="muted small">
        The labels are a model's guesses about facial expressions, with known errors, not a reading
        of what you feel. You see when the camera is on, you can stop at any time, and you can
        delete the viewing afterwards from its page.
      </p>
      {problem && (
        <div class="notice notice--error" role="alert" data-camera-problem={problem.kind}>
          <p>
            <strong>{problem.title}.</strong> {problem.fix}
          </p>
          <p class="small">Nothing was recorded.</p>
        </div>
      )}
      <p class="actions">
        <button type="button" class="button" onClick={onStart} disabled={starting}>
          {starting ? "Starting the camera…" : problem ? "Try again" : "Start the camera"}
        </button>
        {/* While the models load the camera is already on: the viewer can still turn it off. */}
        <button type="button" class="button button--ghost" onClick={onBack}>
          {starting ? "Cancel" : "Back"}
        </button>
      </p>
      {starting && (
        <p class="muted small" role="status">
          Allow the camera if the browser asks. The expression model loads once (about 1 MB).
        </p>
      )}
    </section>
  );
}
