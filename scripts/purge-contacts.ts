/** npm run purge:contacts — erase contact details past their retention now (the server also does it hourly). */
import { getDb } from '@/lib/db';
import { purgeExpiredContacts } from '@/lib/privacy/purge-contacts';

purgeExpiredContacts()
  .then(async (result) => {
    console.log(result.skipped ? 'Another instance is purging right now.' : `Purged ${result.purged ?? 0} contact detail(s).`);
    await (await getDb()).close();
  })
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
