// Serving the built UI from a real folder: files inside with their type and the CSP header;
// every way out of the folder refused.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../../main/protocol/security-headers';
import { serveUi } from '../../../main/protocol/ui-request';

let dir: string;
let root: string;
const headers = securityHeaders(contentSecurityPolicy());

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clipfolio-ui-'));
  root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'secret');
  await writeFile(path.join(dir, 'renderer-evil.txt'), 'secret');
  await symlink(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('serves index.html for / and assets with their types, with the CSP header', async () => {
  const index = await serveUi(root, '/', headers);
  expect(index.status).toBe(200);
  expect(index.headers.get('content-type')).toContain('text/html');
  const csp = index.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-eval');
  const js = await serveUi(root, '/assets/app.js', headers);
  expect(js.headers.get('content-type')).toContain('text/javascript');
  expect(await js.text()).toBe('console.log(1)');
});

it('refuses every path that would leave the folder', async () => {
  for (const pathname of [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/./index.html',
    '/index.html%00.js',
    '/../renderer-evil.txt',
    '/link.txt',
    '/%',
    'index.html',
  ]) {
    const response = await serveUi(root, pathname, headers);
    expect(response.status, pathname).toBeGreaterThanOrEqual(400);
    expect(response.status, pathname).toBeLessThan(500);
    expect(await response.text(), pathname).not.toContain('secret');
  }
});

it('answers 404 for missing files and folders, 405 for other methods', async () => {
  expect((await serveUi(root, '/nope.js', headers)).status).toBe(404);
  expect((await serveUi(root, '/assets', headers)).status).toBe(404);
  expect((await serveUi(root, '/', headers, 'PUT')).status).toBe(405);
});
