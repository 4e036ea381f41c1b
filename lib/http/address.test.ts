import { describe, expect, it } from 'vitest';
import { addressKey, inNetwork, parseAddress } from './address';

describe('the key of a client address', () => {
  it('keys IPv6 by its /64, however the address is written', () => {
    const key = addressKey('2001:db8:1:2::1');
    for (const same of [
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0DB8:0001:0002:0:0:0:abcd',
      '[2001:db8:1:2::99]:443',
      '2001:db8:1:2::7%eth0',
      ' 2001:db8:1:2:aaaa:: ',
    ]) {
      expect(addressKey(same), same).toBe(key);
    }
    expect(key).toBe('2001:db8:1:2:0:0:0:0/64');
    for (const other of ['2001:db8:1:3::1', '2001:db8::1', '2001:db9:1:2::1']) expect(addressKey(other), other).not.toBe(key);
  });

  it('takes another prefix length when configured', () => {
    expect(addressKey('2001:db8:1:2::1', 48)).toBe(addressKey('2001:db8:1:ffff::1', 48));
    expect(addressKey('2001:db8:1:2::1', 56)).not.toBe(addressKey('2001:db8:1:ff00::1', 56));
    expect(addressKey('2001:db8:1:2::1', 128)).not.toBe(addressKey('2001:db8:1:2::2', 128));
    expect(addressKey('2001:db8:1:2::1', 60)).toBe(addressKey('2001:db8:1:f::1', 60));
    expect(addressKey('2001:db8:1:2::1', 60)).not.toBe(addressKey('2001:db8:1:10::1', 60));
  });

  it('keys IPv4 by the full address, and an IPv4-mapped IPv6 address as IPv4', () => {
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('192.0.2.2')).not.toBe(addressKey('192.0.2.1'));
    for (const mapped of ['::ffff:192.0.2.1', '::FFFF:c000:201', '0:0:0:0:0:ffff:192.0.2.1', '[::ffff:192.0.2.1]:80', '192.0.2.1:8080']) {
      expect(addressKey(mapped), mapped).toBe('192.0.2.1');
    }
    expect(addressKey('::ffff:192.0.2.1')).not.toBe(addressKey('::ffff:192.0.2.2'));
  });

  it('is null for anything that is not an address', () => {
    for (const junk of [
      '',
      'unknown',
      '1.2.3',
      '1.2.3.256',
      '::g',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      'example.org',
      '01.2.3.4',
      '1.2.3.4, 5.6.7.8',
    ]) {
      expect(addressKey(junk), junk).toBeNull();
    }
  });

  it('tells whether an address is in a network', () => {
    const at = (text: string) => parseAddress(text)!;
    expect(inNetwork(at('10.1.2.3'), at('10.0.0.0'), 8)).toBe(true);
    expect(inNetwork(at('11.1.2.3'), at('10.0.0.0'), 8)).toBe(false);
    expect(inNetwork(at('::ffff:10.1.2.3'), at('10.0.0.0'), 8)).toBe(true);
    expect(inNetwork(at('172.31.255.255'), at('172.16.0.0'), 12)).toBe(true);
    expect(inNetwork(at('172.32.0.0'), at('172.16.0.0'), 12)).toBe(false);
    expect(inNetwork(at('203.0.113.9'), at('0.0.0.0'), 0)).toBe(true);
    expect(inNetwork(at('fd00::5'), at('fd00::'), 8)).toBe(true);
    expect(inNetwork(at('fe00::5'), at('fd00::'), 8)).toBe(false);
    expect(inNetwork(at('10.1.2.3'), at('fd00::'), 0)).toBe(false);
  });
});
