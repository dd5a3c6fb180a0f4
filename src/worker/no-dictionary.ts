/**
 * Stands in for OpenCC's Simplified → Traditional dictionaries in the Worker
 * (wrangler.toml, [alias]): the Worker serves the bundled quotes, which are
 * written in Traditional script, and these dictionaries were 2 MB of its
 * 3.4 MB script (476 KiB of the upload, gzip). convertText refuses a zh-Hans source
 * without them (see canConvertFrom), and the Worker refuses bundled quotes
 * written in zh-Hans at its first request.
 */
export default '';
