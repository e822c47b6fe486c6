import { describe, expect, it } from 'vitest';
import { bigScreenUrl, displayTokenOf, withoutDisplayToken } from './display-url.js';

describe('the wall address', () => {
  it('is the big screen with the token as its display parameter', () => {
    expect(bigScreenUrl('https://12351.example.cn/', 'dsp_abc+/=')).toBe('https://12351.example.cn/big-screen?display=dsp_abc%2B%2F%3D');
    expect(displayTokenOf(new URL(bigScreenUrl('http://h', 'dsp_abc+/=')).search)).toBe('dsp_abc+/=');
  });

  it('has no token when the parameter is absent or blank', () => {
    expect(displayTokenOf('')).toBeNull();
    expect(displayTokenOf('?display=')).toBeNull();
    expect(displayTokenOf('?display=%20%20')).toBeNull();
    expect(displayTokenOf('?unitId=1')).toBeNull();
  });

  it('drops only the token from the address, keeping the other parameters and the fragment', () => {
    expect(withoutDisplayToken('http://h/big-screen?display=dsp_x')).toBe('/big-screen');
    expect(withoutDisplayToken('http://h/big-screen?a=1&display=dsp_x&b=2#top')).toBe('/big-screen?a=1&b=2#top');
    expect(withoutDisplayToken('http://h/big-screen?a=1')).toBe('/big-screen?a=1');
  });
});
