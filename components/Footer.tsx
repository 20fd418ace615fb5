/** The footer carries the privacy promise on every page. */
export function Footer() {
  return (
    <footer class="site-footer">
      <div class="site-footer__inner">
        <p class="privacy-promise">
          <strong>Your face stays on your device.</strong>{" "}
          The camera is read in your browser; Reelfeel stores only per-second guesses of facial
          expression, head movement and the line on screen — never an image, never sound. Your film
          is never uploaded. You can delete any viewing and everything recorded in it.
        </p>
        <p class="muted small">
          Expression labels come from a model that guesses from the face and is often wrong; they
          describe faces, not feelings.
        </p>
      </div>
    </footer>
  );
}
