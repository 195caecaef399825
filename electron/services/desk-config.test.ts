import { describe, expect, it } from 'vitest';
import { readDeskConfig, serverOrigin } from './desk-config.ts';

const env = { SHEKARA_SERVER_URL: 'http://127.0.0.1:8787', SHEKARA_DEVICE_TOKEN: 'a'.repeat(48), SHEKARA_CHECKPOINT: 'dostyk-avto', SHEKARA_DESK: 'dostyk-avto-1' };

describe('desk configuration', () => {
  it('reads a complete environment', () => {
    expect(readDeskConfig(env)).toEqual({ serverUrl: 'http://127.0.0.1:8787', deviceToken: 'a'.repeat(48), checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1', role: 'desk' });
    expect(readDeskConfig({ ...env, SHEKARA_DESK_ROLE: 'supervisor' }).role).toBe('supervisor');
    expect(serverOrigin(readDeskConfig({ ...env, SHEKARA_SERVER_URL: 'https://c.example.kz/api/' }))).toBe('https://c.example.kz');
  });

  it('names every missing variable', () => {
    expect(() => readDeskConfig({})).toThrow(
      'desk configuration is incomplete: SHEKARA_SERVER_URL is missing; SHEKARA_DEVICE_TOKEN is missing; SHEKARA_CHECKPOINT is missing; SHEKARA_DESK is missing',
    );
    expect(() => readDeskConfig({ ...env, SHEKARA_DESK: '  ' })).toThrow(/SHEKARA_DESK is missing/);
  });

  it('says what is wrong with a bad value', () => {
    expect(() => readDeskConfig({ ...env, SHEKARA_SERVER_URL: 'ftp://x' })).toThrow(/SHEKARA_SERVER_URL must be an http\(s\) URL/);
    expect(() => readDeskConfig({ ...env, SHEKARA_SERVER_URL: 'not a url' })).toThrow(/SHEKARA_SERVER_URL must be an http\(s\) URL/);
    expect(() => readDeskConfig({ ...env, SHEKARA_DEVICE_TOKEN: 'short' })).toThrow(/SHEKARA_DEVICE_TOKEN must be at least 16 characters/);
    expect(() => readDeskConfig({ ...env, SHEKARA_CHECKPOINT: 'x'.repeat(41) })).toThrow(/SHEKARA_CHECKPOINT must be at most 40 characters/);
    expect(() => readDeskConfig({ ...env, SHEKARA_DESK_ROLE: 'admin' })).toThrow(/SHEKARA_DESK_ROLE must be desk or supervisor/);
  });
});
