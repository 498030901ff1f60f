// Runs the shared suite against the napi build of the package.

import * as binding from '../index.mjs'
import { run } from './suite.mjs'

run({ name: 'napi', ...binding, disk: true, threads: true })
