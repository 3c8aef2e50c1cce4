/**
 * The schema's history: every `migrations/NNNN_snake_name.sql` file, bundled at build time.
 * Files are append-only: never edit or renumber one that has shipped; add the next number.
 */
export interface Migration {
  /** e.g. `0001_foundation` */
  readonly name: string;
  readonly sql: string;
}

const files = import.meta.glob<string>('./migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const NAME = /^(\d{4})_[a-z0-9_]+$/;

export function parseMigrations(raw: Record<string, string>): Migration[] {
  const list = Object.entries(raw).map(([path, sql]) => {
    const name = path.replace(/^.*\//, '').replace(/\.sql$/, '');
    if (!NAME.test(name)) throw new Error(`Migration file name ${name} is not NNNN_snake_name.sql`);
    return { name, sql };
  });
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  list.forEach((m, i) => {
    const n = Number(m.name.slice(0, 4));
    if (n !== i + 1)
      throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${m.name}`);
  });
  return list;
}

export const knownMigrations: readonly Migration[] = parseMigrations(files);
