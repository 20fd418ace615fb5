/**
 * MongoDB's one-time move to slugs unique per title and year (`filmSlug` marks a cut title with
 * a hash): every film whose `_id` is not its title's slug moves there with its minutes
 * (`film.<slug>`), its audience (`audience.<slug>`) and its viewings, and its old slug stays in
 * `film_aliases` so that old links find it. Run when the store opens; every step can be
 * repeated, so a move a crash stopped half way is completed at the next start. A film whose new
 * slug belongs to another film stays where it is. Viewings merged under one slug before cannot
 * be told apart (a viewing keeps no title): they stay with the film whose title came first.
 */
import { type Db, type Document, MongoBulkWriteError, MongoServerError } from "mongodb";
import { filmSlug } from "@/lib/film.ts";

/** Former slugs: `{ _id: old slug, film: current slug }`. */
export const FILM_ALIASES = "film_aliases";

interface FilmIdentity {
  _id: string;
  title: string;
  year: number | null;
}

/** Moves every film whose slug is not `filmSlug(title, year)`; see the module's comment. */
export async function rekeyFilms(db: Db): Promise<void> {
  const films = db.collection<FilmIdentity>("films");
  const aliases = db.collection<{ _id: string; film: string }>(FILM_ALIASES);
  const identities = await films.find({}, { projection: { title: 1, year: 1 } }).toArray();
  for (const { _id: old, title, year } of identities) {
    const slug = filmSlug(title, year ?? null);
    if (slug === old) continue;
    const taken = await films.findOne({ _id: slug }, { projection: { _id: 1 } });
    const ours = (await aliases.findOne({ _id: old }))?.film === slug;
    if (taken && !ours) continue;
    // The alias first: it marks the move as ours, should it stop half way.
    await aliases.updateOne({ _id: old }, { $set: { film: slug } }, { upsert: true });
    if (!taken) {
      const film = await films.findOne({ _id: old });
      if (!film) continue;
      await films.insertOne({ ...film, _id: slug }).catch((error) => {
        if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
      });
    }
    for (const prefix of ["film.", "audience."]) {
      await moveCollection(db, `${prefix}${old}`, `${prefix}${slug}`);
    }
    await db.collection("screenings").updateMany({ film: old }, { $set: { film: slug } });
    await aliases.updateMany({ film: old }, { $set: { film: slug } });
    await films.deleteOne({ _id: old });
  }
}

/** Documents copied per round trip when a collection moves. */
const BATCH = 500;

/**
 * Moves a collection's documents to `to` (same `_id`s) and drops it; repeated after a crash,
 * what was copied already is skipped. Copied rather than renamed: some MongoDB-wire servers
 * (FerretDB 1.24) cannot rename a collection whose name holds a dot.
 */
async function moveCollection(db: Db, from: string, to: string): Promise<void> {
  const present = await db.listCollections({ name: from }, { nameOnly: true }).toArray();
  if (present.length === 0) return;
  const target = db.collection(to);
  const copy = async (docs: Document[]) => {
    if (docs.length === 0) return;
    await target.insertMany(docs, { ordered: false }).catch((error) => {
      // Copied before a crash: the same document is already there.
      const duplicates = error instanceof MongoBulkWriteError &&
        [error.writeErrors].flat().every((e) => e.code === 11000);
      if (!duplicates) throw error;
    });
  };
  let batch: Document[] = [];
  for await (const doc of db.collection(from).find({})) {
    batch.push(doc);
    if (batch.length === BATCH) {
      await copy(batch);
      batch = [];
    }
  }
  await copy(batch);
  await db.collection(from).drop();
}
