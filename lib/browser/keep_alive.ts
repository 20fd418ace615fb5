/**
 * Tells the server that the page recording a viewing is still open while it sends nothing
 * (the film paused, or waiting): the server finishes a viewing after 30 idle minutes, and a
 * minute stored counts as contact, so one small request every few minutes of silence is
 * enough. A failed or refused call (an older server without the route) changes nothing:
 * recording never depends on it. Browser-only (timers); the call itself is given.
 */

/** Silence after which the page says it is alive: well inside the server's 30 minutes. */
export const ALIVE_AFTER_MS = 5 * 60_000;
/** How often the silence is checked. */
const CHECK_EVERY_MS = 30_000;

export interface KeepAliveOptions {
  /** The call (`sayAlive`); its answer is ignored. */
  send(): Promise<unknown>;
  aliveAfterMs?: number;
  checkEveryMs?: number;
  now?: () => number;
}

export class KeepAlive {
  readonly #send: () => Promise<unknown>;
  readonly #aliveAfterMs: number;
  readonly #checkEveryMs: number;
  readonly #now: () => number;
  #lastContact = 0;
  #sending = false;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: KeepAliveOptions) {
    this.#send = options.send;
    this.#aliveAfterMs = options.aliveAfterMs ?? ALIVE_AFTER_MS;
    this.#checkEveryMs = options.checkEveryMs ?? CHECK_EVERY_MS;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Starts counting silence from now. */
  start(): void {
    this.heard();
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.check(), this.#checkEveryMs);
  }

  /** The server heard from this viewing (a minute was stored): the silence starts again. */
  heard(): void {
    this.#lastContact = this.#now();
  }

  /** Says the page is alive when the silence has lasted long enough. */
  async check(): Promise<void> {
    if (this.#sending || this.#now() - this.#lastContact < this.#aliveAfterMs) return;
    this.#sending = true;
    // Counted from the attempt: a failing call is tried again after the same silence, not
    // at every check.
    this.heard();
    try {
      await this.#send();
    } catch {
      // Only a hint to the server; the minutes carry the recording.
    } finally {
      this.#sending = false;
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
