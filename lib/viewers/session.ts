/**
 * Session and challenge cookies, and the secrets they carry: random ids that only the
 * viewer's browser holds; the store keeps their SHA-256 (`hashToken`), so a copy of the
 * database signs no one in. Pure, apart from drawing random bytes.
 */
import { encodeBase64Url } from "@/lib/api/base64url.ts";
import { hashToken } from "@/lib/api/token.ts";

/** The session cookie. */
export const SESSION_COOKIE = "reelfeel_session";
/** The cookie of a passkey ceremony under way (its challenge, kept server-side). */
export const CHALLENGE_COOKIE = "reelfeel_challenge";
/** A session lasts this long from sign-in. */
export const SESSION_DAYS = 30;
export const SESSION_MS = SESSION_DAYS * 24 * 60 * 60 * 1000;
/** A passkey prompt must be answered within this. */
export const CHALLENGE_MS = 5 * 60 * 1000;

/** A fresh secret (256 random bits, base64url) for a session or a challenge cookie. */
export function newSecret(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** A new viewer's id: 128 random bits, base64url (it is also the passkeys' user handle). */
export function newViewerId(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** What the store keeps of a secret. */
export const secretHash = hashToken;

/**
 * A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, `Secure` unless the site is this
 * machine over http; `maxAgeSec` 0 deletes the cookie.
 */
export function cookie(
  name: string,
  value: string,
  { maxAgeSec, secure }: { maxAgeSec: number; secure: boolean },
): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSec}; HttpOnly; SameSite=Lax${
    secure ? "; Secure" : ""
  }`;
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
/** Recovery codes given at once. */
export const RECOVERY_CODES = 8;

/**
 * A recovery code: 16 characters from an alphabet without look-alikes (about 79 bits), in
 * groups of four: `abcd-efgh-jkmn-pqrs`.
 */
export function newRecoveryCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]);
  return [0, 4, 8, 12].map((k) => chars.slice(k, k + 4).join("")).join("-");
}

/** A typed recovery code as it is hashed: lower case, without spaces or dashes. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]+/g, "");
}
