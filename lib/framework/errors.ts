/**
 * The two errors a request is refused with, thrown from anywhere (a handler, a parser in
 * `lib/api/`, a loader): the app's one `onError` answers them. Under `/api` the answer is JSON
 * `{ error, field? }`; elsewhere it is the error page.
 */

/** A request refused with `status` and a message for the client (never a stack). */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers?: HeadersInit) {
    super(message);
    this.name = "HttpError";
  }
}

/** A request that breaks a rule: answered with 400, `"<field>: <rule>"` and the field. */
export class InputError extends Error {
  constructor(readonly field: string, readonly rule: string) {
    super(`${field}: ${rule}`);
    this.name = "InputError";
  }
}
