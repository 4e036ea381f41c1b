import { describe, expect, it } from 'vitest';
import { itaItemUrl } from './public-url';

describe('itaItemUrl', () => {
  it('gives each page its absolute public address for the fiscal year', () => {
    const base = 'https://feedback.example.go.th';
    expect(itaItemUrl(base, 'participation', 2568)).toBe('https://feedback.example.go.th/th/participation/2568');
    expect(itaItemUrl(base, 'results', 2567)).toBe('https://feedback.example.go.th/th/results?fiscalYear=2567');
    expect(itaItemUrl(base, 'improvements', 2569)).toBe('https://feedback.example.go.th/th/improvements?fiscalYear=2569');
  });
});
