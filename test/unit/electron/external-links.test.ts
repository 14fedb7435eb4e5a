// Only user-clicked http(s) links leave the app.
import { expect, it } from 'vitest';
import { shouldOpenExternally } from '../../../main/electron/external-links';

it('opens clicked http and https links', () => {
  expect(shouldOpenExternally('https://github.com/clipfolio', 'foreground-tab')).toBe(true);
  expect(shouldOpenExternally('http://example.com/a?b#c', 'background-tab')).toBe(true);
});

it('refuses other schemes, credentials, garbage and script-opened windows', () => {
  for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'clipfolio://app/index.html', 'smb://host/share', 'https://user:pw@example.com', 'nope']) {
    expect(shouldOpenExternally(url, 'foreground-tab'), url).toBe(false);
  }
  expect(shouldOpenExternally('https://example.com', 'new-window')).toBe(false);
  expect(shouldOpenExternally('https://example.com', 'other')).toBe(false);
});
