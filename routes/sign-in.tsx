/** `/sign-in` (shared mode): sign in with a passkey, or a recovery code. */
import PasskeyForm from "@/islands/PasskeyForm.tsx";
import { define } from "@/lib/state.ts";

export const title = "Sign in";

export const handler = define.handlers({
  GET(_req, ctx) {
    if (ctx.state.accounts.mode !== "passkeys") return ctx.renderNotFound();
    return ctx.render();
  },
});

export default define.page<typeof handler>(function SignIn() {
  return (
    <div class="auth-page">
      <h1>Sign in</h1>
      <PasskeyForm mode="sign-in" />
      <p>
        New here? <a href="/sign-up">Make an account</a>
      </p>
    </div>
  );
});
