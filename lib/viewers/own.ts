/**
 * Ownership: the one place that decides whether a viewing is the requesting viewer's. Every
 * route and loader that reads or changes a viewing by id goes through `findOwnViewing`; to
 * anyone but its viewer a viewing does not exist.
 */
import { isViewingId } from "@/lib/api/token.ts";
import type { Store, StoredViewing, ViewingReadOptions } from "@/lib/store/port.ts";

/** Who is asking: the signed-in viewer (personal mode: the implicit one), or null. */
export interface RequestViewer {
  id: string;
  admin: boolean;
}

/**
 * The viewing `id` if it exists and belongs to `viewer`; null otherwise (not theirs = none).
 * `options` as for `Store.getViewing` (a page may read it without its per-second points).
 */
export async function findOwnViewing(
  store: Store,
  viewer: RequestViewer | null,
  id: string,
  options: ViewingReadOptions = {},
): Promise<StoredViewing | null> {
  if (!viewer || !isViewingId(id)) return null;
  const viewing = await store.getViewing(id, options);
  return viewing && viewing.viewer === viewer.id ? viewing : null;
}
