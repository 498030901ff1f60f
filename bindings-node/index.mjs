// The ES module entry point: the same exports as the CommonJS entry `index.js`, which napi-rs
// generates and which loads the native addon.
export * from './index.js'
