/** The per-request state every route sees, and the `define` helpers typed with it. */
import { createDefine } from "./framework/define.ts";
import type { BaseState } from "./framework/types.ts";
import type { Store } from "./store/port.ts";
import type { CatalogPort } from "./catalog/port.ts";
import type { CatalogImportJob } from "./catalog/import_job.ts";
import type { AccountsConfig } from "./viewers/config.ts";
import type { addressLimits } from "./viewers/limits.ts";
import type { RequestViewer } from "./viewers/own.ts";

export interface AppState extends BaseState {
  /** The theme the viewer chose ("light" | "dark"), or undefined to follow the system. */
  theme?: "light" | "dark";
  /** The URL of the built stylesheet. */
  stylesheet: string;
  /** The store (SQLite or MongoDB) the app was created with. */
  store: Store;
  /** The film catalog imported from IMDb's datasets. */
  catalog: CatalogPort;
  /** The catalog's download and import, started from `/recommend` (one at a time). */
  catalogImport: CatalogImportJob;
  /**
   * Who is asking, resolved once by the viewer middleware: personal mode's implicit viewer
   * (an admin), shared mode's signed-in viewer, or null for nobody. Every ownership rule
   * compares with `viewer.id`.
   */
  viewer: RequestViewer | null;
  /** The hash of the request's session, when signed in (shared mode). */
  sessionHash: string | null;
  /** The mode, the origin and the admins. */
  accounts: AccountsConfig;
  /** The per-address counters of sign-ups and sign-in attempts. */
  addressLimits: ReturnType<typeof addressLimits>;
  /** The client's address, for the per-address limits ("unknown" when the server cannot tell). */
  address: string;
}

/** `define.handlers`, `define.page`, `define.layout` for this app's routes. */
export const define = createDefine<AppState>();
