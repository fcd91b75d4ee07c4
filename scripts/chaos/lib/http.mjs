// A plain HTTP client on node:http, so requests can carry any method, raw path, header or body,
// each with a deadline. Never throws: transport failures come back as `error`.
import http from 'node:http';

/** One keep-alive agent per backend, so that resetting one leaves the others alone. */
const agents = new Map();
function agentFor(origin) {
  if (!agents.has(origin)) {
    agents.set(origin, new http.Agent({ keepAlive: true, maxSockets: 64 }));
  }
  return agents.get(origin);
}

/**
 * Sends one request. `path` is sent as is (already encoded). `body` is a string or Buffer; an
 * object is sent as JSON. Resolves to { status, headers, text, json, millis } or { error, millis }.
 */
export function request(
  baseUrl,
  { method = 'GET', path, headers = {}, body, timeoutMs = 15_000 },
) {
  const url = new URL(baseUrl);
  let payload = body;
  const allHeaders = { ...headers };
  if (
    payload !== undefined &&
    !Buffer.isBuffer(payload) &&
    typeof payload !== 'string'
  ) {
    payload = JSON.stringify(payload);
    if (
      !Object.keys(allHeaders).some(h => h.toLowerCase() === 'content-type')
    ) {
      allHeaders['content-type'] = 'application/json';
    }
  }
  if (payload !== undefined) {
    allHeaders['content-length'] = Buffer.byteLength(payload);
  }
  const started = performance.now();
  return new Promise(resolve => {
    let settled = false;
    const done = result => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, millis: performance.now() - started });
    };
    let req;
    try {
      req = http.request({
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: allHeaders,
        agent: agentFor(url.origin),
      });
    } catch (error) {
      // Node refused to send it (e.g. a character it does not allow in a header).
      done({ error: `not sent: ${error.message}`, notSent: true });
      return;
    }
    const timer = setTimeout(() => {
      done({ error: `no answer within ${timeoutMs} ms`, timedOut: true });
      req.destroy();
    }, timeoutMs);
    req.on('error', error => done({ error: error.code ?? error.message }));
    req.on('response', res => {
      const chunks = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('error', error => done({ error: error.code ?? error.message }));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        if (/json/.test(res.headers['content-type'] ?? '')) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        done({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    if (payload !== undefined) req.end(payload);
    else req.end();
  });
}

/** Closes the keep-alive sockets to one backend (after it was killed, for instance). */
export function resetConnections(baseUrl) {
  const origin = new URL(baseUrl).origin;
  agents.get(origin)?.destroy();
  agents.delete(origin);
}

/** A request description, shortened for a report: method, path, headers, start of the body. */
export function describe({ method = 'GET', path, headers = {}, body }) {
  let text = '';
  if (body !== undefined) {
    const raw = Buffer.isBuffer(body)
      ? body.toString('latin1')
      : typeof body === 'string'
      ? body
      : JSON.stringify(body);
    text =
      raw.length > 300
        ? ` body(${raw.length} bytes): ${JSON.stringify(raw.slice(0, 300))}...`
        : ` body: ${JSON.stringify(raw)}`;
  }
  const shownHeaders = Object.entries(headers)
    .map(
      ([k, v]) =>
        `${k}: ${
          /^authorization$/i.test(k) && /^Bearer ey/.test(v)
            ? 'Bearer <guest token>'
            : String(v).length > 80
            ? `${String(v).slice(0, 80)}... (${String(v).length} characters)`
            : v
        }`,
    )
    .join('; ');
  return `${method} ${path}${shownHeaders ? ` [${shownHeaders}]` : ''}${text}`;
}
