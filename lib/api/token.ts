/**
 * Viewing ids and write tokens. An id is public (it is the address of a viewing's data);
 * the token is a capability to write or delete, shown once to the browser that created the
 * viewing. Only the token's SHA-256 is stored, and presented tokens are compared in
 * constant time so the comparison leaks nothing about the stored hash.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { encodeBase64Url } from "./base64url.ts";

/** 128 random bits: unguessable, so reads by id need no token. */
export function newViewingId(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** Whether a string has the shape of a viewing id (22 base64url characters). */
export function isViewingId(value: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(value);
}

/** A fresh write token: 256 random bits, base64url (43 characters). */
export function newToken(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The SHA-256 of a token, hex: the only form in which a token is stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether `token` hashes to `storedHash`, compared in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = createHash("sha256").update(token).digest();
  const stored = Uint8Array.from(storedHash.match(/../g) ?? [], (byte) => parseInt(byte, 16));
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/**
 * The token of an `Authorization: Bearer <token>` header, or a reason why there is none.
 * Tokens are 43 base64url characters; anything else cannot be one of ours.
 */
export function bearerToken(
  header: string | null,
): { token: string } | { error: string } {
  if (!header) return { error: "Authorization: a Bearer token is required to write" };
  const match = header.match(/^Bearer +([A-Za-z0-9_-]+)\s*$/i);
  if (!match) return { error: "Authorization: must be `Bearer <token>`" };
  if (match[1].length !== 43) return { error: "Authorization: the token is not valid" };
  return { token: match[1] };
}
