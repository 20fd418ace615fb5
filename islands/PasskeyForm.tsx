/**
 * Signing up or in with a passkey (WebAuthn, through `@simplewebauthn/browser`): the browser
 * shows its own prompt (fingerprint, face, PIN or a security key). Signing in also takes a
 * one-time recovery code. After the first account's first sign-in on an installation that was
 * personal before, it asks whether to take the viewings recorded then.
 */
import { useState } from "preact/hooks";
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import {
  answerPersonal,
  passkeyOptions,
  passkeyVerify,
  recoverWithCode,
  type SignedIn,
} from "@/lib/browser/api.ts";

export interface PasskeyFormProps {
  mode: "sign-up" | "sign-in";
}

type Step =
  | { name: "ready" }
  | { name: "busy" }
  | { name: "error"; message: string }
  | { name: "ask-personal"; count: number };

/** Why the browser's prompt ended without a passkey, in the viewer's words. */
function promptFailure(error: unknown): string {
  const name = (error as { name?: string })?.name;
  if (name === "NotAllowedError") return "The passkey prompt was closed or timed out.";
  if (name === "InvalidStateError") return "This device already holds a passkey for this account.";
  return `The passkey prompt failed: ${(error as Error)?.message ?? String(error)}.`;
}

export default function PasskeyForm({ mode }: PasskeyFormProps) {
  const [step, setStep] = useState<Step>({ name: "ready" });
  const [name, setName] = useState("");
  const [code, setCode] = useState("");

  const done = (signed: SignedIn) => {
    if (signed.personalViewings > 0) {
      setStep({ name: "ask-personal", count: signed.personalViewings });
    } else location.assign("/");
  };

  const withPasskey = async (event: Event) => {
    event.preventDefault();
    setStep({ name: "busy" });
    const options = await passkeyOptions(mode, mode === "sign-up" ? name : undefined);
    if (!options.ok) return setStep({ name: "error", message: options.message });
    let response;
    try {
      response = mode === "sign-up"
        // deno-lint-ignore no-explicit-any
        ? await startRegistration({ optionsJSON: options.data as any })
        // deno-lint-ignore no-explicit-any
        : await startAuthentication({ optionsJSON: options.data as any });
    } catch (error) {
      return setStep({ name: "error", message: promptFailure(error) });
    }
    const verified = await passkeyVerify(mode, response);
    if (!verified.ok) return setStep({ name: "error", message: verified.message });
    done(verified.data);
  };

  const withCode = async (event: Event) => {
    event.preventDefault();
    setStep({ name: "busy" });
    const signed = await recoverWithCode(code);
    if (!signed.ok) return setStep({ name: "error", message: signed.message });
    done(signed.data);
  };

  if (step.name === "ask-personal") {
    const answer = async (take: boolean) => {
      const answered = await answerPersonal(take);
      if (!answered.ok) return setStep({ name: "error", message: answered.message });
      location.assign("/");
    };
    return (
      <section class="card passkey-form" aria-labelledby="personal-title">
        <h2 id="personal-title">Viewings from before accounts</h2>
        <p>
          This installation holds {step.count} viewing{step.count === 1 ? "" : "s"}{" "}
          recorded before accounts were turned on. As its first account, do you want them in your
          library? Nobody else will see them either way.
        </p>
        <p class="actions">
          <button type="button" class="button" onClick={() => answer(true)}>
            Take them into my account
          </button>
          <button type="button" class="button button--ghost" onClick={() => answer(false)}>
            Leave them out
          </button>
        </p>
      </section>
    );
  }

  const busy = step.name === "busy";
  return (
    <div class="passkey-form">
      <form class="card" onSubmit={withPasskey}>
        {mode === "sign-up" && (
          <label class="field">
            <span>Your name (only you and the admins see it)</span>
            <input
              type="text"
              name="name"
              required
              maxLength={60}
              autoComplete="nickname"
              value={name}
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
            />
          </label>
        )}
        <button type="submit" class="button" disabled={busy}>
          {mode === "sign-up" ? "Make my account with a passkey" : "Sign in with a passkey"}
        </button>
        <p class="muted small">
          A passkey stays on your device (or your password manager): no password, no email.
        </p>
      </form>
      {mode === "sign-in" && (
        <form class="card recovery-form" onSubmit={withCode}>
          <label class="field">
            <span>Lost your passkey? A recovery code</span>
            <input
              type="text"
              name="code"
              required
              autoComplete="one-time-code"
              placeholder="abcd-efgh-jkmn-pqrs"
              value={code}
              onInput={(e) => setCode((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" class="button button--ghost" disabled={busy}>
            Sign in with the code
          </button>
        </form>
      )}
      <p role="status" class={step.name === "error" ? "notice notice--error" : "visually-hidden"}>
        {step.name === "error" ? step.message : busy ? "Waiting for your passkey…" : ""}
      </p>
    </div>
  );
}
