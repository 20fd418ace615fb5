/**
 * The storage port: the domain operations the app needs from a store, whatever the database.
 * `sqlite.ts` (embedded, the default) and `mongo.ts` implement it; `contract.ts` is the one
 * test suite both must pass. Every operation is safe to retry: a retried write never counts
 * twice, and a crash between steps is repaired by `recover()` (run when a store opens).
 */
import type { FilmInput } from "@/lib/film.ts";
import { maxSeq } from "@/lib/api/minute_input.ts";
import type { AudienceSecond, RecordedSecond } from "@/lib/recording.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import type { VerdictExample } from "@/lib/rating/personal_model.ts";
import type { Baseline } from "@/lib/emotion/calibration.ts";

export type { FilmInput };

/** A film's totals over its finished viewings; all of them are sums a delete can subtract. */
export interface FilmStats {
  /** Finished viewings counted in the aggregates. */
  viewings: number;
  /** Of them, those that recorded up to the last minute of the film. */
  finished: number;
  /** Sum of their ratings (the mean is `ratingSum / viewings`). */
  ratingSum: number;
  /** Ratings in ten 10-point bins: [0,10), [10,20), …, [90,100]. */
  ratingHistogram: number[];
  /** Recorded seconds over all counted viewings. */
  watchSec: number;
  /** When a counted viewing last recorded something (ISO 8601), or null. */
  lastWatchedAt: string | null;
}

/** One viewer's totals of one film (the film's slug). */
export interface OwnFilmStats {
  film: string;
  stats: FilmStats;
}

/** A film of the library, keyed by its slug, with its totals over finished viewings. */
export interface Film {
  slug: string;
  title: string;
  year: number | null;
  /** The longest file length seen for this film, in seconds. */
  durationSec: number;
  createdAt: string;
  stats: FilmStats;
}

/**
 * A viewing is `recording` until it is finished by its viewer or by the idle sweep; then
 * its summary is stored and its share applied to the film's aggregates. `finishing` is seen
 * only in stores without transactions, between those steps.
 */
export type ViewingState = "recording" | "finishing" | "finished";

/**
 * The one viewer of a personal installation (no accounts): every viewing made without an
 * account belongs to this id, and viewings stored before viewers existed were given to it.
 */
export const PERSONAL_VIEWER = "personal";

/** One viewing of a film, from its creation to its finish. */
export interface Viewing {
  id: string;
  /** The viewer it belongs to: its data is theirs alone (`PERSONAL_VIEWER` in personal mode). */
  viewer: string;
  /** The film's slug. */
  film: string;
  /** The length of the viewer's file in seconds: every `t` is within [0, durationSec]. */
  durationSec: number;
  state: ViewingState;
  startedAt: string;
  /** When a minute was last stored, or null. */
  lastWriteAt: string | null;
  finishedAt: string | null;
  /** Who finished it: the viewer, or the server after 30 idle minutes. */
  finishedBy: "viewer" | "idle" | null;
  /** The rating and insights, once finished. */
  summary: ViewingSummary | null;
  /**
   * The viewer at rest as the face check's calibration measured it (seven mean probabilities
   * and the head's yaw and pitch: numbers only, never an image), or null when not calibrated.
   */
  baseline: Baseline | null;
  /** How much the viewer liked the film, 0–10 in half points (their own verdict), or null. */
  verdict: number | null;
}

/** What the store keeps about a viewing, including the hash of its write token. */
export interface StoredViewing extends Viewing {
  tokenHash: string;
}

/** A viewing without its token's hash: what operations other than `getScreening` return. */
export function withoutTokenHash(screening: StoredViewing): Viewing {
  const { tokenHash: _, ...rest } = screening;
  return rest;
}

/** How much of a viewing to read. */
export interface ViewingReadOptions {
  /**
   * False: the summary comes without its per-second points (`perSecond` is empty), a few KB
   * instead of hundreds for a long viewing — what a page reads on every visit.
   */
  perSecond?: boolean;
}

/** A viewing as lists show it (the library, a film's viewings): no summary, no token. */
export interface ViewingListing {
  id: string;
  film: string;
  state: ViewingState;
  startedAt: string;
  finishedAt: string | null;
  /** The rating once finished, else null. */
  rating: number | null;
  /** Recorded seconds once finished, else null. */
  recordedSec: number | null;
  /** How much the viewer liked the film (0–10), or null. */
  verdict: number | null;
}

/**
 * What creating a viewing takes: its id, its viewer (by default `PERSONAL_VIEWER`), its film's
 * slug, the file's length, the token's hash, and the calibration's baseline when there was one
 * (validated, `checkBaseline`).
 */
export interface NewViewing {
  id: string;
  viewer?: string;
  film: string;
  durationSec: number;
  tokenHash: string;
  baseline?: Baseline | null;
  now: Date;
}

/** A minute document to store: `seconds` validated and canonical (`parseMinuteBody`). */
export interface NewMinute {
  screeningId: string;
  seq: number;
  seconds: RecordedSecond[];
  now: Date;
}

/** Which viewings `listViewings` lists: of one viewer, of one film, or both; at most `limit`. */
export interface ViewingQuery {
  viewer?: string;
  film?: string;
  limit: number;
}

/** Which viewings `countViewings` counts: a viewer's, started since `since`, only recording. */
export interface ViewingCount {
  viewer: string;
  since?: Date;
  recording?: boolean;
}

/** A viewer's account (shared mode). */
export interface ViewerRecord {
  id: string;
  /** What the viewer calls themself (shown on their account page and passkey prompts). */
  name: string;
  createdAt: string;
  /**
   * Whether this viewer was asked whether to take the viewings of the installation's personal
   * time (see `giveViewings`); set once they answered.
   */
  personalAnswered: boolean;
}

/** A passkey (a WebAuthn credential) registered to a viewer. */
export interface PasskeyRecord {
  /** The credential id, base64url. */
  id: string;
  viewer: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  /** The viewer's name for it ("Laptop"). */
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A sign-in session: stored by the SHA-256 of its id, which only the viewer's cookie holds. */
export interface SessionRecord {
  idHash: string;
  viewer: string;
  createdAt: string;
  expiresAt: string;
}

/** A WebAuthn challenge waiting for its answer: one use, kept by the hash of its cookie. */
export interface ChallengeRecord {
  idHash: string;
  challenge: string;
  /** Adding a passkey: the signed-in viewer; signing up: the id the new viewer will get. */
  viewer: string | null;
  /** The name a sign-up asked for. */
  name: string | null;
  purpose: "sign-up" | "sign-in" | "add-passkey";
  expiresAt: string;
}

/** One stored minute document's seconds, with its `seq`. */
export interface StoredMinute {
  seq: number;
  seconds: RecordedSecond[];
}

/**
 * The result of putting a minute: `created` (stored now), `unchanged` (the same seq with the
 * same seconds was already stored), `conflict` (that seq holds different seconds), `finished`
 * (its viewer finished the viewing: it takes no more writes), `full` (storing it would pass
 * the viewing's `viewingByteLimit`) or `not-found`. A minute for a viewing the idle sweep
 * finished re-opens it (its share leaves the film until it is finished again) and is `created`.
 */
export type PutMinuteResult =
  | "created"
  | "unchanged"
  | "conflict"
  | "finished"
  | "full"
  | "not-found";

/**
 * The result of a keep-alive: `alive` (a recording viewing, its activity noted), `idle-finished`
 * (the idle sweep finished it; its next minute re-opens it), `finished` (by its viewer) or
 * `not-found`.
 */
export type KeepAliveResult = "alive" | "idle-finished" | "finished" | "not-found";

/**
 * A viewing with no sign of life (a stored minute or a keep-alive) for this long is finished by
 * the server: its page is gone.
 */
export const IDLE_FINISH_MS = 30 * 60 * 1000;

/**
 * What a minute document's seconds may take on average, stored as canonical JSON. A dense minute
 * (a face every second, subtitles on every second) takes about 9 KB today and about 20 KB with
 * raw probabilities, pose and quality per second: 32 KB leaves half again as much.
 */
export const MINUTE_BYTES_BUDGET = 32 * 1024;

/**
 * The bytes of minutes one viewing of a `durationSec` film may hold: as many minute documents as
 * it may send (twice the film, for rewinds) at `MINUTE_BYTES_BUDGET` each. About 7.6 MB for a
 * 2-hour film, 45 MB for the longest (12 hours).
 */
export function viewingByteLimit(durationSec: number): number {
  return (maxSeq(durationSec) + 1) * MINUTE_BYTES_BUDGET;
}

const utf8 = new TextEncoder();

/** The bytes a minute's canonical text takes in a viewing's budget (its UTF-8 length). */
export function storedByteLength(canonical: string): number {
  return utf8.encode(canonical).byteLength;
}

/** The storage port. Dates go in as `Date` and come out as ISO 8601 strings. */
export interface Store {
  readonly kind: "sqlite" | "mongodb";

  /** Creates the film if its slug is new (keeping the first title), else notes a longer length. */
  upsertFilm(slug: string, film: FilmInput, now: Date): Promise<Film>;
  /**
   * The film with this slug, or the film a former slug now names (slugs of long titles changed
   * once, `lib/film.ts`): then the film comes back under its current slug, for a redirect.
   */
  getFilm(slug: string): Promise<Film | null>;
  /**
   * The films with these current slugs (as viewings name them), each once, in no particular
   * order; a slug with no film is left out. One read for many films (a viewer's library).
   */
  getFilms(slugs: readonly string[]): Promise<Film[]>;
  /** Every former slug (`slug`) with the slug of the film it now names (`film`). */
  formerSlugs(): Promise<{ slug: string; film: string }[]>;
  /** Every film, by title. */
  listFilms(): Promise<Film[]>;

  /** Creates a `recording` viewing of an existing film. */
  createViewing(input: NewViewing): Promise<Viewing>;
  getViewing(id: string, options?: ViewingReadOptions): Promise<StoredViewing | null>;
  /**
   * Viewings, the most recently started first, of one film or of all; at most `limit`.
   * Read without their summaries, so a list costs the same however long the films are.
   */
  listViewings(query: ViewingQuery): Promise<ViewingListing[]>;
  /**
   * A viewer's own totals of each film they have a counted viewing of (finished, rated,
   * something recorded), as `ownFilmStats` counts them from the viewings' listings; in no
   * particular order. One read however many films: the library's ranking and totals.
   */
  listOwnFilmStats(viewer: string): Promise<OwnFilmStats[]>;
  /** The ratings of a viewer's latest `limit` finished viewings, newest first. */
  listOwnRatings(viewer: string, limit: number): Promise<number[]>;
  /** How many viewings of a viewer there are (started since `since`, only recording). */
  countViewings(query: ViewingCount): Promise<number>;
  /** How many distinct viewers have a viewing counted in the film's aggregates. */
  countFilmViewers(slug: string): Promise<number>;
  /** Gives every viewing of viewer `from` to viewer `to`; returns how many. */
  giveViewings(from: string, to: string): Promise<number>;

  /** Stores a minute document once: a replay is compared to what is stored by its canonical JSON. */
  putMinute(input: NewMinute): Promise<PutMinuteResult>;
  /** Notes that the viewing's page is still open (paused, say), so the idle sweep leaves it. */
  keepAlive(id: string, now: Date): Promise<KeepAliveResult>;
  /** The viewing's minutes in `seq` order (null when there is no such viewing). */
  listMinutes(screeningId: string): Promise<StoredMinute[] | null>;
  /**
   * A page of the viewing's minutes in `seq` order: at most `limit` of those after `afterSeq`
   * (none past the last, or when there is no such viewing). A long viewing is read a page at a
   * time (`eachMinute`) so that no read parses hundreds of megabytes in one piece.
   */
  minutesAfter(screeningId: string, afterSeq: number, limit: number): Promise<StoredMinute[]>;

  /**
   * Finishes a viewing: computes its summary from the minutes that arrived (in slices that yield
   * to the event loop), stores it, and adds the viewing's share to the film's aggregates and
   * stats, exactly once however often (or however concurrently) it is called. A viewing the
   * idle sweep finished is left as it is, but once its viewer finishes it too it is final (a
   * later minute no longer re-opens it). Returns the finished viewing, or null.
   */
  finishViewing(id: string, now: Date, by?: "viewer" | "idle"): Promise<Viewing | null>;
  /**
   * Finishes every `recording` viewing with no sign of life since `now - idleMs`, one at a time
   * and each in slices that yield to the event loop; returns their ids.
   */
  finishIdleViewings(now: Date, idleMs?: number): Promise<string[]>;

  /**
   * Deletes a viewing, its minutes and, if it had been counted, exactly its share of the
   * film's aggregates and stats. Returns false when there was no such viewing.
   */
  deleteViewing(id: string): Promise<boolean>;

  /**
   * Sets the viewer's verdict on a viewing (`isVerdict`: 0–10 in half points), or removes it
   * with null. Setting the same value again changes nothing. False when there is no such viewing.
   */
  setVerdict(id: string, verdict: number | null): Promise<boolean>;
  /**
   * A viewer's finished viewings that carry a verdict, with their summaries read without the
   * per-second points (`perSecond: []`, as `getViewing(id, { perSecond: false })`), oldest
   * first: what their personal model learns from (never another viewer's).
   */
  listVerdictExamples(viewer: string): Promise<VerdictExample[]>;

  /** The film's per-second audience aggregate, by `t`; seconds nobody recorded are absent. */
  readAudience(slug: string): Promise<AudienceSecond[]>;

  /** Creates a viewer's account. */
  createViewer(viewer: { id: string; name: string; now: Date }): Promise<ViewerRecord>;
  getViewer(id: string): Promise<ViewerRecord | null>;
  /** The account created first (the installation's first admin), or null without any. */
  firstViewer(): Promise<string | null>;
  /** Notes that the viewer answered whether to take the personal viewings. */
  answerPersonal(id: string): Promise<void>;
  /**
   * Deletes a viewer's account: their passkeys, sessions, challenges and recovery codes, then
   * the account. Their viewings are deleted first by the caller, with `deleteViewing`.
   */
  deleteViewer(id: string): Promise<boolean>;

  addPasskey(
    passkey: Omit<PasskeyRecord, "createdAt" | "lastUsedAt"> & { now: Date },
  ): Promise<void>;
  /** The passkey with this credential id, whoever it belongs to (a sign-in looks it up). */
  getPasskey(id: string): Promise<PasskeyRecord | null>;
  /** A viewer's passkeys, oldest first. */
  listPasskeys(viewer: string): Promise<PasskeyRecord[]>;
  /** Notes a sign-in with the passkey: its new signature counter. */
  usePasskey(id: string, counter: number, now: Date): Promise<void>;
  /** Renames one of the viewer's passkeys; false when the viewer has no such passkey. */
  renamePasskey(viewer: string, id: string, name: string): Promise<boolean>;
  /** Removes one of the viewer's passkeys; false when the viewer has no such passkey. */
  removePasskey(viewer: string, id: string): Promise<boolean>;

  createSession(
    session: { idHash: string; viewer: string; now: Date; expiresAt: Date },
  ): Promise<void>;
  /** The session with this id hash, if it has not expired at `now`. */
  getSession(idHash: string, now: Date): Promise<SessionRecord | null>;
  /** Ends one session, or every session of a viewer ("sign out everywhere"); returns how many. */
  deleteSessions(which: { idHash: string } | { viewer: string }): Promise<number>;

  putChallenge(challenge: ChallengeRecord): Promise<void>;
  /** Takes a challenge (it is gone after), if it has not expired at `now`. */
  takeChallenge(idHash: string, now: Date): Promise<ChallengeRecord | null>;

  /** Replaces the viewer's recovery codes with these hashes. */
  setRecoveryCodes(viewer: string, hashes: string[]): Promise<void>;
  /** Uses a recovery code once: its viewer, or null when no code has this hash. */
  useRecoveryCode(hash: string): Promise<string | null>;
  /** How many unused recovery codes the viewer has. */
  countRecoveryCodes(viewer: string): Promise<number>;

  /**
   * A mark that is different after any write to the store, by this process or another, so that
   * what was derived from the store under one mark may be kept until it changes; null when the
   * adapter cannot tell cheaply (nothing may then be kept by it).
   */
  changeMark(): Promise<string | null>;

  /** Completes anything a crash left half done. Run by `openStore`; safe to run any time. */
  recover(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Fault injection for crash tests: adapters call `step(name)` between the steps of a
 * multi-step operation; a test throws from it to simulate a crash right there.
 */
export interface StoreHooks {
  step?(name: string): void;
}
