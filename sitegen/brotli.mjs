#!/usr/bin/env node
// Brotli copies for sitegen/precompress.py: `node sitegen/brotli.mjs JOBS_JSON`, where JOBS_JSON
// names a file holding [[source, target], ...]. Every source is compressed at the highest quality
// with a 16 MB window (what browsers decode), several at once, and written to its target.
import { readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

const compress = promisify(brotliCompress);
const jobs = JSON.parse(readFileSync(process.argv[2], "utf8"));
await Promise.all(jobs.map(async ([source, target]) => {
  const data = readFileSync(source);
  const packed = await compress(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  writeFileSync(target, packed);
}));
