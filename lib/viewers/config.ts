/**
 * The two modes, from the environment. Personal (the default): one implicit viewer, no
 * sign-in. Shared (`REELFEEL_ACCOUNTS=passkeys`): viewers sign in with passkeys.
 */
import { PERSONAL_VIEWER } from "@/lib/store/port.ts";
import type { RequestViewer } from "./own.ts";

export interface AccountsConfig {
  mode: "personal" | "passkeys";
  /**
   * The site's origin as browsers see it (`REELFEEL_ORIGIN`, e.g. `https://reelfeel.example`):
   * the passkeys' relying party and the origin every cookie-authenticated write must come from.
   * Unset: each request's own origin (development).
   */
  origin?: string;
  /** Viewer ids that are admins besides the first account (`REELFEEL_ADMINS`, comma separated). */
  admins: string[];
}

/** The personal mode's one viewer: owns every viewing, and administers the installation. */
export const PERSONAL: RequestViewer = Object.freeze({ id: PERSONAL_VIEWER, admin: true });

/** The accounts configuration from environment variables; a wrong value is refused by name. */
export function accountsConfigFromEnv(
  env: { get(name: string): string | undefined },
): AccountsConfig {
  const accounts = env.get("REELFEEL_ACCOUNTS")?.trim() || "personal";
  if (accounts !== "personal" && accounts !== "passkeys") {
    throw new Error(
      `REELFEEL_ACCOUNTS must be "passkeys" (shared) or unset (personal), not ${
        JSON.stringify(accounts)
      }`,
    );
  }
  const origin = env.get("REELFEEL_ORIGIN")?.trim() || undefined;
  if (origin !== undefined && URL.parse(origin)?.origin !== origin) {
    throw new Error(
      `REELFEEL_ORIGIN must be an origin such as https://reelfeel.example, not ${
        JSON.stringify(origin)
      }`,
    );
  }
  const admins = (env.get("REELFEEL_ADMINS") ?? "").split(",").map((id) => id.trim())
    .filter(Boolean);
  return { mode: accounts, origin, admins };
}

/** The origin requests must come from: the configured one, else the request's own. */
export function expectedOrigin(config: AccountsConfig, requestUrl: string): string {
  return config.origin ?? new URL(requestUrl).origin;
}

/** Whether the origin is this machine (cookies there may go without `Secure`, over http). */
export function isLocalOrigin(origin: string): boolean {
  const host = URL.parse(origin)?.hostname ?? "";
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}
