/** The camera light of the page: shown whenever the camera is on, red while recording. */
export function RecordingIndicator({ recording }: { recording: boolean }) {
  return (
    <span
      class={`rec-indicator${recording ? " rec-indicator--on" : ""}`}
      role="status"
      data-recording={recording ? "true" : "false"}
    >
      <span class="rec-indicator__dot" aria-hidden="true"></span>
      {recording ? "Recording expressions" : "Camera on"}
    </span>
  );
}
