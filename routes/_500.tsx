export const title = "Something went wrong";

export default function ServerError() {
  return (
    <section class="error-page">
      <p class="error-page__code">500</p>
      <h1>Something went wrong on our side</h1>
      <p class="muted">
        The error has been logged. Nothing you recorded was lost: try again in a moment.
      </p>
      <p class="actions">
        <a class="button" href="/">Go to the library</a>
      </p>
    </section>
  );
}
