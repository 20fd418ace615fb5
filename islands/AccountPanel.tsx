/**
 * The account page's controls: passkeys (add, rename, remove — never the last one without a
 * recovery code), recovery codes (made and downloaded once), sign out everywhere, and deleting
 * the account with everything in it.
 */
import { useState } from "preact/hooks";
import { startRegistration } from "@simplewebauthn/browser";
import {
  deleteAccount,
  makeRecoveryCodes,
  passkeyOptions,
  passkeyVerify,
  removePasskey,
  renamePasskey,
  signOut,
} from "@/lib/browser/api.ts";
import { downloadText } from "@/lib/browser/download.ts";

export interface AccountPasskey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface AccountPanelProps {
  passkeys: AccountPasskey[];
  recoveryCodes: number;
}

const day = (iso: string | null) => iso ? iso.slice(0, 10) : "never";

export default function AccountPanel(props: AccountPanelProps) {
  const [passkeys, setPasskeys] = useState(props.passkeys);
  const [codesLeft, setCodesLeft] = useState(props.recoveryCodes);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [label, setLabel] = useState("");
  const [confirmDelete, setConfirmDelete] = useState("");
  const say = (text: string, error = false) => setMessage({ text, error });

  const add = async (event: Event) => {
    event.preventDefault();
    const options = await passkeyOptions("add-passkey", label);
    if (!options.ok) return say(options.message, true);
    let response;
    try {
      // deno-lint-ignore no-explicit-any
      response = await startRegistration({ optionsJSON: options.data as any });
    } catch (error) {
      return say(`The passkey prompt ended: ${(error as Error).message}`, true);
    }
    const saved = await passkeyVerify<{ passkey: { id: string; name: string } }>(
      "add-passkey",
      response,
    );
    if (!saved.ok) return say(saved.message, true);
    const now = new Date().toISOString();
    setPasskeys([...passkeys, { ...saved.data.passkey, createdAt: now, lastUsedAt: null }]);
    setLabel("");
    say(`Passkey “${saved.data.passkey.name}” added.`);
  };

  const rename = async (id: string, name: string) => {
    const renamed = await renamePasskey(id, name);
    if (!renamed.ok) return say(renamed.message, true);
    setPasskeys(passkeys.map((p) => p.id === id ? { ...p, name } : p));
    say("Passkey renamed.");
  };

  const remove = async (id: string) => {
    const removed = await removePasskey(id);
    if (!removed.ok) return say(removed.message, true);
    setPasskeys(passkeys.filter((p) => p.id !== id));
    say("Passkey removed.");
  };

  const codes = async () => {
    const made = await makeRecoveryCodes();
    if (!made.ok) return say(made.message, true);
    downloadText(
      "reelfeel-recovery-codes.txt",
      `Reelfeel recovery codes: each signs you in once.\n\n${made.data.codes.join("\n")}\n`,
      "text/plain",
    );
    setCodesLeft(made.data.codes.length);
    say(
      `${made.data.codes.length} new recovery codes downloaded; the earlier ones no longer work.`,
    );
  };

  const everywhere = async () => {
    const ended = await signOut(true);
    if (!ended.ok) return say(ended.message, true);
    location.assign("/sign-in");
  };

  const removeAccount = async (event: Event) => {
    event.preventDefault();
    const deleted = await deleteAccount();
    if (!deleted.ok) return say(deleted.message, true);
    location.assign("/");
  };

  const last = passkeys.length === 1 && codesLeft === 0;
  return (
    <div class="account-panel">
      <section class="section" aria-labelledby="passkeys-title">
        <h2 id="passkeys-title">Passkeys</h2>
        <ul class="passkeys card">
          {passkeys.map((p) => (
            <li key={p.id} class="passkey" data-passkey={p.id}>
              <form
                class="passkey__rename"
                onSubmit={(e) => {
                  e.preventDefault();
                  const input = (e.target as HTMLFormElement).elements.namedItem("name");
                  rename(p.id, (input as HTMLInputElement).value);
                }}
              >
                <label class="field">
                  <span class="visually-hidden">Name of this passkey</span>
                  <input type="text" name="name" defaultValue={p.name} maxLength={60} required />
                </label>
                <button type="submit" class="button button--ghost button--small">Rename</button>
              </form>
              <span class="muted small">
                added {day(p.createdAt)}, last used {day(p.lastUsedAt)}
              </span>
              <button
                type="button"
                class="button button--ghost button--small"
                disabled={last}
                title={last
                  ? "Your last passkey: add another or make recovery codes first"
                  : undefined}
                onClick={() => remove(p.id)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form class="add-passkey" onSubmit={add}>
          <label class="field">
            <span>Add a passkey on another device</span>
            <input
              type="text"
              name="label"
              required
              maxLength={60}
              placeholder="Phone"
              value={label}
              onInput={(e) => setLabel((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" class="button">Add a passkey</button>
        </form>
      </section>

      <section class="section" aria-labelledby="recovery-title">
        <h2 id="recovery-title">Recovery codes</h2>
        <p class="muted">
          {codesLeft === 0
            ? "You have no recovery codes."
            : `You have ${codesLeft} unused recovery code${codesLeft === 1 ? "" : "s"}.`}{" "}
          Each signs you in once if you lose your passkeys. Keep them somewhere safe.
        </p>
        <button type="button" class="button button--ghost" onClick={codes}>
          Make and download new codes
        </button>
      </section>

      <section class="section" aria-labelledby="data-title">
        <h2 id="data-title">Your data</h2>
        <p class="actions">
          <a class="button button--ghost" href="/api/account" download>
            Download all my data (JSON)
          </a>
          <button type="button" class="button button--ghost" onClick={everywhere}>
            Sign out everywhere
          </button>
        </p>
        <form class="delete-account" onSubmit={removeAccount}>
          <label class="field">
            <span>
              Delete my account and every viewing in it (they leave the films' audience numbers).
              Type <strong>delete</strong> to confirm.
            </span>
            <input
              type="text"
              name="confirm"
              value={confirmDelete}
              onInput={(e) => setConfirmDelete((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" class="button button--danger" disabled={confirmDelete !== "delete"}>
            Delete my account
          </button>
        </form>
      </section>
      <p role="status" class={message?.error ? "notice notice--error" : "muted"}>
        {message?.text ?? ""}
      </p>
    </div>
  );
}
