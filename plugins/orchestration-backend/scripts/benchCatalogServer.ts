/*
 * The stand-in catalog of the refresh benchmark (benchRefresh.ts), run as a
 * child process: answers `/api/catalog/entities/by-query` as the catalog
 * does (filters by kind, cursors, `fields`, gzip) with the generated
 * entities of benchCatalog.ts, built page by page from their indexes.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import {
  benchCluster,
  benchComponent,
  benchGroup,
  CatalogSize,
} from './benchCatalog';

/** The size of the catalog, from BENCH_COMPONENTS, BENCH_GROUPS and BENCH_CLUSTERS. */
export function catalogSize(): CatalogSize {
  return {
    components: Number(process.env.BENCH_COMPONENTS ?? 100_000),
    groups: Number(process.env.BENCH_GROUPS ?? 2_000),
    clusters: Number(process.env.BENCH_CLUSTERS ?? 200),
  };
}

const SIZE = catalogSize();

type Kind = 'group' | 'resource' | 'component';

/** An entity as the catalog serves it: with uid, etag and relations. */
function served(kind: Kind, index: number) {
  const build: Record<Kind, (i: number) => any> = {
    group: benchGroup,
    resource: benchCluster,
    component: i => benchComponent(i, SIZE),
  };
  const entity = build[kind](index);
  entity.metadata.uid = `${kind}-${index}-0000-0000-000000000000`;
  entity.metadata.etag = `etag-${index}`;
  const relations = [];
  if (entity.spec?.owner) {
    relations.push({ type: 'ownedBy', targetRef: entity.spec.owner });
  }
  if (kind === 'group') {
    for (const member of entity.spec.members) {
      relations.push({
        type: 'hasMember',
        targetRef: `user:default/${member}`,
      });
    }
  }
  entity.relations = relations;
  return entity;
}

function count(kind: Kind): number {
  if (kind === 'group') return SIZE.groups;
  if (kind === 'resource') return SIZE.clusters;
  return SIZE.components;
}

/** Keeps the dotted `fields` of an entity, as the catalog's `fields` does. */
function project(entity: any, fields: string[] | undefined) {
  if (!fields?.length) return entity;
  const out: any = {};
  for (const field of fields) {
    const parts = field.split('.');
    let from = entity;
    let to = out;
    for (let i = 0; i < parts.length; i++) {
      if (from === undefined || from === null) break;
      const key = parts[i];
      if (i === parts.length - 1) {
        if (from[key] !== undefined) to[key] = from[key];
      } else {
        from = from[key];
        to = to[key] ??= {};
      }
    }
  }
  return out;
}

function kindOf(filters: string[]): Kind {
  const text = filters.join(',').toLowerCase();
  if (text.includes('kind=group')) return 'group';
  if (text.includes('kind=resource')) return 'resource';
  return 'component';
}

/** The stand-in catalog: `/api/catalog/entities/by-query`, nothing else. */
function serveCatalog() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/catalog/entities/by-query') {
      res.writeHead(404).end();
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? 500);
    const fieldsParam = url.searchParams.getAll('fields').join(',');
    const fields = fieldsParam ? fieldsParam.split(',') : undefined;
    const cursorParam = url.searchParams.get('cursor');
    let kind: Kind;
    let offset: number;
    if (cursorParam) {
      ({ kind, offset } = JSON.parse(
        Buffer.from(cursorParam, 'base64').toString(),
      ));
    } else {
      kind = kindOf(url.searchParams.getAll('filter'));
      offset = 0;
    }
    const total = count(kind);
    const items = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) {
      items.push(project(served(kind, i), fields));
    }
    const next = offset + limit;
    const body = JSON.stringify({
      items,
      totalItems: total,
      pageInfo:
        next < total
          ? {
              nextCursor: Buffer.from(
                JSON.stringify({ kind, offset: next }),
              ).toString('base64'),
            }
          : {},
    });
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gzip ? zlib.gzipSync(body) : body);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send!({ port: typeof address === 'object' ? address!.port : 0 });
  });
}

if (require.main === module) serveCatalog();
