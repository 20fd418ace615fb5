/** The per-request state every route sees, and the `define` helpers typed with it. */
import { createDefine } from "./framework/define.ts";
import type { BaseState } from "./framework/types.ts";
import type { Store } from "./store/port.ts";
import type { CatalogPort } from "./catalog/port.ts";
import type { CatalogImportJob } from "./catalog/import_job.ts";

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
}

/** `define.handlers`, `define.page`, `define.layout` for this app's routes. */
export const define = createDefine<AppState>();
