import './globals.css';

/** Reached only for paths the locale proxy does not handle; every localised page has its own not-found. */
export default function GlobalNotFound() {
  return (
    <html lang="th">
      <body>
        <main id="main" className="page">
          <h1>ไม่พบหน้าที่ท่านต้องการ · Page not found</h1>
          <p>
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- this boundary sits in every route's tree: next/link here put its client code on every page, the one-tap page included (+3.2 KB gzip, bench:page) */}
            <a href="/th">หน้าแรก</a> · <a href="/en">Home</a>
          </p>
        </main>
      </body>
    </html>
  );
}
