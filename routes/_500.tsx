import { define } from "@/lib/state.ts";

export const title = ({ error }: { error?: { status: number } }) =>
  error && error.status < 500 ? "Request refused" : "Something went wrong";

/** Any error but a missing page: a refused request (4xx) says why; a server error never does. */
export default define.page(function ServerError({ error }) {
  if (error && error.status < 500) {
    return (
      <section class="error-page">
        <p class="error-page__code">{error.status}</p>
        <h1>This request was refused</h1>
        <p class="muted">{error.message}</p>
        <p class="actions">
          <a class="button" href="/">Go to the library</a>
        </p>
      </section>
    );
  }
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
});
