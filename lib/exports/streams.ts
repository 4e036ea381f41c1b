import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Caller, Db } from '@/lib/db';
import type { Column } from './columns';
import { BOM, csvLine } from './csv';
import { responseRows, type ExportFilter } from './response-rows';

/**
 * Streaming exports. The CSV stream pulls one page of responses when the client is ready for more (backpressure), so a
 * million rows pass through a few megabytes of memory. The XLSX writer streams too (exceljs WorkbookWriter, no shared
 * strings or styles kept in memory).
 */

export function responsesCsv(db: Db, caller: Caller, filter: ExportFilter, columns: Column[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = responseRows(db, caller, filter);
  let headed = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headed) {
        headed = true;
        controller.enqueue(encoder.encode(BOM + csvLine(columns.map((c) => c.header))));
        return;
      }
      const next = await pages.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map((row) => csvLine(columns.map((c) => c.value(row)))).join('')));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

export function rowsCsv(rows: (string | number | null)[][]): ReadableStream<Uint8Array> {
  const body = BOM + rows.map((r) => csvLine(r)).join('');
  return new Response(body).body!;
}

export function responsesXlsx(
  db: Db,
  caller: Caller,
  filter: ExportFilter,
  columns: Column[],
  sheetName: string,
): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  void (async () => {
    try {
      sheet.addRow(columns.map((c) => c.header)).commit();
      for await (const page of responseRows(db, caller, filter)) {
        for (const row of page) sheet.addRow(columns.map((c) => c.value(row))).commit();
        // Let the client drain what was written before fetching the next page.
        if (output.writableNeedDrain) await new Promise((resolve) => output.once('drain', resolve));
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error as Error);
    }
  })();
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

export async function rowsXlsx(rows: (string | number | null)[][], sheetName: string): Promise<ReadableStream<Uint8Array>> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  void workbook.commit();
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
