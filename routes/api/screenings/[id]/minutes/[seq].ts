/**
 * `PUT /api/screenings/:id/minutes/:seq` (token): stores one minute document, once.
 * 201 when stored now; 200 when the same seq with the same seconds was already stored (a
 * retry); 409 when that seq holds different seconds, or the viewer finished the viewing (a
 * minute for a viewing the idle sweep finished re-opens it); 413 when the viewing's minutes
 * would pass its byte limit. Anything that breaks a rule is refused with 400 naming the field
 * and the rule, and nothing is stored.
 */
import { MAX_BODY_BYTES, parseMinuteBody, parseSeq } from "@/lib/api/minute_input.ts";
import { HttpError } from "@/lib/framework/errors.ts";
import { json, readJson } from "@/lib/framework/http.ts";
import type { RouteConfig } from "@/lib/framework/types.ts";
import { define } from "@/lib/state.ts";
import { MINUTE_BYTES_BUDGET, viewingByteLimit } from "@/lib/store/port.ts";
import { findViewing, requireToken } from "@/routes/api/_http.ts";

/** A minute document is the one body larger than the default 16 KB. */
export const config: RouteConfig = { maxBodyBytes: MAX_BODY_BYTES };

export const handler = define.handlers({
  async PUT(req, ctx) {
    const { store } = ctx.state;
    const viewing = await findViewing(store, ctx.params.id);
    requireToken(req, viewing);
    const seq = parseSeq(ctx.params.seq, viewing.durationSec);
    const seconds = parseMinuteBody(await readJson(req), {
      screeningId: viewing.id,
      seq,
      durationSec: viewing.durationSec,
    });
    const result = await store.putMinute({
      screeningId: viewing.id,
      seq,
      seconds,
      now: new Date(),
    });
    switch (result) {
      case "created":
        return json({ seq, stored: "created" }, 201);
      case "unchanged":
        return json({ seq, stored: "unchanged" }, 200);
      case "conflict":
        throw new HttpError(
          409,
          `seq ${seq}: already stored with different seconds; a minute is never rewritten`,
        );
      case "finished":
        throw new HttpError(
          409,
          `This screening is finished: it takes no more minutes (seq ${seq} was not stored)`,
        );
      case "full": {
        const limit = viewingByteLimit(viewing.durationSec);
        const size = limit >= 1024 * 1024
          ? `${(limit / (1024 * 1024)).toFixed(1)} MB`
          : `${Math.round(limit / 1024)} KB`;
        throw new HttpError(
          413,
          `This screening's minutes may take at most ${size} ` +
            `(${MINUTE_BYTES_BUDGET / 1024} KB a minute on average, for twice the film's ` +
            `length): seq ${seq} would pass it and was not stored`,
        );
      }
      case "not-found":
        throw new HttpError(404, `No screening ${JSON.stringify(viewing.id)}`);
    }
  },
});
