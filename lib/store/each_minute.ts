/**
 * Reads a viewing's minutes a page at a time: a viewing may hold hundreds of megabytes, and
 * parsing it in one read would hold the event loop for seconds.
 */
import type { Store, StoredMinute } from "./port.ts";

/** Minutes per read: at most about a megabyte of JSON at the largest minute a viewing takes. */
export const MINUTES_PER_READ = 4;

/** Every minute of a viewing in `seq` order, one page of `pageSize` per read of the store. */
export async function* eachMinute(
  store: Pick<Store, "minutesAfter">,
  screeningId: string,
  pageSize = MINUTES_PER_READ,
): AsyncGenerator<StoredMinute> {
  for (let after = -1;;) {
    const page = await store.minutesAfter(screeningId, after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].seq;
  }
}
