/** What the app reads from a MongoDB connection string (`MONGODB_URI`). Pure. */

/** The database the app uses when the connection string names none. */
export const DEFAULT_DATABASE = "reelfeel";

/**
 * The database a connection string names (`mongodb://host/<db>?…`, also `mongodb+srv://`),
 * else `reelfeel`: the store and the catalog use the same one.
 */
export function databaseName(uri: string): string {
  const name = uri.match(/^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/)?.[1];
  return name ? decodeURIComponent(name) : DEFAULT_DATABASE;
}

/**
 * The connection string with its database replaced by `database`, options kept: a database of
 * its own on the same server (tests, benchmarks).
 */
export function uriWithDatabase(uri: string, database: string): string {
  const match = uri.match(/^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/);
  if (!match) throw new Error(`not a MongoDB connection string: ${uri}`);
  return `${match[1]}/${encodeURIComponent(database)}${match[2] ?? ""}`;
}
