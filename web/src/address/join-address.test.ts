import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, joinAddressAt, joinBase, readableAddress } from './join-address';
import { PublicAddress } from './public-address.svelte';
import { parseRoute } from '../routing/route';

describe('joinBase', () => {
  it('is the public URL when the server has one, else the page origin', () => {
    expect(joinBase('https://talkoot.example.fi/', 'http://localhost:8080')).toBe('https://talkoot.example.fi/');
    expect(joinBase(null, 'http://192.168.1.20:8080')).toBe('http://192.168.1.20:8080/');
  });
});

describe('joinAddressAt', () => {
  it('makes the links the QR codes hold, which the router reads back', () => {
    const base = 'https://talkoot.example.fi/';
    expect(joinAddressAt(base, '4821 5903')).toBe('https://talkoot.example.fi/#/join/48215903');
    const table = joinAddressAt(base, '48215903', 's-3');
    expect(table).toBe('https://talkoot.example.fi/#/join/48215903/g/s-3');
    expect(parseRoute(new URL(table).hash)).toEqual({ page: 'landing', code: '48215903', group: 's-3' });
  });
});

describe('readableAddress', () => {
  it('drops the scheme and the slash', () => {
    expect(readableAddress('https://talkoot.example.fi/')).toBe('talkoot.example.fi');
    expect(readableAddress('http://192.168.1.20:8080/')).toBe('192.168.1.20:8080');
  });
});

describe('isLoopbackAddress', () => {
  it('knows the names and addresses that mean this computer', () => {
    for (const base of [
      'http://localhost:8080/',
      'http://LOCALHOST/',
      'http://talkoot.localhost:8080/',
      'http://127.0.0.1:8080/',
      'http://127.1.2.3/',
      'http://127.1/', // the URL parser reads it as 127.0.0.1
      'http://0.0.0.0:8080/',
      'http://[::1]:8080/',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      expect(isLoopbackAddress(base), base).toBe(true);
    }
  });

  it('leaves every address a phone can reach alone', () => {
    for (const base of [
      'http://192.168.1.20:8080/',
      'http://10.0.0.5/',
      'https://talkoot.example.fi/',
      'http://localhost.example.fi/',
      'http://128.0.0.1/',
      'http://[fd00::1]/',
      'http://[::ffff:192.168.1.20]/',
      'not a url',
    ]) {
      expect(isLoopbackAddress(base), base).toBe(false);
    }
  });
});

describe('PublicAddress', () => {
  it("uses the server's public URL once it has answered, and asks only once", async () => {
    let asked = 0;
    const address = new PublicAddress(
      () => 'http://localhost:8080',
      async () => {
        asked += 1;
        return { public_url: 'https://talkoot.example.fi/' };
      },
    );
    expect(address.joinAddress('48215903')).toBe('http://localhost:8080/#/join/48215903');
    expect(address.unreachableFromPhones).toBe(true);
    await Promise.all([address.load(), address.load()]);
    expect(asked).toBe(1);
    expect(address.joinAddress('48215903', 's-2')).toBe('https://talkoot.example.fi/#/join/48215903/g/s-2');
    expect(address.readable).toBe('talkoot.example.fi');
    expect(address.unreachableFromPhones).toBe(false);
  });

  it('falls back to the page origin when no public URL is set or the server cannot be asked', async () => {
    const unset = new PublicAddress(() => 'http://192.168.1.20:8080', async () => ({ public_url: null }));
    await unset.load();
    expect(unset.joinAddress('48215903')).toBe('http://192.168.1.20:8080/#/join/48215903');
    expect(unset.unreachableFromPhones).toBe(false);
    const offline = new PublicAddress(
      () => 'http://127.0.0.1:8080',
      () => Promise.reject(new Error('offline')),
    );
    await offline.load();
    expect(offline.joinAddress('48215903')).toBe('http://127.0.0.1:8080/#/join/48215903');
    expect(offline.unreachableFromPhones).toBe(true);
  });
});
