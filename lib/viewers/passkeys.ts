/**
 * The passkey ceremonies (WebAuthn) through `@simplewebauthn/server`: options with a challenge
 * kept in the store (one use, 5 minutes), and the verification of the browser's answer. Thin
 * I/O over the store; the rules (who may do what) are in the routes that call it.
 */
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { HttpError } from "@/lib/framework/errors.ts";
import type { ChallengeRecord, Store } from "@/lib/store/port.ts";
import { CHALLENGE_MS, newSecret, secretHash } from "./session.ts";

/** Where the ceremony happens: the site's origin, and its host name as the relying party id. */
export interface RelyingParty {
  origin: string;
  id: string;
}

export function relyingParty(origin: string): RelyingParty {
  return { origin, id: new URL(origin).hostname };
}

/** Registration options (signing up, adding a passkey); resolves with the challenge cookie. */
export async function registrationOptions(
  store: Store,
  rp: RelyingParty,
  who: {
    viewer: string;
    /** The account's name (shown by the passkey prompt). */
    name: string;
    /** What the challenge keeps: the new account's name, or the added passkey's label. */
    keep: string;
    purpose: "sign-up" | "add-passkey";
    exclude: string[];
  },
) {
  const options = await generateRegistrationOptions({
    rpName: "Reelfeel",
    rpID: rp.id,
    userName: who.name,
    userID: new TextEncoder().encode(who.viewer),
    attestationType: "none",
    excludeCredentials: who.exclude.map((id) => ({ id })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  const secret = await keepChallenge(store, {
    challenge: options.challenge,
    viewer: who.viewer,
    name: who.keep,
    purpose: who.purpose,
  });
  return { options, secret };
}

/** Sign-in options for a passkey the browser finds itself (no user name typed). */
export async function authenticationOptions(store: Store, rp: RelyingParty) {
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: "preferred",
  });
  const secret = await keepChallenge(store, {
    challenge: options.challenge,
    viewer: null,
    name: null,
    purpose: "sign-in",
  });
  return { options, secret };
}

async function keepChallenge(
  store: Store,
  challenge: Omit<ChallengeRecord, "idHash" | "expiresAt">,
): Promise<string> {
  const secret = newSecret();
  await store.putChallenge({
    ...challenge,
    idHash: secretHash(secret),
    expiresAt: new Date(Date.now() + CHALLENGE_MS).toISOString(),
  });
  return secret;
}

/** The challenge the cookie names, taken (one use); 400 when it is missing or expired. */
export async function takeChallenge(
  store: Store,
  secret: string | undefined,
  purpose: ChallengeRecord["purpose"],
): Promise<ChallengeRecord> {
  const challenge = secret ? await store.takeChallenge(secretHash(secret), new Date()) : null;
  if (!challenge || challenge.purpose !== purpose) {
    throw new HttpError(400, "The passkey prompt expired or was already used: try again");
  }
  return challenge;
}

/** Verifies a new passkey; resolves with what the store keeps of it. */
export async function verifyRegistration(
  rp: RelyingParty,
  challenge: ChallengeRecord,
  response: unknown,
) {
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch (error) {
    throw new HttpError(400, `The passkey was not accepted: ${(error as Error).message}`);
  }
  if (!verified.verified) throw new HttpError(400, "The passkey was not accepted");
  const { credential } = verified.registrationInfo;
  return {
    id: credential.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? [],
  };
}

/** Verifies a sign-in with a stored passkey; resolves with its viewer (401 when it fails). */
export async function verifySignIn(
  store: Store,
  rp: RelyingParty,
  challenge: ChallengeRecord,
  response: unknown,
): Promise<string> {
  const id = (response as { id?: unknown })?.id;
  const passkey = typeof id === "string" ? await store.getPasskey(id) : null;
  if (!passkey) throw new HttpError(401, "This passkey is not known here");
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.id,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports as AuthenticatorTransport[],
      },
      requireUserVerification: false,
    });
  } catch (error) {
    throw new HttpError(401, `Signing in failed: ${(error as Error).message}`);
  }
  if (!verified.verified) throw new HttpError(401, "Signing in failed");
  await store.usePasskey(passkey.id, verified.authenticationInfo.newCounter, new Date());
  return passkey.viewer;
}
