/** `/sign-up` (shared mode): make an account with a passkey. */
import PasskeyForm from "@/islands/PasskeyForm.tsx";
import { define } from "@/lib/state.ts";

export const title = "Make an account";

export const handler = define.handlers({
  GET(_req, ctx) {
    if (ctx.state.accounts.mode !== "passkeys") return ctx.renderNotFound();
    return ctx.render();
  },
});

export default define.page<typeof handler>(function SignUp() {
  return (
    <div class="auth-page">
      <h1>Make an account</h1>
      <p class="muted">
        Your viewings will be yours alone: other viewers see a film's audience numbers only once
        three or more viewers watched it, and never anyone's single viewing.
      </p>
      <PasskeyForm mode="sign-up" />
      <p>
        Already have an account? <a href="/sign-in">Sign in</a>
      </p>
    </div>
  );
});
