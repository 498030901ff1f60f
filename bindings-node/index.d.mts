// Types of the ES module entry point: the same as those of the CommonJS entry.
export * from './index.js'
