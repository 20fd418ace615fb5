export const title = "Not found";

export default function NotFound() {
  return (
    <section class="error-page">
      <p class="error-page__code">404</p>
      <h1>This reel is missing</h1>
      <p class="muted">
        There is nothing at this address. It may have been deleted, or the link is wrong.
      </p>
      <p class="actions">
        <a class="button" href="/">Go to the library</a>
        <a class="button button--ghost" href="/watch">Watch a film</a>
      </p>
    </section>
  );
}
