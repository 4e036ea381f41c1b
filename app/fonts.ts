import localFont from 'next/font/local';

/**
 * Sarabun (the Thai government's standard face) and Noto Sans Myanmar, shipped by the app itself from @fontsource:
 * no request leaves for a font service, and a phone downloads only the subsets its page's text needs (unicode-range).
 * Two weights only: 400 for text, 700 for headings and the faces' labels.
 */

// next/font needs literal paths.
export const sarabunThai = localFont({
  src: [
    { path: '../node_modules/@fontsource/sarabun/files/sarabun-thai-400-normal.woff2', weight: '400', style: 'normal' },
    { path: '../node_modules/@fontsource/sarabun/files/sarabun-thai-700-normal.woff2', weight: '700', style: 'normal' },
  ],
  declarations: [{ prop: 'unicode-range', value: 'U+02D7, U+0303, U+0331, U+0E01-0E5B, U+200C-200D, U+25CC' }],
  variable: '--font-thai',
  display: 'swap',
  fallback: ['Tahoma', 'sans-serif'],
});

export const sarabunLatin = localFont({
  src: [
    { path: '../node_modules/@fontsource/sarabun/files/sarabun-latin-400-normal.woff2', weight: '400', style: 'normal' },
    { path: '../node_modules/@fontsource/sarabun/files/sarabun-latin-700-normal.woff2', weight: '700', style: 'normal' },
  ],
  declarations: [
    {
      prop: 'unicode-range',
      value: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, U+20AC, U+2122, U+2212, U+FEFF, U+FFFD',
    },
  ],
  variable: '--font-latin',
  display: 'swap',
  fallback: ['system-ui', 'sans-serif'],
});

export const notoMyanmar = localFont({
  src: [
    {
      path: '../node_modules/@fontsource/noto-sans-myanmar/files/noto-sans-myanmar-myanmar-400-normal.woff2',
      weight: '400',
      style: 'normal',
    },
  ],
  declarations: [{ prop: 'unicode-range', value: 'U+1000-109F, U+200C-200D, U+25CC, U+A92E, U+A9E0-A9FE, U+AA60-AA7F' }],
  variable: '--font-myanmar',
  display: 'swap',
  preload: false,
  fallback: ['Padauk', 'Myanmar Text', 'sans-serif'],
});

export const fontVariables = [sarabunThai.variable, sarabunLatin.variable, notoMyanmar.variable].join(' ');
