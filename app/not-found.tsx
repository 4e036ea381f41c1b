import Link from 'next/link';
import './globals.css';

/** Reached only for paths the locale proxy does not handle; every localised page has its own not-found. */
export default function GlobalNotFound() {
  return (
    <html lang="th">
      <body>
        <main id="main" className="page">
          <h1>ไม่พบหน้าที่ท่านต้องการ · Page not found</h1>
          <p>
            <Link href="/th">หน้าแรก</Link> · <Link href="/en">Home</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
