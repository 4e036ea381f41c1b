// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

// The benchmarks' build (`npm run bench:submit` sets SIANG_BENCH_BUILD=1): its own folder, and files ending in
// `.bench.ts` become routes too (the floor, app/api/bench/floor/route.bench.ts), and its type check reads its own
// generated types (tsconfig.bench.json). The product's build never has them.
const benchBuild = process.env.SIANG_BENCH_BUILD === '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  ...(benchBuild
    ? {
        distDir: '.next-bench',
        pageExtensions: ['tsx', 'ts', 'jsx', 'js', 'bench.ts'],
        typescript: { tsconfigPath: 'tsconfig.bench.json' },
      }
    : {}),
  reactStrictMode: true,
  // Loaded from node_modules at run time, not bundled: PGlite ships WASM and data files beside its code.
  // Evidence photos and documents (up to 5 MB) arrive through a server action.
  experimental: { serverActions: { bodySizeLimit: '6mb' } },
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino', 'bcryptjs', 'exceljs', 'qrcode', 'nodemailer'],
  // The language link's few-glyph Burmese font (scripts/subset-myanmar-name.sh) is on every citizen page: a phone keeps
  // it for a day instead of asking again on each page. A new subset gets a new file name.
  async headers() {
    return [{ source: '/fonts/:file*', headers: [{ key: 'Cache-Control', value: 'public, max-age=86400' }] }];
  },
};

module.exports = withNextIntl(nextConfig);
