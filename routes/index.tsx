import { Logo } from "../components/Logo.tsx";

export default function Home() {
  return (
    <>
      <section class="hero">
        <div>
          <h1>Rate films by how they move you</h1>
          <p class="hero__lead">
            Watch a film from your own disk. Your webcam reads your facial expressions in the
            browser, second by second, and Reelfeel turns your reaction into a rating, your
            favourite moment and the lines that landed.
          </p>
          <p class="actions">
            <a class="button" href="/watch">Watch a film</a>
            <a class="button button--ghost" href="/recommend">Find a film for your mood</a>
          </p>
        </div>
        <div class="hero__art" aria-hidden="true">
          <Logo size={160} />
        </div>
      </section>
      <section class="section">
        <h2>How it works</h2>
        <ol class="steps">
          <li class="card">
            <h3>Open your film</h3>
            <p class="muted">Pick a video file and its subtitles. Nothing is uploaded.</p>
          </li>
          <li class="card">
            <h3>Watch with the camera on</h3>
            <p class="muted">
              Each second, the page notes your expression, how much you moved and the line spoken.
            </p>
          </li>
          <li class="card">
            <h3>Read your reaction</h3>
            <p class="muted">
              A rating out of 100, your favourite 20 seconds, and how other viewers reacted.
            </p>
          </li>
        </ol>
      </section>
    </>
  );
}
