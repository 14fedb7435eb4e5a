// Which frames may call the API: only a top-level frame of an allowed origin.
import { expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/ipc/sender-check';

const ALLOWED = ['clipfolio://app', 'http://localhost:5173'];

it('trusts the app page and the dev server, top-level only', () => {
  expect(isTrustedSender({ url: 'clipfolio://app/index.html', isMainFrame: true }, ALLOWED)).toBe(true);
  expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, ALLOWED)).toBe(true);
  expect(isTrustedSender({ url: 'clipfolio://app/index.html', isMainFrame: false }, ALLOWED)).toBe(false);
});

it('refuses other origins, look-alikes, garbage and destroyed frames', () => {
  for (const url of [
    'https://evil.example/',
    'file:///work/out/renderer/index.html',
    'clipfolio://app.evil/index.html',
    'clipfolio://other/index.html',
    'http://localhost:5174/',
    'clipfolio-photo://thumb/0123456789abcdef',
    'not a url',
    '',
  ]) {
    expect(isTrustedSender({ url, isMainFrame: true }, ALLOWED), url).toBe(false);
  }
  expect(isTrustedSender(null, ALLOWED)).toBe(false);
  expect(isTrustedSender(undefined, ALLOWED)).toBe(false);
});
