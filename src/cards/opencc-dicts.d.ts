// opencc-js publishes each OpenCC dictionary as its own module (`opencc-js/dict/<name>`,
// through the package's "./*" export): a default export of "source target|source target|…".
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
