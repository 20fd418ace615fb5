/**
 * The catalog on MongoDB (when `MONGODB_URI` is set, e.g. Atlas), in collections prefixed
 * `catalog.` of the app's database. Written against the driver's documented API and run by the
 * same contract suite as SQLite wherever a server is available.
 *
 * Collections:
 * - `catalog.titles`: `{ _id: tconst, titleType, title, originalTitle, year, runtimeMinutes,
 *   genres: [...], rating, votes, score, keys: [...] }`; `keys` are the normalised titles
 *   (primary, original, alternative) that search matches, with a multikey index.
 * - `catalog.principals` (`_id: "tconst:ordering"`), `catalog.people` (`_id: nconst`),
 *   `catalog.akas` (`_id: "tconst:ordering"`), `catalog.imports` (`_id: file`),
 *   `catalog.film_links` (`_id: slug`), `catalog.meta` (schema version, C).
 *
 * No transactions: a batch's rows are upserted first and its progress recorded after, so an
 * interruption between the two repeats the batch, and repeating an upsert changes nothing.
 */
import { type AnyBulkWriteOperation, type Collection, type Db, MongoClient } from "mongodb";
import { databaseName } from "@/lib/mongo/uri.ts";
import { type AkaRow, CAST_CATEGORIES, type ImdbFileName, type PrincipalRow } from "./imdb.ts";
import { nameKey, titleKey } from "./normalize.ts";
import {
  CARD_CAST,
  type CastMember,
  type CatalogCounts,
  type CatalogPerson,
  type CatalogPort,
  type CatalogTitle,
  type FileProgress,
  type FilmLinkProposal,
  type ImportBatch,
  type RecommendQuery,
  type TitleMatch,
} from "./port.ts";
import { MIN_VOTES_WEIGHT } from "./ranking.ts";

type TitleFields = "titleType" | "title" | "originalTitle" | "year" | "runtimeMinutes" | "genres";

interface TitleDoc extends Pick<CatalogTitle, TitleFields> {
  _id: string;
  /** IMDb's average rating, kept even while `votes` is 0 (the card then shows none). */
  rating: number | null;
  votes: number;
  /** The weighted rating (ranking.ts), or null when unrated. */
  score: number | null;
  /** Normalised titles (primary, original, alternative) that search matches. */
  keys: string[];
}

/** `_id` is `tconst:ordering`. */
interface PrincipalDoc extends PrincipalRow {
  _id: string;
}

interface PersonDoc {
  _id: string;
  name: string;
  nameKey: string;
}

/** `_id` is `tconst:ordering`. */
interface AkaDoc extends AkaRow {
  _id: string;
}

interface ImportDoc extends Omit<FileProgress, "file"> {
  _id: ImdbFileName;
  updatedAt: Date;
}

interface FilmLinkDoc {
  _id: string;
  tconst: string;
  linkedAt: Date;
}

/** One viewer's proposal for one film: `_id` is the film's slug and the viewer's id. */
interface FilmLinkProposalDoc {
  _id: { slug: string; viewer: string };
  slug: string;
  viewer: string;
  tconst: string;
  proposedAt: Date;
}

interface MetaDoc {
  _id: string;
  value: number;
}

/** Index migrations; version N is the state after MIGRATIONS[N-1]. Never edit a shipped one. */
const MIGRATIONS: ((c: MongoCatalog) => Promise<void>)[] = [
  async (c) => {
    await c.collections.titles.createIndexes([
      { key: { keys: 1 }, name: "by_key" },
      { key: { score: -1, votes: -1, _id: 1 }, name: "by_score" },
      { key: { genres: 1, score: -1 }, name: "by_genre_score" },
    ]);
    await c.collections.principals.createIndexes([
      { key: { tconst: 1, ordering: 1 }, name: "by_title" },
      { key: { nconst: 1 }, name: "by_person" },
    ]);
    await c.collections.people.createIndex({ nameKey: 1 }, { name: "by_name_key" });
    await c.collections.akas.createIndexes([
      { key: { tconst: 1, language: 1 }, name: "by_title_language" },
    ]);
  },
  async (c) => {
    await c.collections.linkProposals.createIndexes([
      { key: { slug: 1 }, name: "by_film" },
      { key: { viewer: 1 }, name: "by_viewer" },
    ]);
  },
];

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Upserts whole documents by `_id`: repeating a batch leaves the same documents. */
async function replaceAll<T extends { _id: string }>(
  collection: Collection<T>,
  docs: readonly T[],
): Promise<void> {
  if (docs.length === 0) return;
  await collection.bulkWrite(
    docs.map(({ _id, ...replacement }) => ({
      replaceOne: { filter: { _id }, replacement, upsert: true },
    })) as AnyBulkWriteOperation<T>[],
    { ordered: false },
  );
}

/** The film catalog on MongoDB; see the module comment. */
export class MongoCatalog implements CatalogPort {
  readonly #client: MongoClient;
  readonly #db: Db;
  /** The catalog's collections (exposed to the migrations above). */
  readonly collections: {
    titles: Collection<TitleDoc>;
    principals: Collection<PrincipalDoc>;
    people: Collection<PersonDoc>;
    akas: Collection<AkaDoc>;
    imports: Collection<ImportDoc>;
    filmLinks: Collection<FilmLinkDoc>;
    linkProposals: Collection<FilmLinkProposalDoc>;
    meta: Collection<MetaDoc>;
  };

  private constructor(client: MongoClient, db: Db) {
    this.#client = client;
    this.#db = db;
    this.collections = {
      titles: db.collection<TitleDoc>("catalog.titles"),
      principals: db.collection<PrincipalDoc>("catalog.principals"),
      people: db.collection<PersonDoc>("catalog.people"),
      akas: db.collection<AkaDoc>("catalog.akas"),
      imports: db.collection<ImportDoc>("catalog.imports"),
      filmLinks: db.collection<FilmLinkDoc>("catalog.film_links"),
      linkProposals: db.collection<FilmLinkProposalDoc>("catalog.film_link_proposals"),
      meta: db.collection<MetaDoc>("catalog.meta"),
    };
  }

  /** Connects and brings the indexes up to date. */
  static async connect(uri: string, options: { database?: string } = {}): Promise<MongoCatalog> {
    const client = new MongoClient(uri);
    await client.connect();
    const catalog = new MongoCatalog(client, client.db(options.database ?? databaseName(uri)));
    try {
      await catalog.#migrate();
    } catch (error) {
      await client.close();
      throw error;
    }
    return catalog;
  }

  async #migrate(): Promise<void> {
    const meta = this.collections.meta;
    const version = (await meta.findOne({ _id: "schema" }))?.value ?? 0;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `catalog schema version ${version} is newer than this code (${MIGRATIONS.length}): update Reelfeel`,
      );
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      await MIGRATIONS[v](this);
      await meta.updateOne({ _id: "schema" }, { $set: { value: v + 1 } }, { upsert: true });
    }
  }

  /** Drops the whole database (tests only: each contract case uses a database of its own). */
  async dropDatabase(): Promise<void> {
    await this.#db.dropDatabase();
  }

  async importProgress(): Promise<FileProgress[]> {
    const docs = await this.collections.imports.find().sort({ _id: 1 }).toArray();
    return docs.map((d) => ({
      file: d._id,
      lines: d.lines,
      kept: d.kept,
      malformed: d.malformed,
      done: d.done,
      size: d.size,
      mtimeMs: d.mtimeMs,
    }));
  }

  async resetImportProgress(files: readonly ImdbFileName[]): Promise<void> {
    await this.collections.imports.deleteMany({ _id: { $in: [...files] } });
  }

  async writeBatch(batch: ImportBatch, progress: FileProgress): Promise<void> {
    await this.#writeRows(batch);
    const { file, ...rest } = progress;
    await this.collections.imports.replaceOne(
      { _id: file },
      { ...rest, updatedAt: new Date() },
      { upsert: true },
    );
  }

  async #addKeys(keys: Map<string, Set<string>>): Promise<void> {
    const ops: AnyBulkWriteOperation<TitleDoc>[] = [];
    for (const [tconst, set] of keys) {
      const each = [...set].filter((k) => k !== "");
      if (each.length > 0) {
        ops.push({
          updateOne: { filter: { _id: tconst }, update: { $addToSet: { keys: { $each: each } } } },
        });
      }
    }
    if (ops.length > 0) await this.collections.titles.bulkWrite(ops, { ordered: false });
  }

  async #writeRows(batch: ImportBatch): Promise<void> {
    if (batch.rows.length === 0) return;
    const c = this.collections;
    switch (batch.file) {
      case "title.basics": {
        await c.titles.bulkWrite(
          batch.rows.map((t) => ({
            updateOne: {
              filter: { _id: t.tconst },
              update: {
                $set: {
                  titleType: t.titleType,
                  title: t.primaryTitle,
                  originalTitle: t.originalTitle,
                  year: t.year,
                  runtimeMinutes: t.runtimeMinutes,
                  genres: t.genres,
                },
                $setOnInsert: { rating: null, votes: 0, score: null },
                $addToSet: {
                  keys: {
                    $each: [...new Set([titleKey(t.primaryTitle), titleKey(t.originalTitle)])]
                      .filter((k) => k !== ""),
                  },
                },
              },
              upsert: true,
            },
          })),
          { ordered: false },
        );
        return;
      }
      case "title.ratings": {
        await c.titles.bulkWrite(
          batch.rows.map((r) => ({
            updateOne: {
              filter: { _id: r.tconst },
              update: { $set: { rating: r.rating, votes: r.votes } },
            },
          })),
          { ordered: false },
        );
        return;
      }
      case "title.principals": {
        await replaceAll(
          c.principals,
          batch.rows.map((p) => ({ _id: `${p.tconst}:${p.ordering}`, ...p })),
        );
        return;
      }
      case "name.basics": {
        // Only people the imported principals credit: name.basics lists everyone on IMDb.
        const credited = new Set(
          await c.principals.distinct("nconst", {
            nconst: { $in: batch.rows.map((p) => p.nconst) },
          }),
        );
        await replaceAll(
          c.people,
          batch.rows.filter((p) => credited.has(p.nconst))
            .map((p) => ({ _id: p.nconst, name: p.name, nameKey: nameKey(p.name) })),
        );
        return;
      }
      case "title.akas": {
        await replaceAll(
          c.akas,
          batch.rows.map((a) => ({ _id: `${a.tconst}:${a.ordering}`, ...a })),
        );
        const keys = new Map<string, Set<string>>();
        for (const a of batch.rows) {
          if (!keys.has(a.tconst)) keys.set(a.tconst, new Set());
          keys.get(a.tconst)!.add(titleKey(a.title));
        }
        await this.#addKeys(keys);
        return;
      }
    }
  }

  async *titleIds(): AsyncIterable<string> {
    for await (const doc of this.collections.titles.find({}, { projection: { _id: 1 } })) {
      yield doc._id;
    }
  }

  async refreshScores(): Promise<number | null> {
    const rated = { votes: { $gt: 0 } };
    if (await this.collections.titles.findOne(rated, { projection: { _id: 1 } }) === null) {
      await this.collections.meta.deleteOne({ _id: "mean_rating" });
      return null;
    }
    const [{ c }] = await this.collections.titles.aggregate<{ c: number }>([
      { $match: rated },
      { $group: { _id: null, c: { $avg: "$rating" } } },
    ]).toArray();
    // An update with an aggregation pipeline (MongoDB ≥ 4.2) computes each title's own score.
    await this.collections.titles.updateMany(rated, [
      {
        $set: {
          score: {
            $divide: [
              { $add: [{ $multiply: ["$votes", "$rating"] }, MIN_VOTES_WEIGHT * c] },
              { $add: ["$votes", MIN_VOTES_WEIGHT] },
            ],
          },
        },
      },
    ]);
    await this.collections.meta.updateOne(
      { _id: "mean_rating" },
      { $set: { value: c } },
      { upsert: true },
    );
    return c;
  }

  async counts(): Promise<CatalogCounts> {
    const c = this.collections;
    return {
      titles: await c.titles.countDocuments({}),
      rated: await c.titles.countDocuments({ votes: { $gt: 0 } }),
      people: await c.people.countDocuments({}),
      principals: await c.principals.countDocuments({}),
      akas: await c.akas.countDocuments({}),
      meanRating: (await c.meta.findOne({ _id: "mean_rating" }))?.value ?? null,
    };
  }

  async isEmpty(): Promise<boolean> {
    return (await this.collections.titles.findOne({}, { projection: { _id: 1 } })) === null;
  }

  async findTitles(key: string, limit: number): Promise<TitleMatch[]> {
    if (key === "") return [];
    const projection = {
      title: 1,
      originalTitle: 1,
      year: 1,
      titleType: 1,
      rating: 1,
      votes: 1,
      keys: 1,
    };
    const sort = { votes: -1, _id: 1 } as const;
    const exact = await this.collections.titles.find({ keys: key }, { projection })
      .sort(sort).limit(limit).toArray();
    const seen = exact.map((d) => d._id);
    const prefix = exact.length >= limit ? [] : await this.collections.titles.find(
      // An anchored, case-sensitive regex scans only the index range of the prefix.
      { keys: { $regex: `^${escapeRegex(key)}` }, _id: { $nin: seen } },
      { projection },
    ).sort(sort).limit(limit - exact.length).toArray();
    return [...exact, ...prefix].map((d) => ({
      tconst: d._id,
      title: d.title,
      originalTitle: d.originalTitle,
      year: d.year,
      titleType: d.titleType,
      rating: d.votes > 0 ? d.rating : null,
      votes: d.votes,
      keys: d.keys.filter((k) => k.startsWith(key)),
    }));
  }

  async #cards(docs: TitleDoc[]): Promise<CatalogTitle[]> {
    if (docs.length === 0) return [];
    const ids = docs.map((d) => d._id);
    const credits = await this.collections.principals.find({ tconst: { $in: ids } })
      .sort({ tconst: 1, ordering: 1 }).toArray();
    const people = new Map(
      (await this.collections.people.find({
        _id: { $in: [...new Set(credits.map((p) => p.nconst))] },
      })
        .toArray()).map((p) => [p._id, p.name]),
    );
    return docs.map((t) => {
      const directors: CatalogPerson[] = [];
      const cast: CastMember[] = [];
      for (const p of credits) {
        if (p.tconst !== t._id) continue;
        const name = people.get(p.nconst);
        if (name === undefined) continue;
        if (p.category === "director") directors.push({ nconst: p.nconst, name });
        else if (
          (CAST_CATEGORIES as readonly string[]).includes(p.category) && cast.length < CARD_CAST
        ) {
          cast.push({ nconst: p.nconst, name, characters: p.characters });
        }
      }
      return {
        tconst: t._id,
        titleType: t.titleType,
        title: t.title,
        originalTitle: t.originalTitle,
        year: t.year,
        runtimeMinutes: t.runtimeMinutes,
        genres: t.genres,
        rating: t.votes > 0 ? t.rating : null,
        votes: t.votes,
        weightedRating: t.votes > 0 ? t.score : null,
        directors,
        cast,
      };
    });
  }

  async title(tconst: string): Promise<CatalogTitle | null> {
    const doc = await this.collections.titles.findOne({ _id: tconst });
    return doc ? (await this.#cards([doc]))[0] : null;
  }

  async titles(tconsts: readonly string[]): Promise<CatalogTitle[]> {
    const docs = await this.collections.titles.find({ _id: { $in: [...tconsts] } }).toArray();
    const byId = new Map(docs.map((d) => [d._id, d]));
    return await this.#cards(tconsts.flatMap((t) => byId.get(t) ?? []));
  }

  async recommend(query: RecommendQuery): Promise<CatalogTitle[]> {
    const genres: Record<string, unknown> = { $in: [...query.genres] };
    if (query.avoid.length > 0) genres.$nin = [...query.avoid];
    const filter: Record<string, unknown> = { score: { $ne: null }, genres };
    if (query.actorKey !== undefined) {
      const people = await this.collections.people.distinct("_id", { nameKey: query.actorKey });
      const titles = await this.collections.principals.distinct("tconst", {
        nconst: { $in: people },
        category: { $in: [...CAST_CATEGORIES] },
      });
      filter._id = { $in: titles };
    }
    const pipeline: Record<string, unknown>[] = [
      { $match: filter },
      { $sort: { score: -1, votes: -1, _id: 1 } },
    ];
    if (query.language !== undefined) {
      // Walks titles best first and looks up one aka in the language for each, until enough.
      pipeline.push(
        {
          $lookup: {
            from: "catalog.akas",
            localField: "_id",
            foreignField: "tconst",
            pipeline: [{ $match: { language: query.language } }, { $limit: 1 }, {
              $project: { _id: 1 },
            }],
            as: "inLanguage",
          },
        },
        { $match: { "inLanguage.0": { $exists: true } } },
        { $project: { inLanguage: 0 } },
      );
    }
    pipeline.push({ $limit: query.limit });
    const docs = await this.collections.titles.aggregate<TitleDoc>(pipeline).toArray();
    return await this.#cards(docs);
  }

  async linkFilm(slug: string, tconst: string): Promise<void> {
    await this.collections.filmLinks.replaceOne(
      { _id: slug },
      { tconst, linkedAt: new Date() },
      { upsert: true },
    );
  }

  async filmLink(slug: string): Promise<string | null> {
    return (await this.collections.filmLinks.findOne({ _id: slug }))?.tconst ?? null;
  }

  async proposeFilmLink(slug: string, tconst: string, viewer: string): Promise<void> {
    await this.collections.linkProposals.replaceOne(
      { _id: { slug, viewer } },
      { slug, viewer, tconst, proposedAt: new Date() },
      { upsert: true },
    );
  }

  async filmLinkProposals(slug: string): Promise<FilmLinkProposal[]> {
    // A film has a handful of proposals: counted here rather than by an aggregation.
    const docs = await this.collections.linkProposals
      .find({ slug }, { projection: { tconst: 1 } })
      .toArray();
    const counts = new Map<string, number>();
    for (const { tconst } of docs) counts.set(tconst, (counts.get(tconst) ?? 0) + 1);
    return [...counts].map(([tconst, viewers]) => ({ tconst, viewers }))
      .sort((a, b) => b.viewers - a.viewers || (a.tconst < b.tconst ? -1 : 1));
  }

  async dropFilmLinkProposals(
    where: { slug?: string; tconst?: string; viewer?: string },
  ): Promise<void> {
    const filter: Record<string, string> = {};
    for (const field of ["slug", "tconst", "viewer"] as const) {
      if (where[field] !== undefined) filter[field] = where[field]!;
    }
    await this.collections.linkProposals.deleteMany(filter);
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}
