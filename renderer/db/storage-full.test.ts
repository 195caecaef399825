import { describe, expect, it } from 'vitest';
import { createStorageMonitor, isStorageFull } from './storage-full.ts';

describe('isStorageFull', () => {
  it('finds a quota or no-space error however deeply Dexie and RxDB wrapped it', () => {
    const quota = Object.assign(new Error('The current transaction exceeded its quota limitations.'), { name: 'QuotaExceededError' });
    const noSpace = Object.assign(new Error('Connection is closing because of: IO error: 000003.log: FILE_ERROR_NO_SPACE'), { name: 'UnknownError' });
    expect(isStorageFull(quota)).toBe(true);
    expect(isStorageFull({ name: 'AbortError', inner: quota })).toBe(true);
    expect(isStorageFull({ name: 'RxError', parameters: { errors: [{ message: 'x' }, { inner: noSpace }] } })).toBe(true);
    expect(isStorageFull(new Error('x', { cause: noSpace }))).toBe(true);
  });
  it('does not take other failures for a full disk', () => {
    expect(isStorageFull(new Error('centre answered 500'))).toBe(false);
    expect(isStorageFull({ name: 'ConstraintError', message: 'Key already exists' })).toBe(false);
    expect(isStorageFull(null)).toBe(false);
    expect(isStorageFull('QuotaExceededError')).toBe(false);
  });
});

describe('storage monitor', () => {
  it('a refused write marks the desk full until a probe write goes through again', async () => {
    const estimate = { usage: 100, quota: 1000 }; // a full disk does not show in the quota estimate
    let diskTakesWrites = true;
    const monitor = createStorageMonitor(async () => estimate, async () => diskTakesWrites);
    await monitor.check();
    expect(monitor.state$.value.isFull).toBe(false);
    expect(monitor.report(new Error('centre answered 500'))).toBe(false);
    expect(monitor.report(Object.assign(new Error('full'), { name: 'QuotaExceededError' }))).toBe(true);
    expect(monitor.state$.value.isFull).toBe(true);
    diskTakesWrites = false;
    await monitor.check();
    expect(monitor.state$.value.isFull).toBe(true);
    diskTakesWrites = true;
    await monitor.check();
    expect(monitor.state$.value).toEqual({ isFull: false, usedBytes: 100, quotaBytes: 1000 });
  });
  it('takes an unexplained failure for a full disk only when a probe write fails too', async () => {
    let diskTakesWrites = true;
    const monitor = createStorageMonitor(async () => ({ usage: 1, quota: 1000 }), async () => diskTakesWrites);
    expect(await monitor.diagnose(new Error('Internal error opening backing store'))).toBe(false);
    expect(monitor.state$.value.isFull).toBe(false);
    diskTakesWrites = false;
    expect(await monitor.diagnose(new Error('Internal error opening backing store'))).toBe(true);
    expect(monitor.state$.value.isFull).toBe(true);
  });

  it('warns before writes fail when the estimate nears the quota', async () => {
    const monitor = createStorageMonitor(async () => ({ usage: 960, quota: 1000 }), async () => true);
    expect((await monitor.check()).isFull).toBe(true);
  });
});
