/**
 * Precomputing at a finish what the dashboards need, so that the first visit to the viewing
 * and to its film does not parse stored seconds or the film's aggregate.
 */
import type { Store } from "@/lib/store/port.ts";
import { warmFilmPage } from "./film_page.ts";
import { warmViewingPage } from "./viewing_page.ts";

/**
 * Warms the viewing's page and its film's page. Never throws: a failure only means the first
 * visit computes them itself.
 */
export async function warmDashboards(store: Store, viewingId: string, film: string) {
  try {
    await Promise.all([warmViewingPage(store, viewingId), warmFilmPage(store, film)]);
  } catch (error) {
    console.error(`warming the dashboards of ${viewingId} failed:`, error);
  }
}
