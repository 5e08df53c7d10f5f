// electron-vite bundles `import x from './file?modulePath'` as a separate
// entry and gives its absolute path (see electron-vite/node.d.ts); declared
// here so the node tsconfig need not include electron-vite's client types.
declare module '*?modulePath' {
  const path: string;
  export default path;
}
