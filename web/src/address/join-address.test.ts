import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, joinBase, readableAddress } from './join-address';
import { PublicAddress } from './public-address.svelte';

describe('joinBase', () => {
  it('is the public URL when the server has one, else the page origin', () => {
    expect(joinBase('https://talkoot.example.fi/', 'http://localhost:8080')).toBe('https://talkoot.example.fi/');
    expect(joinBase(null, 'http://192.168.1.20:8080')).toBe('http://192.168.1.20:8080/');
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
    expect(address.base).toBe('http://localhost:8080/');
    expect(address.unreachableFromPhones).toBe(true);
    await Promise.all([address.load(), address.load()]);
    expect(asked).toBe(1);
    expect(address.base).toBe('https://talkoot.example.fi/');
    expect(address.readable).toBe('talkoot.example.fi');
    expect(address.unreachableFromPhones).toBe(false);
  });

  it('falls back to the page origin when no public URL is set or the server cannot be asked', async () => {
    const unset = new PublicAddress(() => 'http://192.168.1.20:8080', async () => ({ public_url: null }));
    await unset.load();
    expect(unset.base).toBe('http://192.168.1.20:8080/');
    expect(unset.unreachableFromPhones).toBe(false);
    const offline = new PublicAddress(
      () => 'http://127.0.0.1:8080',
      () => Promise.reject(new Error('offline')),
    );
    await offline.load();
    expect(offline.base).toBe('http://127.0.0.1:8080/');
    expect(offline.unreachableFromPhones).toBe(true);
  });
});
