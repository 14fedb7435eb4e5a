// Every channel of the contract, called through the real dispatcher and the real app
// service with generated malformed payloads: each is refused with INVALID_ARGUMENT before
// any handler runs (the library is open, so a handler that ran would answer otherwise),
// and the service keeps answering afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, CHANNELS, createApiClient, type CallArgs, type Channel, type Result } from '../../../main/shared/api-contract';
import { createDispatcher, type Dispatch } from '../../../main/ipc/dispatcher';
import { openTestApp, type AppFixture } from '../../fixtures/app-service-fixture';

/** One well-formed argument list per channel; the compiler insists every channel has one. */
const GOOD: { [C in Channel]: CallArgs<C> } = {
  'app:info': [],
  'settings:get': [],
  'settings:update': [{ provider: 'cpu' }],
  'models:list': [],
  'models:download': ['Xenova/clip-vit-base-patch32', 'quantized'],
  'models:providers': [],
  'library:state': [],
  'library:addRoot': ['/tmp/photos'],
  'library:removeRoot': ['0123456789abcdef'],
  'library:listPhotos': [{ after: '0123456789abcdef', limit: 10 }],
  'history:undo': [],
  'history:redo': [],
  'library:getPhoto': ['0123456789abcdef'],
  'library:photoChanges': [0],
  'photos:rate': [['0123456789abcdef'], 3],
  'photos:favourite': [['0123456789abcdef'], true],
  'photos:rotate': [['0123456789abcdef'], 'left'],
  'photos:showInFolder': ['0123456789abcdef'],
  'photos:open': ['0123456789abcdef'],
  'photos:trash': [['0123456789abcdef']],
  'photos:export': [['0123456789abcdef'], '/tmp/export'],
  'photos:cancelExport': [],
  'photos:sharpness': [['0123456789abcdef']],
  'photos:notDuplicates': [['0123456789abcdef', 'abcdef0123456789']],
  'library:pickFolders': ['export'],
  'library:importPaths': [['/tmp/photos', '/tmp/photo.jpg']],
  'library:thumbnailCache': [],
  'library:clearThumbnailCache': [],
  'indexing:start': [{ folders: ['/tmp/photos'] }],
  'indexing:retryFailed': [],
  'indexing:pause': [],
  'indexing:resume': [],
  'indexing:cancel': [],
  'indexing:status': [],
  'categories:list': [],
  'categories:add': [{ name: 'beach', prompts: ['sand and sea'], threshold: 0.5, colour: '#123456', parentId: null }],
  'categories:update': ['0123456789abcdef', { negativePrompts: ['a drawing'], threshold: null }],
  'categories:remove': ['0123456789abcdef'],
  'categories:preview': [{ name: 'beach', prompts: ['sand and sea'], negativePrompts: ['a pool'] }, { minScore: -0.2, limit: 50, categoryId: '0123456789abcdef', cuts: [0, 0.05] }],
  'categories:suggestion': ['0123456789abcdef'],
  'categories:learn': ['0123456789abcdef', '01bfefa82727d74a'],
  'categories:keep': ['0123456789abcdef', '01bfefa82727d74a'],
  'categories:starters': [],
  'categories:enableStarters': [['pets', 'food']],
  'tags:decide': [['0123456789abcdef'], 'abcdefghjkmnpqrs', 'accepted'],
  'tags:lookAlikes': [['0123456789abcdef'], 'abcdefghjkmnpqrs', 'rejected'],
  'tags:ofPhoto': ['0123456789abcdef'],
  'tags:exportXmp': [],
  'tags:addKeywords': [['0123456789abcdef'], ['beach', 'Holiday']],
  'tags:removeKeyword': ['0123456789abcdef', 'beach'],
  'albums:list': [],
  'albums:createManual': ['Summer', ['0123456789abcdef']],
  'albums:createSmart': ['Red', { text: 'red things', takenFrom: '2020-01-01', folder: '/tmp/photos' }],
  'albums:addPhotos': ['0123456789abcdef', ['abcdefghjkmnpqrs']],
  'albums:removePhotos': ['0123456789abcdef', []],
  'albums:delete': ['0123456789abcdef'],
  'albums:photos': ['0123456789abcdef'],
  'albums:movePhotos': ['0123456789abcdef', ['abcdefghjkmnpqrs'], 2],
  'albums:rename': ['0123456789abcdef', 'Summer 2024'],
  'albums:move': ['0123456789abcdef', 0],
  'search:photos': [{ text: 'a dog', categoryIds: ['0123456789abcdef'] }, { limit: 20, noCut: true }],
  'search:terms': ['nasa'],
  'search:memberships': [],
  'search:similar': ['0123456789abcdef', { limit: 5 }],
  'eval:run': ['/tmp/labelled', 'imagenet'],
  'search:duplicates': [{ minScore: 0.9 }],
};

const WRONG_VALUES: unknown[] = [
  null,
  undefined,
  42,
  -1,
  Number.NaN,
  true,
  '',
  'x'.repeat(5000),
  '../../etc/passwd',
  'a\0b',
  [],
  {},
  { __proto__: { polluted: true } },
  { offset: -5, limit: 1e9 },
];

/** Malformed versions of a good argument list: not a list, wrong values at each position, extra or missing arguments. */
function badPayloads(good: readonly unknown[]): unknown[] {
  const payloads: unknown[] = [null, undefined, 'library', 7, { 0: good[0] }];
  payloads.push([...good, 'extra']);
  if (good.length > 0) payloads.push(good.slice(0, -1));
  good.forEach((_, i) => {
    for (const wrong of WRONG_VALUES) payloads.push(good.map((arg, j) => (i === j ? wrong : arg)));
    const arg = good[i];
    if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) {
      payloads.push(good.map((a, j) => (i === j ? { ...arg, unexpected: 1 } : a)));
      for (const key of Object.keys(arg)) {
        for (const wrong of WRONG_VALUES.slice(0, 8)) {
          payloads.push(good.map((a, j) => (i === j ? { ...arg, [key]: wrong } : a)));
        }
      }
    }
  });
  return payloads;
}

let app: AppFixture;
let dispatch: Dispatch;
const logged: string[] = [];

beforeAll(async () => {
  app = await openTestApp({ withModel: true });
  dispatch = createDispatcher(app.service.handlers(), (message) => logged.push(message));
});

afterAll(async () => {
  await app.close();
});

describe('the contract', () => {
  it('has a handler for every channel and a client method for every channel', () => {
    expect(Object.keys(app.service.handlers()).sort()).toEqual([...CHANNELS].sort());
    const client = createApiClient(
      () => Promise.resolve({ ok: true, value: null }),
      () => () => undefined,
    ) as unknown as Record<string, Record<string, unknown>>;
    for (const channel of CHANNELS) {
      const [ns = '', method = ''] = channel.split(':');
      expect(typeof client[ns]?.[method], channel).toBe('function');
    }
  });

  it('accepts each good example', () => {
    for (const channel of CHANNELS) expect(calls[channel].args.safeParse(GOOD[channel]).success, channel).toBe(true);
  });
});

describe.each(CHANNELS)('%s', (channel) => {
  it('refuses every malformed payload with INVALID_ARGUMENT', async () => {
    const schema = calls[channel].args;
    let refused = 0;
    for (const payload of badPayloads(GOOD[channel])) {
      // A mutation can still be valid (an optional argument set to undefined); those are not bad.
      if (Array.isArray(payload) && schema.safeParse(payload).success) continue;
      const result = await dispatch(channel, payload);
      expect(result.ok, `${channel} accepted ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_ARGUMENT');
        expect(result.error.message.length).toBeGreaterThan(0);
      }
      refused++;
    }
    expect(refused).toBeGreaterThan(3);
    expect(logged).toEqual([]);
    // Still alive and answering.
    const state = (await dispatch('library:state', [])) as Result<{ state: string }>;
    expect(state.ok && state.value.state).toBe('open');
  });
});

it('refuses an unknown channel with NOT_FOUND, including inherited property names', async () => {
  for (const channel of ['nope', '__proto__', 'constructor', 'toString', 'library:', ':state']) {
    const result = await dispatch(channel, []);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }
});

it('reports domain errors with their code and hides unexpected ones', async () => {
  const missing = await dispatch('library:getPhoto', ['0123456789abcdef']);
  expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const broken = createDispatcher(
    { ...app.service.handlers(), 'app:info': () => { throw new TypeError('secret internals at /home/x'); } },
    (message) => logged.push(message),
  );
  const result = await broken('app:info', []);
  expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(JSON.stringify(result)).not.toContain('secret');
  expect(logged.splice(0)).toHaveLength(1);
});

it('runs categories, albums and search end to end through the dispatcher', async () => {
  const added = (await dispatch('categories:add', [{ name: 'apples', prompts: ['a red apple'] }])) as Result<{ id: string }>;
  expect(added).toMatchObject({ ok: true, value: { name: 'apples', prompts: ['a red apple'] } });
  const duplicate = await dispatch('categories:add', [{ name: 'Apples' }]);
  expect(duplicate).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  const listed = (await dispatch('categories:list', [])) as Result<{ name: string }[]>;
  expect(listed.ok && listed.value.map((c) => c.name)).toEqual(['apples']);
  const album = (await dispatch('albums:createManual', ['Empty'])) as Result<{ id: string }>;
  expect(album).toMatchObject({ ok: true, value: { name: 'Empty', kind: 'manual', count: 0 } });
  if (album.ok) expect(await dispatch('albums:photos', [album.value.id])).toEqual({ ok: true, value: [] });
  // An empty library has nothing to find, and says so without an error.
  expect(await dispatch('search:photos', [{ text: 'a red apple' }])).toEqual({ ok: true, value: [] });
  if (added.ok) expect(await dispatch('categories:remove', [added.value.id])).toEqual({ ok: true, value: null });
  expect(logged).toEqual([]);
});

it('lists and enables starter categories, previews a draft and answers the clean-up calls on an empty library', async () => {
  const starters = (await dispatch('categories:starters', [])) as Result<{ name: string; enabled: boolean; parent: string | null }[]>;
  expect(starters.ok && starters.value.find((s) => s.name === 'beach')).toMatchObject({ enabled: false, parent: 'landscapes' });
  const enabled = (await dispatch('categories:enableStarters', [['beach', 'landscapes']])) as Result<{ name: string; parentId: string | null }[]>;
  expect(enabled.ok && enabled.value.map((c) => c.name).sort()).toEqual(['beach', 'landscapes']);
  const after = (await dispatch('categories:starters', [])) as Result<{ name: string; enabled: boolean }[]>;
  expect(after.ok && after.value.filter((s) => s.enabled).map((s) => s.name).sort()).toEqual(['beach', 'landscapes']);
  // Enabling again adds nothing; an unknown starter is refused.
  expect(await dispatch('categories:enableStarters', [['beach']])).toEqual({ ok: true, value: [] });
  expect(await dispatch('categories:enableStarters', [['no such starter']])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

  const preview = await dispatch('categories:preview', [{ name: 'apples', prompts: ['a red apple'], negativePrompts: [] }]);
  expect(preview).toEqual({ ok: true, value: { defaultThreshold: 0, counts: [], scored: 0, hits: [], truncated: false } });
  expect(await dispatch('tags:ofPhoto', ['0123456789abcdef'])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await dispatch('search:duplicates', [])).toEqual({ ok: true, value: [] });
  expect(await dispatch('tags:exportXmp', [])).toEqual({ ok: true, value: { written: 0, skipped: [] } });

  const album = (await dispatch('albums:createManual', ['Order'])) as Result<{ id: string }>;
  if (album.ok) expect(await dispatch('albums:movePhotos', [album.value.id, ['0123456789abcdef'], 0])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  if (album.ok) {
    // Renamed under the same rules as a new album; moved first, and the list follows.
    expect(await dispatch('albums:rename', [album.value.id, '  Ordered  '])).toMatchObject({ ok: true, value: { name: 'Ordered' } });
    expect(await dispatch('albums:rename', [album.value.id, 'empty'])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const moved = (await dispatch('albums:move', [album.value.id, 0])) as Result<{ name: string }[]>;
    expect(moved.ok && moved.value[0]?.name).toBe('Ordered');
    expect(await dispatch('albums:list', [])).toEqual(moved);
  }
  expect(await dispatch('albums:rename', ['0123456789abcdef', 'Nowhere'])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(logged).toEqual([]);
});
