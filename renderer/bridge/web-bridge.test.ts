import { describe, expect, it } from 'vitest';
import { readLaunchToken, type LaunchTokenPlace } from './web-bridge.ts';

function place(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const p: LaunchTokenPlace = {
    location: { hash, pathname: '/', search: '?lang=kk' },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    history: { state: null, replaceState: (_s, _t, url) => void replaced.push(String(url)) },
  };
  return { p, storage, replaced };
}

describe('readLaunchToken', () => {
  it('takes the token from the fragment, keeps it for reloads and clears the address bar', () => {
    const { p, storage, replaced } = place('#token=abc123');
    expect(readLaunchToken(p)).toBe('abc123');
    expect([...storage.values()]).toEqual(['abc123']);
    expect(replaced).toEqual(['/?lang=kk']);
  });

  it('after a reload (no fragment) reads the kept token', () => {
    const { p, replaced } = place('', { 'shekara.launchToken': 'kept' });
    expect(readLaunchToken(p)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('a new launch token replaces the kept one', () => {
    const { p, storage } = place('#token=new', { 'shekara.launchToken': 'old' });
    expect(readLaunchToken(p)).toBe('new');
    expect(storage.get('shekara.launchToken')).toBe('new');
  });

  it('says how to open the app when there is no token', () => {
    expect(() => readLaunchToken(place('#other=1').p)).toThrow(/#token=/);
  });
});
