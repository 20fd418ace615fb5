/**
 * `/watch`: choose a film on your disk, consent, the face check, a countdown, the film in full
 * screen while your facial expressions are recorded second by second, then the rating. The
 * flow is `components/watch/use_watch.ts`; each step is a component of `components/watch/`.
 */
import { useEffect, useRef } from "preact/hooks";
import { ConsentStep } from "@/components/watch/ConsentStep.tsx";
import { EndStep } from "@/components/watch/EndStep.tsx";
import { FaceCheck } from "@/components/watch/FaceCheck.tsx";
import { FinishingStep } from "@/components/watch/FinishingStep.tsx";
import { PickStep } from "@/components/watch/PickStep.tsx";
import { ResumeStep } from "@/components/watch/ResumeStep.tsx";
import { Stage } from "@/components/watch/Stage.tsx";
import { StepList } from "@/components/watch/StepList.tsx";
import { useWatch } from "@/components/watch/use_watch.ts";
import type { ClassifierName } from "@/lib/emotion/types.ts";
import { stepIndex } from "@/lib/watch/steps.ts";

export interface WatchProps {
  /** The expression classifier: "face-api" (default) or "fer". */
  classifier: ClassifierName;
}

export default function Watch({ classifier }: WatchProps) {
  const w = useWatch(classifier);
  const { state, actions } = w;
  const { step } = state;
  const onStage = step.name === "countdown" || step.name === "playing";
  const root = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  // Each new step's heading takes the focus, so it is in view and read out.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = root.current?.querySelector<HTMLElement>("[data-step-card] h2");
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    root.current?.scrollIntoView({ block: "start" });
  }, [step.name]);
  return (
    <div class="watch" data-step={step.name} ref={root}>
      <StepList current={stepIndex(step)} />
      {step.name === "pick" && (
        <PickStep
          films={w.films}
          resume={state.resuming ? state.viewing : null}
          initial={state.choice}
          elsewhere={state.elsewhere?.title ?? null}
          onReady={actions.chooseFilm}
          onBackToResume={state.resuming ? actions.backToResume : undefined}
        />
      )}
      {step.name === "resume" && state.unfinished && (
        <ResumeStep
          record={state.unfinished}
          onResume={actions.resume}
          onFinish={actions.finishAsIs}
        />
      )}
      {(step.name === "consent" || step.name === "starting") && (
        <ConsentStep
          problem={step.name === "consent" ? step.problem : null}
          starting={step.name === "starting"}
          cameraOn={state.cameraLive}
          hasSubtitles={!!state.choice?.subtitles}
          onStart={actions.startCamera}
          onBack={actions.back}
        />
      )}
      {step.name === "face-check" && w.camera && (
        <FaceCheck
          session={w.camera}
          calibrate={!state.resuming}
          onHeld={actions.faceHeld}
          onBack={actions.back}
        />
      )}
      {onStage && w.filmUrl && state.choice && (
        <Stage
          stageRef={w.refs.stage}
          videoRef={w.refs.video}
          title={state.choice.title}
          filmUrl={w.filmUrl}
          vttUrl={w.vttUrl}
          phase={step.name === "playing" ? "playing" : "countdown"}
          countdownError={state.createError}
          uploads={w.uploads}
          recordedSec={state.recordedSec}
          fullscreen={w.fullscreen}
          poorSignal={w.poorSignal}
          onCountdownDone={actions.countdownDone}
          onRetry={actions.retryCreate}
          onBack={actions.back}
          onStop={actions.stop}
          onFullscreen={actions.enterFullscreen}
          onRetryUploads={actions.retryUploads}
        />
      )}
      {step.name === "finishing" && (
        <FinishingStep
          uploads={w.uploads}
          error={state.finishError}
          notice={state.notice}
          onRetryUploads={actions.retryUploads}
          onFinishAnyway={actions.finishAnyway}
          onRetryFinish={actions.retryFinish}
        />
      )}
      {step.name === "done" && state.result && (
        <EndStep result={state.result} notice={state.notice} onAgain={actions.again} />
      )}
    </div>
  );
}
