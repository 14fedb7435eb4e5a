// The bridge over real HTTP and a real WebSocket, backed by the real app service with the
// generated test model: the contract answers with its token, and nothing answers without it,
// from another origin or Host, or for a path outside the UI folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridge, type Bridge } from '../../../main/bridge/bridge-server';
import { createDispatcher } from '../../../main/ipc/dispatcher';
import type { EventMessage } from '../../../main/shared/api-contract';
import { openTestApp, type AppFixture } from '../../fixtures/app-service-fixture';

let app: AppFixture;
let bridge: Bridge;
let ui: string;

beforeAll(async () => {
  app = await openTestApp({ withModel: true });
  ui = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-bridge-ui-'));
  await writeFile(path.join(ui, 'index.html'), '<!doctype html><title>Clipfolio</title>');
  await writeFile(path.join(os.tmpdir(), path.basename(ui) + '-secret.txt'), 'secret');
  bridge = await startBridge({
    dispatch: createDispatcher(app.service.handlers(), () => undefined),
    events: app.service.events,
    photos: app.service.photos,
    rendererDir: ui,
    log: () => undefined,
  });
});

afterAll(async () => {
  await bridge.close();
  await app.close();
  await rm(ui, { recursive: true, force: true });
  await rm(path.join(os.tmpdir(), path.basename(ui) + '-secret.txt'), { force: true });
});

function callApi(channel: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${bridge.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-clipfolio-token': bridge.token, ...headers },
    body,
  });
}

/** A request with exactly this path and these headers (fetch would normalise both). */
function raw(pathname: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path: pathname, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('prints a 127.0.0.1 URL carrying the token', () => {
  expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
  expect(bridge.token.length).toBeGreaterThanOrEqual(40);
});

it('serves the UI with the token, with the CSP header and a strict cookie for the page\'s own requests', async () => {
  const page = await fetch(bridge.url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>Clipfolio</title>');
  expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${bridge.port}`);
  const cookie = page.headers.get('set-cookie') ?? '';
  expect(cookie).toContain('HttpOnly');
  expect(cookie).toContain('SameSite=Strict');
  const again = await fetch(`${bridge.origin}/index.html`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
  expect(again.status).toBe(200);
});

it('refuses the UI, the API and photos without the token or with a wrong one', async () => {
  expect((await fetch(`${bridge.origin}/`)).status).toBe(401);
  expect((await fetch(`${bridge.origin}/?token=wrong`)).status).toBe(401);
  expect((await fetch(`${bridge.origin}/?token=${bridge.token}x`)).status).toBe(401);
  expect((await callApi('app:info', '[]', { 'x-clipfolio-token': '' })).status).toBe(401);
  expect((await callApi('app:info', '[]', { 'x-clipfolio-token': 'A'.repeat(bridge.token.length) })).status).toBe(401);
  expect((await fetch(`${bridge.origin}/photo/thumb/0123456789abcdef`)).status).toBe(401);
  expect((await raw('/', { cookie: `clipfolio-token-${bridge.port}=nope` })).status).toBe(401);
});

it('refuses requests from another origin or for another Host', async () => {
  expect((await callApi('app:info', '[]', { origin: 'https://evil.example' })).status).toBe(403);
  expect((await callApi('app:info', '[]', { origin: `http://127.0.0.1:${bridge.port + 1}` })).status).toBe(403);
  expect((await raw(`/?token=${bridge.token}`, { host: `evil.example:${bridge.port}` })).status).toBe(403);
  expect((await callApi('app:info', '[]', { origin: bridge.origin })).status).toBe(200);
});

it('answers the contract with result envelopes, malformed arguments included', async () => {
  const info = await callApi('app:info', '[]');
  expect(await info.json()).toMatchObject({ ok: true, value: { version: '0.0.0-test', shell: 'bridge' } });
  const bad = await callApi('library:getPhoto', '["../../etc/passwd"]');
  expect(bad.status).toBe(200);
  expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  expect(await (await callApi('nope:never', '[]')).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect((await callApi('app:info', '{not json')).status).toBe(400);
  expect((await callApi('app:info', 'x'.repeat(2 * 1024 * 1024))).status).toBe(413);
  const form = await fetch(`${bridge.origin}/api/app:info`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'x-clipfolio-token': bridge.token },
    body: '[]',
  });
  expect(form.status).toBe(415);
  expect((await fetch(`${bridge.origin}/api/app:info`, { headers: { 'x-clipfolio-token': bridge.token } })).status).toBe(405);
});

it('serves photos by id only', async () => {
  const auth = { 'x-clipfolio-token': bridge.token };
  expect((await raw('/photo/thumb/0123456789abcdef', auth)).status).toBe(404);
  expect((await raw('/photo/full/%2Fetc%2Fpasswd', auth)).status).toBe(400);
  expect((await raw('/photo/thumb/0123456789abcdef%2F..%2F..', auth)).status).toBe(400);
  // The URL parser resolves the dots first; what is left names no photo and no UI file.
  const dotted = await raw('/photo/thumb/../../etc/passwd', auth);
  expect(dotted.status).toBe(404);
  expect(dotted.body).not.toContain('root:');
});

it('never serves a file outside the UI folder', async () => {
  const auth = { 'x-clipfolio-token': bridge.token };
  for (const pathname of [`/../${path.basename(ui)}-secret.txt`, `/%2e%2e/${path.basename(ui)}-secret.txt`, '/..%2f..%2fetc%2fpasswd']) {
    const response = await raw(pathname, auth);
    expect(response.status, pathname).toBeGreaterThanOrEqual(400);
    expect(response.status, pathname).toBeLessThan(500);
    expect(response.body).not.toContain('secret');
  }
});

function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/events${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

it('refuses event sockets without the token or from another origin', async () => {
  await expect(openSocket('')).rejects.toThrow('401');
  await expect(openSocket('?token=wrong')).rejects.toThrow('401');
  await expect(openSocket(`?token=${bridge.token}`, { origin: 'https://evil.example' })).rejects.toThrow('403');
});

it('pushes the contract\'s events over the WebSocket', async () => {
  const ws = await openSocket(`?token=${bridge.token}`, { origin: bridge.origin });
  const changed = new Promise<EventMessage>((resolve) => {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as EventMessage;
      if (message.event === 'library:changed') resolve(message);
    });
  });
  const photos = path.join(app.dir, 'photos');
  await mkdir(photos);
  const added = await (await callApi('library:addRoot', JSON.stringify([photos]))).json();
  expect(added).toMatchObject({ ok: true, value: { path: photos } });
  const message = await changed;
  expect(message.payload).toMatchObject({ state: 'open', roots: [{ path: photos }] });
  ws.close();
});
