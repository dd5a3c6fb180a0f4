/**
 * Stands in for OpenCC's Simplified → Traditional dictionaries in the Worker
 * (wrangler.toml, [alias]): the Worker serves the bundled quotes, which are
 * written in Traditional script, and these dictionaries are three quarters of
 * its script (about 2 MB, 476 KiB gzip). convertText refuses a zh-Hans source
 * without them (see canConvertFrom), and the Worker refuses bundled quotes
 * written in zh-Hans at its first request.
 */
export default '';
