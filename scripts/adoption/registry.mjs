#!/usr/bin/env node
// A read-only npm registry on the loopback interface that serves the packed tarballs of a folder,
// standing in for the public registry the packages will be published to: Yarn and npm install
// them by name, exactly as an adopter does, with every other package still from the public
// registry (the host's .yarnrc.yml and .npmrc send only the @orchestration scope here).
//
//   node scripts/adoption/registry.mjs --packs DIR --port-file FILE
//
// GET /<name> (the name's slash as / or %2f) answers the package document (all versions'
// manifests, dist-tags.latest, tarball URL and sha512 integrity, publish time); GET
// /-/<file>.tgz the tarball. It writes its port to --port-file once listening.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { packs: { type: 'string' }, 'port-file': { type: 'string' } },
});
if (!args.packs || !args['port-file']) {
  process.stderr.write('usage: registry.mjs --packs DIR --port-file FILE\n');
  process.exit(2);
}
const packsDir = path.resolve(args.packs);

/** name → { versions: { [version]: manifest }, times: { [version]: ISO date } } */
const packages = new Map();
const tarballs = new Map();
for (const file of fs.readdirSync(packsDir).filter(f => f.endsWith('.tgz'))) {
  const tarball = path.join(packsDir, file);
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const data = fs.readFileSync(tarball);
  const entry = packages.get(manifest.name) ?? { versions: {}, times: {} };
  entry.versions[manifest.version] = {
    manifest,
    file,
    integrity: `sha512-${crypto
      .createHash('sha512')
      .update(data)
      .digest('base64')}`,
    shasum: crypto.createHash('sha1').update(data).digest('hex'),
  };
  entry.times[manifest.version] = fs.statSync(tarball).mtime.toISOString();
  packages.set(manifest.name, entry);
  tarballs.set(file, tarball);
}

function packument(name, base) {
  const entry = packages.get(name);
  const versions = Object.keys(entry.versions);
  const latest = versions.at(-1);
  return {
    _id: name,
    name,
    'dist-tags': { latest },
    versions: Object.fromEntries(
      versions.map(version => {
        const { manifest, file, integrity, shasum } = entry.versions[version];
        return [
          version,
          {
            ...manifest,
            _id: `${name}@${version}`,
            dist: { tarball: `${base}/-/${file}`, integrity, shasum },
          },
        ];
      }),
    ),
    time: {
      created: entry.times[versions[0]],
      modified: entry.times[latest],
      ...entry.times,
    },
  };
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  const base = `http://${request.headers.host}`;
  const send = (status, body, type = 'application/json') => {
    response.writeHead(status, { 'content-type': type });
    response.end(body);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(405, JSON.stringify({ error: 'this registry is read-only' }));
    return;
  }
  if (url.pathname.startsWith('/-/')) {
    const tarball = tarballs.get(path.basename(url.pathname));
    if (!tarball) send(404, JSON.stringify({ error: 'not found' }));
    else send(200, fs.readFileSync(tarball), 'application/octet-stream');
    return;
  }
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!packages.has(name)) {
    send(404, JSON.stringify({ error: `${name} is not served here` }));
    return;
  }
  send(200, JSON.stringify(packument(name, base)));
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  fs.writeFileSync(args['port-file'], String(port));
  process.stdout.write(
    `serving ${[...packages.keys()].join(', ')} on http://localhost:${port}\n`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
