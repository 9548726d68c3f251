// The layout worker's bundled source as a string, injected at build time by web/build.mjs.
declare module "worker-source" {
  const source: string;
  export default source;
}
